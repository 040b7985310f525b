import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import { ConsumerNotFoundError } from '../errors/consumer-not-found-error';
import type { ConsumerRow, DeliveryRow } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import type { ReplayRequest, ReplayResult } from './types';

/**
 * Makes a consumer receive events again.
 * @remarks `{ dead: true }` marks its dead-lettered events `replaying`; a running dispatcher
 * delivers them (out of order, they are old) and forgets them on success. `{ fromSeq }` moves
 * the cursor back (or forward) so delivery resumes at `fromSeq`, dropping delivery state at or
 * after it, which the stream will produce afresh. Both rely on consumers being idempotent.
 */
export async function replayConsumer(
  db: Queryable,
  name: string,
  request: ReplayRequest,
  options: { now?: () => Date } = {},
): Promise<ReplayResult> {
  if ('fromSeq' in request && (!Number.isInteger(request.fromSeq) || request.fromSeq < 1)) {
    throw new ValidationError('Invalid replay', [
      { path: '/fromSeq', message: 'must be an integer >= 1' },
    ]);
  }
  return withDatabaseErrors('Replaying an outbox consumer', async () => {
    const nowIso = (options.now ?? (() => new Date()))().toISOString();
    const exists = await db<ConsumerRow>(TABLES.outboxConsumers).where({ name }).first('name');
    if (!exists) throw new ConsumerNotFoundError(name);

    if ('dead' in request) {
      const rows = await db<DeliveryRow>(TABLES.outboxDeliveries)
        .where({ consumer: name, status: 'dead' })
        .update({ status: 'replaying', attempts: 0, next_attempt_at: nowIso, updated_at: nowIso });
      return { consumer: name, mode: 'dead', rows };
    }

    const cursor = request.fromSeq - 1;
    return db.transaction(async (trx) => {
      // Retrying state behind the new cursor is moot; anything at or after it will be redelivered.
      const cleared =
        (await trx<DeliveryRow>(TABLES.outboxDeliveries)
          .where({ consumer: name })
          .andWhere('seq', '>', cursor)
          .delete()) +
        (await trx<DeliveryRow>(TABLES.outboxDeliveries)
          .where({ consumer: name, status: 'retrying' })
          .andWhere('seq', '<=', cursor)
          .delete());
      await trx<ConsumerRow>(TABLES.outboxConsumers)
        .where({ name })
        .update({ cursor, updated_at: nowIso });
      return { consumer: name, mode: 'fromSeq' as const, cursor, clearedDeliveries: cleared };
    });
  });
}
