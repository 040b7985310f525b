import type { ConsumerRow } from '../shared/rows';

/** Default for "stale": behind without progress for this long. */
export const DEFAULT_STALE_AFTER_HOURS = 24;

/** How a consumer is doing, from its row and the oldest event it has not handled yet. */
export interface ConsumerHealth {
  /** When the cursor last moved (or the consumer registered, or an operator reset it). */
  progressAt: string;
  /** A dispatcher holds an unexpired lease on it right now. */
  leaseHeld: boolean;
  /**
   * Seconds it has been behind without moving its cursor; 0 when caught up.
   * @remarks Counted from the later of its last progress and the creation of the oldest event it
   * has not handled: a consumer caught up for a month that misses today's publish has been
   * stalled since today, not for a month.
   */
  stalledSeconds: number;
  /** Stalled for longer than the threshold: stopped, removed, or stuck behind an outage. */
  stale: boolean;
}

/**
 * Derives a consumer's health.
 * @remarks `updated_at` changes only when the cursor does (delivery, dead letter, registration,
 * replay, rewind), never for a lease renewal, so it reads as "last progress". A lease that was
 * held and released keeps `lease_expires_at` at the release time, so "last held" survives a stop.
 */
export function consumerHealth(
  consumer: Pick<ConsumerRow, 'lease_owner' | 'lease_expires_at' | 'updated_at'>,
  oldestUndeliveredAt: string | null,
  nowMs: number,
  staleAfterHours: number = DEFAULT_STALE_AFTER_HOURS,
): ConsumerHealth {
  const leaseHeld =
    consumer.lease_owner !== null &&
    consumer.lease_expires_at !== null &&
    Date.parse(consumer.lease_expires_at) > nowMs;
  let stalledSeconds = 0;
  if (oldestUndeliveredAt !== null) {
    const since = Math.max(Date.parse(consumer.updated_at) || 0, Date.parse(oldestUndeliveredAt));
    stalledSeconds = Math.max(0, Math.floor((nowMs - since) / 1000));
  }
  return {
    progressAt: consumer.updated_at,
    leaseHeld,
    stalledSeconds,
    stale: stalledSeconds > staleAfterHours * 3600,
  };
}
