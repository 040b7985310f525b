import pino from 'pino';
import type { StoreLogger } from '../logger';
import { silentLogger } from '../logger';

describe('StoreLogger', () => {
  it('accepts a pino logger as it is', () => {
    // Compile-time check first: pino's methods take (fields, message) in this order.
    const logger: StoreLogger = pino({ level: 'silent' });
    expect(() => logger.warn({ consumer: 'search-index' }, 'outbox delivery failed')).not.toThrow();
  });

  it('has a silent default that drops everything', () => {
    expect(silentLogger.error({ a: 1 }, 'ignored')).toBeUndefined();
  });
});
