import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { addSearchAnalytics } from './analytics-store';
import { dropReason, normalizeQuery } from './normalize-query';
import type { AnalyticsBatch, ClickEvent, SearchEvent } from './types';

export interface SearchAnalyticsOptions {
  /** How often aggregates are written; default 60 s. */
  flushMs?: number;
  /** A query extending or shortening the session's previous one within this time replaces it; 3 s. */
  typingWindowMs?: number;
  /** A different query within this time after the previous one is a refinement; 5 min. */
  refinementWindowMs?: number;
  /** How long a `queryId` can receive clicks; 30 min. */
  queryTtlMs?: number;
  /** Most searches remembered for click attribution (oldest forgotten first); 50,000. */
  maxRecent?: number;
  now?: () => number;
}

/** One search held in memory for click attribution. Never written anywhere as such. */
interface Recent {
  day: string;
  locale: string;
  /** The normalised query; `null` when it was dropped (personal data and the like). */
  query: string | null;
  totalHits: number;
  /** `type:position` → id of the hit shown there. */
  shown: Map<string, string>;
  state: 'pending' | 'counted' | 'superseded';
  at: number;
  session: string | undefined;
  clicked: Set<string>;
}

interface Session {
  pending: Recent | undefined;
  last: { query: string; at: number } | undefined;
  touched: number;
}

type Counter<T> = Map<string, T>;

/**
 * Anonymous search analytics, aggregated in memory and added to the database periodically.
 *
 * @remarks
 * Privacy by construction: a query is normalised and checked for personal data before anything
 * is counted (dropped ones only raise a per-day counter); what is counted is per day and locale,
 * never per person. `queryId`s and widget session tokens live only in this process's memory, for
 * click attribution (30 min) and refinement detection (5 min), and are never stored or logged.
 *
 * No request waits for the database: the flush is one short transaction of additive upserts
 * every `flushMs` (and on close). With SQLite this keeps the API's writes to one brief moment a
 * minute, like the usage counters, so the CMS's transactions are not starved (docs/search-api.md).
 * A failed flush keeps its counts for the next one.
 */
export class SearchAnalyticsRecorder {
  private readonly flushMs: number;
  private readonly typingWindowMs: number;
  private readonly refinementWindowMs: number;
  private readonly queryTtlMs: number;
  private readonly maxRecent: number;
  private readonly now: () => number;

  private readonly recent = new Map<string, Recent>();
  private readonly sessions = new Map<string, Session>();
  private daily: Counter<AnalyticsBatch['daily'][number]> = new Map();
  private queries: Counter<AnalyticsBatch['queries'][number]> = new Map();
  private positions: Counter<AnalyticsBatch['positions'][number]> = new Map();
  private refinements: Counter<AnalyticsBatch['refinements'][number]> = new Map();
  private flushTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly knex: Knex,
    private readonly logger: Logger,
    options: SearchAnalyticsOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 60_000;
    this.typingWindowMs = options.typingWindowMs ?? 3_000;
    this.refinementWindowMs = options.refinementWindowMs ?? 5 * 60_000;
    this.queryTtlMs = options.queryTtlMs ?? 30 * 60_000;
    this.maxRecent = options.maxRecent ?? 50_000;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.flushTimer) return;
    this.flushTimer = setInterval(() => void this.flush(), this.flushMs);
    this.flushTimer.unref();
    this.sweepTimer = setInterval(() => this.sweep(), 1_000);
    this.sweepTimer.unref();
  }

  /** Records one search (called by the endpoint after answering). */
  recordSearch(event: SearchEvent): void {
    const at = this.now();
    const day = new Date(at).toISOString().slice(0, 10);
    const normalized = normalizeQuery(event.query);
    const dropped = dropReason(event.query, normalized) !== null;
    const shown = new Map<string, string>();
    for (const group of event.shown) group.ids.forEach((id, i) => shown.set(`${group.type}:${group.offset + i + 1}`, id));
    const entry: Recent = {
      day,
      locale: event.locale,
      query: dropped ? null : normalized,
      totalHits: event.totalHits,
      shown,
      state: 'pending',
      at,
      session: event.session,
      clicked: new Set(),
    };
    this.remember(event.queryId, entry);
    if (entry.query === null) {
      entry.state = 'counted';
      this.day(day, entry.locale).dropped += 1;
      return;
    }
    if (!event.session) {
      this.commit(entry);
      return;
    }
    let session = this.sessions.get(event.session);
    if (!session) {
      session = { pending: undefined, last: undefined, touched: at };
      this.sessions.set(event.session, session);
    }
    session.touched = at;
    const previous = session.pending;
    if (previous?.query && at - previous.at < this.typingWindowMs && (entry.query.startsWith(previous.query) || previous.query.startsWith(entry.query))) {
      // Still typing: "kla" → "klam" → "klamydia" is one search.
      previous.state = 'superseded';
    } else if (previous) {
      this.commit(previous);
    }
    session.pending = entry;
  }

  /** Records a click; returns false when it was ignored (unknown or expired query, wrong hit). */
  recordClick(event: ClickEvent): boolean {
    const entry = this.recent.get(event.queryId);
    if (!entry || entry.query === null || entry.state === 'superseded') return false;
    if (this.now() - entry.at > this.queryTtlMs) return false;
    const slot = `${event.type}:${event.position}`;
    if (entry.shown.get(slot) !== event.id) return false;
    if (entry.clicked.has(slot)) return true; // a double click counts once
    entry.clicked.add(slot);
    if (entry.state === 'pending') this.commit(entry);
    this.day(entry.day, entry.locale).clicks += 1;
    this.query(entry.day, entry.locale, entry.query).clicks += 1;
    this.position(entry.day, entry.locale, event.type, event.position).clicks += 1;
    return true;
  }

  /** Counts every search still settling (close, tests). */
  settleAll(): void {
    for (const session of this.sessions.values()) {
      if (session.pending?.state === 'pending') this.commit(session.pending);
    }
  }

  /** Writes what has been counted so far. Concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.settle();
    const batch: AnalyticsBatch = {
      daily: [...this.daily.values()],
      queries: [...this.queries.values()],
      positions: [...this.positions.values()],
      refinements: [...this.refinements.values()],
    };
    if (batch.daily.length + batch.queries.length + batch.positions.length + batch.refinements.length === 0) return Promise.resolve();
    this.daily = new Map();
    this.queries = new Map();
    this.positions = new Map();
    this.refinements = new Map();
    this.flushing = (async () => {
      try {
        await addSearchAnalytics(this.knex, batch);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'search analytics flush failed; will retry');
        this.merge(batch);
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.flushTimer = undefined;
    this.sweepTimer = undefined;
    await this.flushing;
    this.settleAll();
    await this.flush();
    this.recent.clear();
    this.sessions.clear();
  }

  private remember(queryId: string, entry: Recent): void {
    if (this.recent.size >= this.maxRecent) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) {
        const old = this.recent.get(oldest.value);
        if (old?.state === 'pending') this.commit(old);
        this.recent.delete(oldest.value);
      }
    }
    this.recent.set(queryId, entry);
  }

  /** Counts a settled search: totals, the query, impressions per position and a refinement. */
  private commit(entry: Recent): void {
    if (entry.state !== 'pending' || entry.query === null) return;
    entry.state = 'counted';
    const zero = entry.totalHits === 0 ? 1 : 0;
    const daily = this.day(entry.day, entry.locale);
    daily.searches += 1;
    daily.zeroResults += zero;
    const q = this.query(entry.day, entry.locale, entry.query);
    q.searches += 1;
    q.zeroResults += zero;
    for (const slot of entry.shown.keys()) {
      const [type, position] = slot.split(':') as [string, string];
      this.position(entry.day, entry.locale, type, Number(position)).impressions += 1;
    }
    const session = entry.session ? this.sessions.get(entry.session) : undefined;
    if (session) {
      const last = session.last;
      if (last && last.query !== entry.query && entry.at - last.at <= this.refinementWindowMs) {
        daily.refinements += 1;
        const key = `${entry.day}\u0000${entry.locale}\u0000${last.query}\u0000${entry.query}`;
        const r = this.refinements.get(key);
        if (r) r.count += 1;
        else this.refinements.set(key, { day: entry.day, locale: entry.locale, fromQuery: last.query, toQuery: entry.query, count: 1 });
      }
      session.last = { query: entry.query, at: entry.at };
    }
  }

  /** Counts pending searches nobody followed up within the typing window. */
  private settle(): void {
    const now = this.now();
    for (const session of this.sessions.values()) {
      const p = session.pending;
      if (p?.state === 'pending' && now - p.at >= this.typingWindowMs) this.commit(p);
    }
  }

  private sweep(): void {
    this.settle();
    const now = this.now();
    for (const [id, entry] of this.recent) {
      if (now - entry.at <= this.queryTtlMs) break; // insertion order is time order
      this.recent.delete(id);
    }
    for (const [token, session] of this.sessions) {
      if (now - session.touched > this.refinementWindowMs && session.pending?.state !== 'pending') this.sessions.delete(token);
    }
  }

  private day(day: string, locale: string): AnalyticsBatch['daily'][number] {
    const key = `${day}\u0000${locale}`;
    let row = this.daily.get(key);
    if (!row) {
      row = { day, locale, searches: 0, zeroResults: 0, dropped: 0, clicks: 0, refinements: 0 };
      this.daily.set(key, row);
    }
    return row;
  }

  private query(day: string, locale: string, query: string): AnalyticsBatch['queries'][number] {
    const key = `${day}\u0000${locale}\u0000${query}`;
    let row = this.queries.get(key);
    if (!row) {
      row = { day, locale, query, searches: 0, zeroResults: 0, clicks: 0 };
      this.queries.set(key, row);
    }
    return row;
  }

  private position(day: string, locale: string, type: string, position: number): AnalyticsBatch['positions'][number] {
    const key = `${day}\u0000${locale}\u0000${type}\u0000${position}`;
    let row = this.positions.get(key);
    if (!row) {
      row = { day, locale, type, position, impressions: 0, clicks: 0 };
      this.positions.set(key, row);
    }
    return row;
  }

  /** Puts a batch that could not be written back into the counters. */
  private merge(batch: AnalyticsBatch): void {
    for (const d of batch.daily) {
      const row = this.day(d.day, d.locale);
      row.searches += d.searches;
      row.zeroResults += d.zeroResults;
      row.dropped += d.dropped;
      row.clicks += d.clicks;
      row.refinements += d.refinements;
    }
    for (const q of batch.queries) {
      const row = this.query(q.day, q.locale, q.query);
      row.searches += q.searches;
      row.zeroResults += q.zeroResults;
      row.clicks += q.clicks;
    }
    for (const p of batch.positions) {
      const row = this.position(p.day, p.locale, p.type, p.position);
      row.impressions += p.impressions;
      row.clicks += p.clicks;
    }
    for (const r of batch.refinements) {
      const key = `${r.day}\u0000${r.locale}\u0000${r.fromQuery}\u0000${r.toQuery}`;
      const row = this.refinements.get(key);
      if (row) row.count += r.count;
      else this.refinements.set(key, { ...r });
    }
  }
}
