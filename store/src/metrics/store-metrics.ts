import type { Knex } from 'knex';
import { Counter, Gauge, type Registry } from 'prom-client';
import { outboxStatus } from '../outbox/status';

interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Gauges both processes expose, read from the database when Prometheus scrapes (never on the
 * request path): outbox lag per consumer (events behind, age of the oldest undelivered event,
 * dead letters) and the database connection pool.
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
  const lag = new Gauge({
    name: `${prefix}outbox_lag_events`,
    help: 'Outbox events not yet delivered, per consumer',
    labelNames: ['consumer'],
    registers: [registry],
  });
  const age = new Gauge({
    name: `${prefix}outbox_oldest_undelivered_age_seconds`,
    help: 'Age of the oldest undelivered outbox event per consumer (0 when caught up)',
    labelNames: ['consumer'],
    registers: [registry],
  });
  const dead = new Gauge({
    name: `${prefix}outbox_dead_events`,
    help: 'Outbox events given up on (dead letters), per consumer',
    labelNames: ['consumer'],
    registers: [registry],
  });
  const retrying = new Gauge({
    name: `${prefix}outbox_retrying_events`,
    help: 'Outbox events being retried, per consumer',
    labelNames: ['consumer'],
    registers: [registry],
  });
  const head = new Gauge({
    name: `${prefix}outbox_head_seq`,
    help: 'Highest outbox sequence number',
    registers: [registry],
    async collect() {
      try {
        const status = await outboxStatus(knex);
        this.set(status.headSeq);
        for (const c of status.consumers) {
          lag.set({ consumer: c.name }, c.lag);
          age.set({ consumer: c.name }, c.oldestUndeliveredAgeSeconds ?? 0);
          dead.set({ consumer: c.name }, c.dead);
          retrying.set({ consumer: c.name }, c.retrying);
        }
      } catch {
        collectErrors.inc({ source: 'outbox' });
      }
    },
  });
  void head;
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
