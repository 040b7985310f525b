import { TABLES } from '@kilde/migrations';
import { withDatabaseErrors } from '../database/database-errors';
import { recordAudit } from '../audit/audit-log';
import { ConsumerLeaseHeldError } from '../errors/consumer-lease-held-error';
import { ConsumerNotFoundError } from '../errors/consumer-not-found-error';
import type { ConsumerRow, DeliveryRow, DeliveryStatusValue } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import { toInt } from '../shared/values';

/** Options of {@link forgetConsumer}. */
export interface ForgetConsumerOptions {
  /** Check and count what would be removed, remove nothing. */
  dryRun?: boolean;
  /** Records `outbox.forget-consumer` in the audit log, in the same transaction, as this actor. */
  actor?: string;
  now?: () => Date;
}

/** What {@link forgetConsumer} removed (or, on a dry run, would remove). */
export interface ForgetConsumerResult {
  consumer: string;
  dryRun: boolean;
  /** The cursor the consumer had: pruning may now pass it. */
  cursor: number;
  /** Outbox rows after that cursor that it had not handled. */
  lag: number;
  /** Its delivery rows, by status. */
  deliveries: Record<DeliveryStatusValue, number>;
}

/**
 * Removes a consumer that no longer runs: its cursor row and its delivery rows (retrying,
 * replaying, dead), in one transaction, so a stale cursor stops holding outbox pruning back.
 * @remarks Refuses while a dispatcher holds an unexpired lease on it (it runs somewhere): the
 * consumer row is deleted only where no live lease exists, in the same statement that checks it,
 * so a dispatcher taking the lease at that moment either wins (and this refuses) or finds no row.
 * A consumer that does come back registers afresh below the watermark (or at the head for
 * `startAt: 'latest'`): its `bootstrap` hook rebuilds what it feeds, if it has one; otherwise it
 * starts at the oldest row still kept, and what it feeds should be rebuilt from the read store.
 * @throws ConsumerNotFoundError, ConsumerLeaseHeldError
 */
export async function forgetConsumer(
  db: Queryable,
  name: string,
  options: ForgetConsumerOptions = {},
): Promise<ForgetConsumerResult> {
  return withDatabaseErrors('Forgetting an outbox consumer', () =>
    db.transaction(async (trx) => {
      const nowIso = (options.now ?? (() => new Date()))().toISOString();
      const row = await trx<ConsumerRow>(TABLES.outboxConsumers).where({ name }).first();
      if (!row) throw new ConsumerNotFoundError(name);
      const cursor = toInt(row.cursor);
      const noLiveLease = (q: Queryable) =>
        q<ConsumerRow>(TABLES.outboxConsumers)
          .where({ name })
          .andWhere((w) => {
            void w
              .whereNull('lease_owner')
              .orWhereNull('lease_expires_at')
              .orWhere('lease_expires_at', '<=', nowIso);
          });

      const counts = await trx<DeliveryRow>(TABLES.outboxDeliveries)
        .where({ consumer: name })
        .select('status')
        .count<{ status: DeliveryStatusValue; n: number | string }[]>({ n: '*' })
        .groupBy('status');
      const deliveries = { retrying: 0, replaying: 0, dead: 0 };
      for (const c of counts) deliveries[c.status] = toInt(c.n);
      const lagRows = await trx(TABLES.outbox)
        .where('seq', '>', cursor)
        .count<{ n: number | string }[]>({ n: '*' });
      const result: ForgetConsumerResult = {
        consumer: name,
        dryRun: options.dryRun === true,
        cursor,
        lag: toInt(lagRows[0]?.n),
        deliveries,
      };

      const removed = options.dryRun
        ? ((await noLiveLease(trx).first('name')) ? 1 : 0)
        : await noLiveLease(trx).delete();
      if (removed === 0) {
        const now = await trx<ConsumerRow>(TABLES.outboxConsumers).where({ name }).first();
        if (!now) throw new ConsumerNotFoundError(name);
        throw new ConsumerLeaseHeldError(name, now.lease_owner ?? '', now.lease_expires_at ?? '');
      }
      if (options.dryRun) return result;

      await trx<DeliveryRow>(TABLES.outboxDeliveries).where({ consumer: name }).delete();
      if (options.actor !== undefined) {
        await recordAudit(trx, {
          actor: options.actor,
          action: 'outbox.forget-consumer',
          subjectType: 'outbox-consumer',
          subjectId: name,
          details: { cursor, lag: result.lag, ...deliveries },
          at: nowIso,
        });
      }
      return result;
    }),
  );
}
