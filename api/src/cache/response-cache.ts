import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { PartnerScope } from '@kilde/store';
import type { ProviderCounts } from '../usage/served-items';
import { LruCache } from './lru-cache';

/** A cached GET response. */
export interface CachedResponse {
  body: Buffer;
  etag: string;
  contentType: string;
  /** Scopes the operation needed: a key without them is not served from the cache. */
  scopes: ReadonlySet<PartnerScope>;
  /** Items served per provider, replayed into the usage aggregates on every hit. */
  served: ProviderCounts;
  generation: number;
  expiresAt: number;
}

export interface ResponseCacheOptions {
  maxAgeMs: number;
  maxEntries?: number;
  /** How often to look for new outbox rows; default 1 s. */
  pollMs?: number;
  now?: () => number;
}

/**
 * In-memory cache of successful GET responses, keyed by media type and query string.
 * @remarks Content changes only through publication, and every publication appends to the
 * outbox. The cache polls the outbox head (`max(seq)`, one indexed read per second) and drops
 * everything when it moves, so a response is at most ~1 s staler than the read store, and never
 * older than `max-age`. Only responses without errors are cached. Turn it off with
 * `API_RESPONSE_CACHE=false` (the benchmark's "executed" run does).
 */
export class ResponseCache {
  private readonly entries: LruCache<string, CachedResponse>;
  private generation = 0;
  private headSeq: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    private readonly options: ResponseCacheOptions,
  ) {
    this.entries = new LruCache(options.maxEntries ?? 5_000);
    this.now = options.now ?? Date.now;
  }

  /** Starts watching the outbox; resolves once the current head is known. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.pollMs ?? 1_000);
    this.timer.unref();
  }

  get currentGeneration(): number {
    return this.generation;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== this.generation || entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Omit<CachedResponse, 'expiresAt' | 'generation'>, generation: number): void {
    // A response computed before the latest invalidation may already be stale.
    if (generation !== this.generation) return;
    this.entries.set(key, { ...entry, generation, expiresAt: this.now() + this.options.maxAgeMs });
  }

  /** Drops every entry (content changed). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  async poll(): Promise<void> {
    try {
      const row = (await this.knex('kilde_outbox').max({ seq: 'seq' }).first()) as { seq: number | string | null } | undefined;
      const seq = Number(row?.seq ?? 0);
      if (this.headSeq !== undefined && seq !== this.headSeq) this.invalidate();
      this.headSeq = seq;
    } catch (err) {
      // Without knowing the head we cannot vouch for cached content.
      this.invalidate();
      this.logger.warn({ err: (err as Error).message }, 'response cache could not read the outbox head');
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.entries.clear();
  }
}
