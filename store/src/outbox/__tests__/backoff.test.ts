import { DEFAULT_BACKOFF, backoffDelay, resolveBackoff } from '../backoff';

describe('backoffDelay', () => {
  const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

  it('doubles from the base delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 8, 20].map((attempts) => backoffDelay(attempts, noJitter));
    expect(delays).toEqual([500, 1000, 2000, 4000, 60_000, 60_000]);
  });

  it('adds at most the jitter fraction on top, never beyond the cap', () => {
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0)).toBe(1000);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.999)).toBe(1100);
    expect(backoffDelay(30, DEFAULT_BACKOFF, () => 0.999)).toBe(60_000);
  });
});

describe('resolveBackoff', () => {
  it('fills in defaults and rejects schedules that never give up or shrink', () => {
    expect(resolveBackoff({ baseMs: 1 })).toEqual({ ...DEFAULT_BACKOFF, baseMs: 1 });
    expect(() => resolveBackoff({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveBackoff({ factor: 0.5 })).toThrow(RangeError);
  });
});
