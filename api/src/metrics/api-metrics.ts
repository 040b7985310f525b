import type { Knex } from 'knex';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { headSeq, registerStoreMetrics } from '@kilde/store';

/** The longest GraphQL operation name kept as a label; longer or odd names count as `other`. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Distinct operation names kept as labels; partners choose the names, so the set is capped. */
const MAX_OPERATIONS = 200;

export interface SearchLag {
  /** The outbox seq the search index has applied, or undefined while it starts. */
  appliedSeq(): number | undefined;
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
      const lagEvents = new Gauge({
        name: 'kilde_search_sync_lag_events',
        help: 'Outbox events the search index has not applied yet',
        registers: [this.registry],
      });
      new Gauge({
        name: 'kilde_search_sync_applied_seq',
        help: 'Outbox seq the search index has applied (absent while it starts)',
        registers: [this.registry],
        async collect() {
          const applied = searchLag.appliedSeq();
          if (applied === undefined) return;
          this.set(applied);
          try {
            lagEvents.set(Math.max(0, (await headSeq(knex)) - applied));
          } catch {
            // The database is down: /readyz says so; the last value stays.
          }
        },
      });
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
