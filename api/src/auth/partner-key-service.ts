import type { Knex } from 'knex';
import { lookupPartnerKey } from '@kilde/store';
import { readBearerToken } from './bearer-token';
import type { AuthResult } from './types';

interface Entry {
  result: AuthResult;
  expiresAt: number;
}

export interface PartnerKeyServiceOptions {
  /** How long a lookup (hit or miss) is remembered; 0 looks every request up. */
  cacheMs: number;
  /** Most remembered keys; the oldest is forgotten first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Authenticates requests by partner key.
 * @remarks Lookups are remembered for `cacheMs` (default 10 s) so a busy partner costs one query
 * per interval instead of one per request; the price is that a revoked key keeps working for up
 * to that long on each API replica. Unknown keys are remembered too, so guessing keys cannot
 * hammer the database. Concurrent lookups of the same key share one query.
 */
export class PartnerKeyService {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<AuthResult>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly knex: Knex,
    private readonly options: PartnerKeyServiceOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Authenticates an `Authorization` header value; synchronous when the answer is cached. */
  authenticate(header: string | undefined): AuthResult | Promise<AuthResult> {
    const token = readBearerToken(header);
    if (token === undefined) return { ok: false, reason: 'missing' };
    if (token === null) return { ok: false, reason: 'invalid' };
    const entry = this.cache.get(token);
    if (entry && entry.expiresAt > this.now()) return entry.result;
    const pending = this.inflight.get(token);
    if (pending) return pending;
    const lookup = this.lookup(token).finally(() => this.inflight.delete(token));
    this.inflight.set(token, lookup);
    return lookup;
  }

  /** Forgets every remembered lookup (tests, or an operator after revoking a leaked key). */
  clear(): void {
    this.cache.clear();
  }

  private async lookup(token: string): Promise<AuthResult> {
    const found = await lookupPartnerKey(this.knex, token);
    let result: AuthResult;
    if (!found) result = { ok: false, reason: 'invalid' };
    else if (found.status !== 'active') result = { ok: false, reason: found.status };
    else {
      const r = found.record;
      result = {
        ok: true,
        partner: { keyId: r.id, partner: r.partner, scopes: new Set(r.scopes), rateLimitPerMinute: r.rateLimitPerMinute },
      };
    }
    if (this.options.cacheMs > 0) {
      if (this.cache.size >= this.maxEntries) {
        const oldest = this.cache.keys().next();
        if (!oldest.done) this.cache.delete(oldest.value);
      }
      // An expiring key must not outlive its expiry in the cache.
      const expiresAt = found?.record.expiresAt ? Math.min(Date.parse(found.record.expiresAt), this.now() + this.options.cacheMs) : this.now() + this.options.cacheMs;
      this.cache.set(token, { result, expiresAt });
    }
    return result;
  }
}
