/** Outcome of taking tokens from a key's bucket. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Bucket size: the key's requests per minute. */
  limit: number;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until `cost` tokens are available (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * A per-key token bucket: `limitPerMinute` tokens, refilled continuously at `limitPerMinute / 60`
 * per second, one token per GraphQL operation.
 */
export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  take(bucket: string, limitPerMinute: number, cost: number): RateLimitDecision | Promise<RateLimitDecision>;
  close(): Promise<void>;
}

/** Turns bucket state into a decision (shared by both implementations). */
export function decide(allowed: boolean, tokens: number, limit: number, cost: number): RateLimitDecision {
  const perSecond = limit / 60;
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(tokens)),
    resetSeconds: Math.ceil((limit - tokens) / perSecond),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / perSecond)),
  };
}
