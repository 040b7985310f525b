import { decide, type RateLimitDecision, type RateLimiter } from './types';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in this process's memory: the zero-setup default.
 * @remarks Limits hold per API process; with several replicas set `REDIS_URL`. Full buckets are
 * swept every minute so idle keys do not accumulate.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly kind = 'memory' as const;
  private readonly buckets = new Map<string, Bucket>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  take(bucket: string, limitPerMinute: number, cost: number): RateLimitDecision {
    const now = this.now();
    const perMs = limitPerMinute / 60_000;
    let b = this.buckets.get(bucket);
    if (!b) {
      b = { tokens: limitPerMinute, at: now };
      this.buckets.set(bucket, b);
    } else {
      b.tokens = Math.min(limitPerMinute, b.tokens + (now - b.at) * perMs);
      b.at = now;
    }
    const allowed = b.tokens >= cost;
    if (allowed) b.tokens -= cost;
    return decide(allowed, b.tokens, limitPerMinute, cost);
  }

  private sweep(): void {
    const now = this.now();
    // A bucket untouched for two minutes is full again whatever its limit was: forget it.
    for (const [key, b] of this.buckets) if (now - b.at > 120_000) this.buckets.delete(key);
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    this.buckets.clear();
    return Promise.resolve();
  }
}
