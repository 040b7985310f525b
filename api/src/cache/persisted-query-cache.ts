import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LruCache } from './lru-cache';

/**
 * Store of automatic persisted queries (hash → query text) for Apollo Server.
 * @remarks A hash names one query text for ever, so entries never go stale: memory first, and
 * with Redis a shared second level so a query registered on one replica is known on all.
 * Redis errors degrade to memory only.
 */
export class PersistedQueryCache {
  private readonly memory = new LruCache<string, string>(10_000);

  constructor(
    private readonly redis: Redis | undefined,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const hit = this.memory.get(key);
    if (hit !== undefined || !this.redis) return hit;
    try {
      const value = await this.redis.get(`${this.prefix}apq:${key}`);
      if (value === null) return undefined;
      this.memory.set(key, value);
      return value;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'persisted query lookup in Redis failed');
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    this.memory.set(key, value);
    if (!this.redis) return;
    try {
      const ttl = options?.ttl ?? 7 * 24 * 3600;
      await this.redis.set(`${this.prefix}apq:${key}`, value, 'EX', ttl);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'persisted query registration in Redis failed');
    }
  }

  async delete(key: string): Promise<boolean | void> {
    this.memory.delete(key);
    if (this.redis) await this.redis.del(`${this.prefix}apq:${key}`).catch(() => undefined);
  }
}
