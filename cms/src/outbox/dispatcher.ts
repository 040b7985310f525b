import type { Core } from '@strapi/strapi';
import { createOutboxDispatcher, createRevisionHistoryConsumer, type OutboxConsumer } from '@kilde/store';
import { cmsMetrics } from '../observability/metrics';

export type RunningDispatcher = ReturnType<typeof createOutboxDispatcher>;

const extraConsumers: OutboxConsumer[] = [];

/**
 * Adds a consumer (search index, webhooks, …) before the dispatcher starts. Each consumer has its
 * own cursor, so adding one later replays it from the oldest outbox row still kept (rows past
 * `KILDE_OUTBOX_RETENTION_DAYS` may have been pruned: build anything that needs the whole history
 * from the read store first).
 */
export function registerOutboxConsumer(consumer: OutboxConsumer): void {
  extraConsumers.push(consumer);
}

/** Counts each delivery attempt in `kilde_outbox_deliveries_total{consumer,outcome}`. */
function counted(consumer: OutboxConsumer): OutboxConsumer {
  return {
    name: consumer.name,
    startAt: consumer.startAt,
    async handle(event) {
      try {
        await consumer.handle(event);
        cmsMetrics()?.deliveries.inc({ consumer: consumer.name, outcome: 'delivered' });
      } catch (err) {
        cmsMetrics()?.deliveries.inc({ consumer: consumer.name, outcome: 'failed' });
        throw err;
      }
    },
  };
}

/** The consumers this process delivers to, in registration order. */
export function outboxConsumers(strapi: Core.Strapi): OutboxConsumer[] {
  return [createRevisionHistoryConsumer(strapi.db.connection), ...extraConsumers].map(counted);
}

/** Starts the outbox dispatcher on the CMS's own database connection. */
export function startDispatcher(strapi: Core.Strapi): RunningDispatcher {
  const log = strapi.log;
  const dispatcher = createOutboxDispatcher({
    knex: strapi.db.connection,
    consumers: outboxConsumers(strapi),
    logger: {
      info: (obj: unknown, msg?: string) => log.info(msg ?? JSON.stringify(obj)),
      warn: (obj: unknown, msg?: string) => log.warn(`${msg ?? ''} ${JSON.stringify(obj)}`.trim()),
      error: (obj: unknown, msg?: string) => log.error(`${msg ?? ''} ${JSON.stringify(obj)}`.trim()),
      debug: (obj: unknown, msg?: string) => log.debug(msg ?? JSON.stringify(obj)),
    },
  });
  dispatcher.start();
  return dispatcher;
}
