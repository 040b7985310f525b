import type { BackoffOptions } from './types';

/** The default retry schedule: 0.5 s, 1 s, 2 s … capped at 60 s, dead after 8 attempts. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 500,
  factor: 2,
  maxMs: 60_000,
  maxAttempts: 8,
  jitter: 0.1,
};

/**
 * Delay before the next attempt after `attempts` failed ones.
 * @remarks Exponential with a cap, plus up to `jitter` × delay of random extra so that many
 * consumers failing on the same outage don't all hammer the recovering service at once.
 */
export function backoffDelay(
  attempts: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  const delay = Math.min(options.maxMs, options.baseMs * options.factor ** exponent);
  const extra = delay * Math.min(1, Math.max(0, options.jitter)) * random();
  return Math.round(Math.min(options.maxMs, delay + extra));
}

/** Merges caller overrides onto the defaults and rejects schedules that cannot work. */
export function resolveBackoff(overrides: Partial<BackoffOptions> = {}): BackoffOptions {
  const resolved = { ...DEFAULT_BACKOFF, ...overrides };
  if (!(resolved.baseMs >= 0 && resolved.factor >= 1 && resolved.maxMs >= resolved.baseMs)) {
    throw new RangeError('backoff needs baseMs >= 0, factor >= 1 and maxMs >= baseMs');
  }
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new RangeError('backoff.maxAttempts must be an integer >= 1');
  }
  return resolved;
}
