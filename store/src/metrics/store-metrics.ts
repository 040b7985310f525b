import type { Knex } from 'knex';
import { Counter, Gauge, type Registry } from 'prom-client';
import { outboxStatus } from '../outbox/status';
import type { OutboxStatus } from '../outbox/types';

interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Gauges both processes expose, read from the database when Prometheus scrapes (never on the
 * request path): outbox lag per consumer (events behind, age of the oldest undelivered event,
 * dead letters, time stalled, last progress, lease), outbox retention (watermark, oldest stored seq) and the database connection pool.
 * @remarks A scrape costs a few indexed queries; failing queries leave the last values and
 * count in `kilde_metrics_collect_errors_total` rather than failing the scrape.
 */
export function registerStoreMetrics(registry: Registry, knex: Knex, prefix = 'kilde_'): void {
  const collectErrors = new Counter({
    name: `${prefix}metrics_collect_errors_total`,
    help: 'Scrapes whose database reads failed',
    labelNames: ['source'],
    registers: [registry],
  });
  // prom-client collects gauges concurrently: they share one database read per scrape (any read
  // younger than a second is reused), so a scrape costs one `outboxStatus` whatever the count.
  let read: { at: number; status: Promise<OutboxStatus | null> } | undefined;
  const snapshot = (): Promise<OutboxStatus | null> => {
    const now = Date.now();
    if (!read || now - read.at > 1000) {
      read = {
        at: now,
        status: outboxStatus(knex).catch(() => {
          collectErrors.inc({ source: 'outbox' });
          return null;
        }),
      };
    }
    return read.status;
  };
  const perConsumer = (
    name: string,
    help: string,
    value: (c: OutboxStatus['consumers'][number]) => number,
  ): void => {
    new Gauge({
      name: `${prefix}${name}`,
      help,
      labelNames: ['consumer'],
      registers: [registry],
      async collect() {
        const status = await snapshot();
        if (!status) return;
        // Start afresh so a forgotten consumer's series disappears rather than freezing.
        this.reset();
        for (const c of status.consumers) this.set({ consumer: c.name }, value(c));
      },
    });
  };
  perConsumer('outbox_lag_events', 'Outbox events not yet delivered, per consumer', (c) => c.lag);
  perConsumer(
    'outbox_oldest_undelivered_age_seconds',
    'Age of the oldest undelivered outbox event per consumer (0 when caught up)',
    (c) => c.oldestUndeliveredAgeSeconds ?? 0,
  );
  perConsumer(
    'outbox_dead_events',
    'Outbox events given up on (dead letters), per consumer',
    (c) => c.dead,
  );
  perConsumer(
    'outbox_retrying_events',
    'Outbox events being retried, per consumer',
    (c) => c.retrying,
  );
  // Threshold-free on purpose: the API and CMS processes both expose these, and an alert rule
  // (`kilde_outbox_stalled_seconds > 86400`) states its own threshold.
  perConsumer(
    'outbox_stalled_seconds',
    'Seconds a consumer has been behind without its cursor moving (0 when caught up)',
    (c) => c.stalledSeconds,
  );
  perConsumer(
    'outbox_last_progress_timestamp_seconds',
    'Unix time a consumer last moved its cursor (or registered, or was replayed or rewound)',
    (c) => Math.floor(Date.parse(c.progressAt) / 1000) || 0,
  );
  perConsumer(
    'outbox_lease_expires_timestamp_seconds',
    'Unix time a consumer lease was last held until (0 when never held)',
    (c) => (c.leaseExpiresAt ? Math.floor(Date.parse(c.leaseExpiresAt) / 1000) || 0 : 0),
  );
  perConsumer(
    'outbox_lease_held',
    'Whether a dispatcher holds an unexpired lease on the consumer (1) or not (0)',
    (c) => (c.leaseHeld ? 1 : 0),
  );
  new Gauge({
    name: `${prefix}outbox_head_seq`,
    help: 'Highest outbox sequence number',
    registers: [registry],
    async collect() {
      const status = await snapshot();
      if (status) this.set(status.headSeq);
    },
  });
  new Gauge({
    name: `${prefix}outbox_watermark_seq`,
    help: 'Outbox retention watermark: rows at or below it may have been pruned (0 when none was)',
    registers: [registry],
    async collect() {
      const status = await snapshot();
      if (status) this.set(status.watermark);
    },
  });
  new Gauge({
    name: `${prefix}outbox_oldest_seq`,
    help: 'Lowest outbox sequence number still stored (0 when the outbox is empty)',
    registers: [registry],
    async collect() {
      const status = await snapshot();
      if (status) this.set(status.oldestRetainedSeq ?? 0);
    },
  });
  const pool = (): PoolLike | undefined => (knex.client as { pool?: PoolLike }).pool;
  new Gauge({
    name: `${prefix}db_pool_connections`,
    help: 'Database pool connections by state (used, free, pending acquires, pending creates)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const p = pool();
      if (!p) return;
      this.set({ state: 'used' }, p.numUsed());
      this.set({ state: 'free' }, p.numFree());
      this.set({ state: 'pending_acquire' }, p.numPendingAcquires());
      this.set({ state: 'pending_create' }, p.numPendingCreates());
    },
  });
}
