import { TABLES } from '@kilde/migrations';
import { withDatabaseErrors } from '../database/database-errors';
import type { ConsumerRow, DeliveryRow, DeliveryStatusValue, OutboxRow } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import { checkLimit, toInt } from '../shared/values';
import { consumerHealth } from './consumer-health';
import { outboxRetention } from './retention';
import type { ConsumerStatus, DeliveryState, OutboxStatus } from './types';

/** Largest page `listDeliveries` serves. */
const MAX_DELIVERY_PAGE = 1000;

/** Highest seq in the outbox, 0 when empty. */
export async function headSeq(db: Queryable): Promise<number> {
  const rows = await db(TABLES.outbox).max<{ head: number | string | null }[]>({ head: 'seq' });
  return toInt(rows[0]?.head);
}

/** A consumer's cursor (the last seq it handled or dead-lettered), or null before it first ran. */
export async function consumerCursor(db: Queryable, name: string): Promise<number | null> {
  return withDatabaseErrors('Reading an outbox consumer cursor', async () => {
    const row = await db<ConsumerRow>(TABLES.outboxConsumers).where({ name }).first('cursor');
    return row ? toInt(row.cursor) : null;
  });
}

/**
 * Per-consumer delivery health: cursor, lag, age of the oldest undelivered event, retrying,
 * replaying and dead counts, the latest error, last progress, lease and whether it is stale
 * (behind without progress for longer than `staleAfterHours`, default 24).
 * Also the retention watermark and the oldest seq still stored (see `pruneOutbox`).
 * @remarks Lists consumers that have run at least once against this database.
 */
export async function outboxStatus(
  db: Queryable,
  options: { now?: () => Date; staleAfterHours?: number } = {},
): Promise<OutboxStatus> {
  return withDatabaseErrors('Reading outbox status', async () => {
    const nowMs = (options.now ?? (() => new Date()))().getTime();
    const head = await headSeq(db);
    const consumers = await db<ConsumerRow>(TABLES.outboxConsumers).orderBy('name');
    const counts = await db<DeliveryRow>(TABLES.outboxDeliveries)
      .select('consumer', 'status')
      .count<{ consumer: string; status: DeliveryStatusValue; n: number | string }[]>({ n: '*' })
      .groupBy('consumer', 'status');

    const result: ConsumerStatus[] = [];
    for (const consumer of consumers) {
      const cursor = toInt(consumer.cursor);
      const lagRows = await db(TABLES.outbox)
        .where('seq', '>', cursor)
        .count<{ n: number | string }[]>({ n: '*' });
      const oldest = await db<OutboxRow>(TABLES.outbox)
        .where('seq', '>', cursor)
        .orderBy('seq')
        .first('created_at');
      const lastError = await db<DeliveryRow>(TABLES.outboxDeliveries)
        .where({ consumer: consumer.name })
        .whereNotNull('last_error')
        .orderBy([
          { column: 'updated_at', order: 'desc' },
          { column: 'seq', order: 'desc' },
        ])
        .first('last_error');
      const health = consumerHealth(
        consumer,
        oldest?.created_at ?? null,
        nowMs,
        options.staleAfterHours,
      );
      const count = (status: DeliveryStatusValue): number =>
        toInt(counts.find((c) => c.consumer === consumer.name && c.status === status)?.n);
      result.push({
        name: consumer.name,
        cursor,
        headSeq: head,
        lag: toInt(lagRows[0]?.n),
        oldestUndeliveredAgeSeconds: oldest
          ? Math.max(0, Math.floor((nowMs - Date.parse(oldest.created_at)) / 1000))
          : null,
        retrying: count('retrying'),
        replaying: count('replaying'),
        dead: count('dead'),
        lastError: lastError?.last_error ?? null,
        leaseOwner: consumer.lease_owner,
        leaseExpiresAt: consumer.lease_expires_at,
        ...health,
      });
    }
    const retention = await outboxRetention(db);
    return {
      headSeq: head,
      watermark: retention.watermark,
      oldestRetainedSeq: retention.oldestRetainedSeq,
      consumers: result,
    };
  });
}

/** Lists delivery state (retrying, dead or replaying events), oldest event first. */
export async function listDeliveries(
  db: Queryable,
  query: { consumer?: string; status?: DeliveryStatusValue; limit?: number } = {},
): Promise<DeliveryState[]> {
  const limit = checkLimit(query.limit ?? 100, MAX_DELIVERY_PAGE);
  return withDatabaseErrors('Listing outbox deliveries', async () => {
    const builder = db<DeliveryRow>(TABLES.outboxDeliveries)
      .orderBy([{ column: 'consumer' }, { column: 'seq' }])
      .limit(limit);
    if (query.consumer !== undefined) void builder.where({ consumer: query.consumer });
    if (query.status !== undefined) void builder.where({ status: query.status });
    return (await builder).map((row) => ({
      consumer: row.consumer,
      seq: toInt(row.seq),
      status: row.status,
      attempts: toInt(row.attempts),
      nextAttemptAt: row.next_attempt_at,
      lastError: row.last_error,
      updatedAt: row.updated_at,
    }));
  });
}
