import { KildeError } from '@kilde/schemas';
import { DatabaseError } from '../errors/database-error';

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

// PostgreSQL SQLSTATEs that mean "the server cannot serve you now", not "your query is wrong".
const unavailableSqlStates = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '3D000',
  '28000',
  '28P01',
]);

const unavailableMessages =
  /Connection terminated|not queryable|connection is not open|Unable to acquire a connection|Timeout acquiring a connection/i;

function codeOf(err: Error): string | undefined {
  const code: unknown = 'code' in err ? err.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** True for errors raised by knex or a driver, as opposed to errors from the caller's code. */
export function isDriverError(err: unknown): err is Error {
  if (!(err instanceof Error) || err instanceof KildeError) return false;
  const code = codeOf(err);
  if (err.name === 'SqliteError' || err.name === 'KnexTimeoutError') return true;
  if (code !== undefined && networkCodes.has(code)) return true;
  // node-postgres server errors carry a severity and a five-character SQLSTATE.
  if ('severity' in err && code !== undefined && /^[0-9A-Z]{5}$/.test(code)) return true;
  return unavailableMessages.test(err.message);
}

/** True when retrying later may succeed (server down, pool exhausted, SQLite busy). */
export function isUnavailableError(err: Error): boolean {
  const code = codeOf(err) ?? '';
  if (err.name === 'KnexTimeoutError' || networkCodes.has(code)) return true;
  if (code.startsWith('08') || unavailableSqlStates.has(code)) return true;
  if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/.test(code)) return true;
  return unavailableMessages.test(err.message);
}

/**
 * Wraps a driver error into a `DatabaseError`; anything else passes through untouched.
 * @remarks Errors from the caller's own code (a consumer, a fault-injection hook) and Kilde's
 * own typed errors must reach the caller as they were thrown.
 */
export function toStoreError(err: unknown, operation: string): unknown {
  if (!isDriverError(err)) return err;
  const unavailable = isUnavailableError(err);
  return new DatabaseError(`${operation} failed: ${err.message.split('\n')[0] ?? ''}`, {
    code: unavailable ? 'DATABASE_UNAVAILABLE' : 'DATABASE_QUERY_FAILED',
    cause: err,
  });
}

/** Runs a store operation and wraps driver errors at the package edge. */
export async function withDatabaseErrors<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStoreError(err, operation);
  }
}
