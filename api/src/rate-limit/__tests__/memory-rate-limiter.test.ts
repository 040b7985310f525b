import { MemoryRateLimiter } from '../memory-rate-limiter';
import { rateLimitHeaders } from '../rate-limit-headers';

describe('MemoryRateLimiter', () => {
  let now = 0;
  let limiter: MemoryRateLimiter;
  beforeEach(() => {
    now = 1_000_000;
    limiter = new MemoryRateLimiter(() => now);
  });
  afterEach(async () => {
    await limiter.close();
  });

  it('allows a full bucket, then refuses with the time until a token is back', () => {
    for (let i = 0; i < 60; i += 1) expect(limiter.take('k', 60, 1).allowed).toBe(true);
    const refused = limiter.take('k', 60, 1);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, limit: 60 });
    now += 1_000; // 60/min refills one token per second
    expect(limiter.take('k', 60, 1).allowed).toBe(true);
    expect(limiter.take('k', 60, 1).allowed).toBe(false);
  });

  it('keeps buckets per key and charges the cost of a batch', () => {
    expect(limiter.take('a', 10, 8).remaining).toBe(2);
    expect(limiter.take('a', 10, 3)).toMatchObject({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take('b', 10, 3).allowed).toBe(true);
  });

  it('reports when the bucket is full again', () => {
    const d = limiter.take('k', 1200, 600);
    expect(d.resetSeconds).toBe(30);
  });
});

describe('rateLimitHeaders', () => {
  it('sends RateLimit-* always and Retry-After on refusal', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 1200, remaining: 1199, resetSeconds: 1, retryAfterSeconds: 0 })).toEqual({
      'ratelimit-limit': '1200',
      'ratelimit-remaining': '1199',
      'ratelimit-reset': '1',
      'ratelimit-policy': '1200;w=60',
    });
    expect(rateLimitHeaders({ allowed: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 4 })['retry-after']).toBe('4');
  });
});
