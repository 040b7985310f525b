import { timingSafeEqual } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { migrationStatus, registerStoreMetrics } from '@kilde/store';

/** The CMS process's Prometheus registry (one per process; tests start several, each its own). */
export interface CmsMetrics {
  registry: Registry;
  /** Outbox deliveries by consumer and outcome (the dispatcher reports them). */
  deliveries: Counter<'consumer' | 'outcome'>;
  /** Import jobs and webhook deliveries report here too. */
  jobs: Counter<'kind' | 'outcome'>;
  webhookFailures: Counter<'reason'>;
}

let current: CmsMetrics | undefined;

/** The running CMS's metrics, for modules that count things (dispatcher, webhooks, import). */
export function cmsMetrics(): CmsMetrics | undefined {
  return current;
}

interface KoaCtx {
  method: string;
  status: number;
  path: string;
  _matchedRoute?: string;
  get(name: string): string;
  set(name: string, value: string): void;
  body: unknown;
  type: string;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/metrics` on the CMS: request rate, latency and errors per route (the router's pattern, never
 * the raw path, so ids do not explode the label set), outbox lag per consumer, database pool,
 * process figures. With `KILDE_METRICS_TOKEN` set, scrapes must send it as a bearer token.
 */
export function registerMetrics(strapi: Core.Strapi, options: { token?: string } = {}): CmsMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'kilde-cms' });
  collectDefaultMetrics({ register: registry, prefix: 'kilde_' });
  registerStoreMetrics(registry, strapi.db.connection as never);
  const duration = new Histogram({
    name: 'kilde_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status class',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const metrics: CmsMetrics = {
    registry,
    deliveries: new Counter({
      name: 'kilde_outbox_deliveries_total',
      help: 'Outbox deliveries by consumer and outcome',
      labelNames: ['consumer', 'outcome'],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'kilde_jobs_total',
      help: 'Background jobs (imports) by kind and outcome',
      labelNames: ['kind', 'outcome'],
      registers: [registry],
    }),
    webhookFailures: new Counter({
      name: 'kilde_webhook_failures_total',
      help: 'Failed webhook deliveries by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
  current = metrics;

  strapi.server.use(async (ctx: KoaCtx, next: () => Promise<void>) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      if (ctx.path !== '/metrics') {
        const route =
          ctx._matchedRoute ?? (ctx.path.startsWith('/admin') ? '/admin/*' : 'unmatched');
        duration.observe(
          { route, method: ctx.method, status: `${Math.floor(ctx.status / 100)}xx` },
          (performance.now() - start) / 1000,
        );
      }
    }
  });

  // An array (not `{ type, routes }`): mounted at the root, without the content API's `/api`.
  strapi.server.routes([
    {
      method: 'GET',
      path: '/metrics',
      handler: async (ctx: KoaCtx) => {
        if (options.token) {
          const header = ctx.get('authorization');
          if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), options.token)) {
            ctx.status = 401;
            ctx.set('www-authenticate', 'Bearer realm="kilde-metrics"');
            ctx.body = {
              error: {
                status: 401,
                name: 'UnauthorizedError',
                message: 'Send the metrics token as a bearer token.',
              },
            };
            return;
          }
        }
        ctx.type = registry.contentType;
        ctx.set('cache-control', 'no-store');
        ctx.body = await registry.metrics();
      },
      config: { auth: false },
    },
    {
      // The process is alive and serving (a liveness probe).
      method: 'GET',
      path: '/healthz',
      handler: (ctx: KoaCtx) => {
        ctx.set('cache-control', 'no-store');
        ctx.body = { status: 'ok' };
      },
      config: { auth: false },
    },
    {
      // Ready for traffic: the database answers and Kilde's migrations are current.
      method: 'GET',
      path: '/readyz',
      handler: async (ctx: KoaCtx) => {
        ctx.set('cache-control', 'no-store');
        try {
          const knex = strapi.db.connection;
          await knex.raw('select 1');
          const status = await migrationStatus(knex);
          ctx.status = status.current ? 200 : 503;
          ctx.body = status.current
            ? { status: 'ok', database: 'ok', migrations: { current: true } }
            : { status: 'unavailable', database: 'ok', migrations: { current: false, pending: status.pending } };
        } catch {
          ctx.status = 503;
          ctx.body = { status: 'unavailable', database: 'unreachable' };
        }
      },
      config: { auth: false },
    },
  ] as never);
  return metrics;
}
