import type { Knex } from 'knex';
import { listWidgetOrigins, lookupWidgetKey, WIDGET_KEY_PATTERN, type WidgetKeyLookup } from '@kilde/store';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Widget key lookups and the list of allowed origins, remembered for `cacheMs` (like partner
 * keys): a busy site costs one query per interval, a revoked key stops working within it, and
 * made-up keys cannot hammer the database (misses are remembered too).
 */
export class WidgetKeyService {
  private readonly keys = new Map<string, Entry<WidgetKeyLookup>>();
  private readonly inflight = new Map<string, Promise<WidgetKeyLookup>>();
  private origins: Entry<Promise<Set<string>>> | undefined;

  constructor(
    private readonly knex: Knex,
    private readonly cacheMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxEntries = 10_000,
  ) {}

  /** The key's record and status, or null when it is not a widget key Kilde issued. */
  lookup(key: string): Promise<WidgetKeyLookup> {
    if (!WIDGET_KEY_PATTERN.test(key)) return Promise.resolve(null);
    const hit = this.keys.get(key);
    const now = this.now();
    if (hit && hit.expiresAt > now) return Promise.resolve(hit.value);
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const run = lookupWidgetKey(this.knex, key)
      .then((value) => {
        if (this.cacheMs > 0) {
          if (this.keys.size >= this.maxEntries) {
            const oldest = this.keys.keys().next();
            if (!oldest.done) this.keys.delete(oldest.value);
          }
          const expiry = value?.record.expiresAt ? Math.min(Date.parse(value.record.expiresAt), now + this.cacheMs) : now + this.cacheMs;
          this.keys.set(key, { value, expiresAt: expiry });
        }
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, run);
    return run;
  }

  /** Whether some live widget key allows `origin` (for preflights, which carry no key). */
  async isKnownOrigin(origin: string): Promise<boolean> {
    const now = this.now();
    if (!this.origins || this.origins.expiresAt <= now) {
      const value = listWidgetOrigins(this.knex);
      // A failed lookup is not remembered.
      value.catch(() => {
        if (this.origins?.value === value) this.origins = undefined;
      });
      this.origins = { value, expiresAt: now + Math.max(this.cacheMs, 0) };
    }
    return (await this.origins.value).has(origin);
  }

  /** Forgets every remembered lookup (tests, or after revoking a key). */
  clear(): void {
    this.keys.clear();
    this.origins = undefined;
  }
}
