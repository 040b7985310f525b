import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { headSeq, registerStoreMetrics } from '@kilde/store';

/** The longest GraphQL operation name kept as a label; longer or odd names count as `other`. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Distinct operation names kept as labels; partners choose the names, so the set is capped. */
const MAX_OPERATIONS = 200;

export interface SearchLag {
  /**
   * The outbox seq the search index has applied, or undefined while it starts: the embedded
   * index's own position, or the shared index's consumer cursor (read from the database).
   */
  appliedSeq(): number | undefined | Promise<number | undefined>;
  /**
   * Whether a shared engine (Meilisearch) answers; absent for the embedded engine, which lives in
   * this process. `starting` until the runtime exists.
   */
  health?(): Promise<'ok' | 'unreachable' | 'starting'>;
  /** Which engine serves search (`/readyz` says it). */
  engine?: 'embedded' | 'meilisearch';
}

/**
 * The API process's Prometheus metrics: requests per route, GraphQL operations, rate-limit
 * refusals, search sync lag, outbox lag, database pool and process figures.
 * @remarks Label values are bounded: routes are the router's names, operation names are
 * validated and capped, never raw paths or query text.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly operationDuration: Histogram<'operation' | 'outcome'>;
  private readonly rateLimited: Counter<'route'>;
  private readonly operations = new Set<string>();

  constructor(knex: Knex, options: { searchLag?: SearchLag } = {}) {
    this.registry.setDefaultLabels({ service: 'kilde-api' });
    collectDefaultMetrics({ register: this.registry, prefix: 'kilde_' });
    registerStoreMetrics(this.registry, knex);
    this.requestDuration = new Histogram({
      name: 'kilde_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status class',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.operationDuration = new Histogram({
      name: 'kilde_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration by operation name and outcome (ok, error)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.rateLimited = new Counter({
      name: 'kilde_rate_limit_rejections_total',
      help: 'Requests refused with 429, by route',
      labelNames: ['route'],
      registers: [this.registry],
    });
    const searchLag = options.searchLag;
    if (searchLag) {
      // Both gauges are collected concurrently: they share one read per scrape, so the lag is
      // never a scrape behind the applied seq.
      let read:
        | { at: number; value: Promise<{ applied: number; head: number } | null> }
        | undefined;
      const position = (): Promise<{ applied: number; head: number } | null> => {
        const now = Date.now();
        if (!read || now - read.at > 1000) {
          const value = (async () => {
            const applied = await searchLag.appliedSeq();
            return applied === undefined ? null : { applied, head: await headSeq(knex) };
          })().catch(() => null); // the database is down: /readyz says so; the last values stay
          read = { at: now, value };
        }
        return read.value;
      };
      new Gauge({
        name: 'kilde_search_sync_lag_events',
        help: 'Outbox events the search index has not applied yet',
        registers: [this.registry],
        async collect() {
          const p = await position();
          if (p) this.set(Math.max(0, p.head - p.applied));
        },
      });
      new Gauge({
        name: 'kilde_search_sync_applied_seq',
        help: 'Outbox seq the search index has applied (absent while it starts)',
        registers: [this.registry],
        async collect() {
          const p = await position();
          if (p) this.set(p.applied);
        },
      });
      const health = searchLag.health?.bind(searchLag);
      if (health) {
        new Gauge({
          name: 'kilde_search_engine_up',
          help: 'Whether the shared search engine (Meilisearch) answered its health check at the last scrape (1) or not (0)',
          registers: [this.registry],
          async collect() {
            const status = await health();
            if (status !== 'starting') this.set(status === 'ok' ? 1 : 0);
          },
        });
      }
    }
  }

  /** Records one HTTP request (called when the response finishes). */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requestDuration.observe(
      { route, method, status: `${Math.floor(status / 100)}xx` },
      seconds,
    );
    if (status === 429) this.rateLimited.inc({ route });
  }

  /** Records one GraphQL operation. */
  observeOperation(name: string | undefined, ok: boolean, seconds: number): void {
    this.operationDuration.observe(
      { operation: this.operationLabel(name), outcome: ok ? 'ok' : 'error' },
      seconds,
    );
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }
}
