import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { MemoryRateLimiter } from './memory-rate-limiter';
import { decide, type RateLimitDecision, type RateLimiter } from './types';

/**
 * One atomic step of a token bucket. Redis's own clock (`TIME`) is used so replicas with skewed
 * clocks still agree. Returns `{ allowed, tokens }`; tokens as a string to keep the fraction.
 * Needs Redis 5+ (scripts replicate effects, so `TIME` before a write is allowed).
 */
export const TOKEN_BUCKET_SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_ms = capacity / 60000
local cost = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
return { allowed, tostring(tokens) }
`;

type TakeTokens = (key: string, capacity: number, cost: number) => Promise<[number, string]>;

/**
 * Token buckets in Redis, shared by every API replica.
 * @remarks If Redis is unreachable the limiter falls back to an in-process bucket (and logs, at
 * most once a minute) rather than failing partner requests: a degraded limit beats an outage.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly kind = 'redis' as const;
  private readonly fallback = new MemoryRateLimiter();
  private lastWarning = 0;
  private readonly takeTokens: TakeTokens;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    redis.defineCommand('kildeTakeTokens', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
    const command = (redis as unknown as Record<string, TakeTokens>).kildeTakeTokens;
    if (!command) throw new Error('ioredis did not define kildeTakeTokens');
    this.takeTokens = command.bind(redis);
  }

  async take(bucket: string, limitPerMinute: number, cost: number): Promise<RateLimitDecision> {
    try {
      const [allowed, tokens] = await this.takeTokens(`${this.prefix}ratelimit:${bucket}`, limitPerMinute, cost);
      return decide(allowed === 1, Number(tokens), limitPerMinute, cost);
    } catch (err) {
      const now = Date.now();
      if (now - this.lastWarning > 60_000) {
        this.lastWarning = now;
        this.logger.warn({ err: (err as Error).message }, 'Redis rate limiter unavailable; limiting per process');
      }
      return this.fallback.take(bucket, limitPerMinute, cost);
    }
  }

  async close(): Promise<void> {
    await this.fallback.close();
  }
}
