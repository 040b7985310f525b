import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import { ConsumerNotFoundError } from '../errors/consumer-not-found-error';
import type { ConsumerRow, DeliveryRow } from '../shared/rows';
import { dialectOf, type Queryable } from '../shared/queryable';
import { toInt } from '../shared/values';
import { assertChangesRetained, outboxWatermark } from './retention';
import type { ReplayRequest, ReplayResult } from './types';

/**
 * Makes a consumer receive events again.
 * @remarks `{ dead: true }` marks its dead-lettered events `replaying`; a running dispatcher
 * delivers them (out of order, they are old) and forgets them on success. `{ fromSeq }` moves
 * the cursor back (or forward) so delivery resumes at `fromSeq`, dropping delivery state at or
 * after it, which the stream will produce afresh. Both rely on consumers being idempotent.
 * @throws CursorExpiredError when `fromSeq` lies in pruned history (before the watermark).
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
    // Rows before the retention watermark may be pruned: a replay from there would quietly skip
    // them. Refuse (CURSOR_EXPIRED) rather than pretend; a rebuild is the way back that far.
    await assertChangesRetained(db, cursor);
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

/** Outcome of {@link rewindConsumer}. */
export interface RewindResult {
  consumer: string;
  /** The cursor before; null when the consumer did not exist and was created at `cursor`. */
  previous: number | null;
  /** The cursor now. */
  cursor: number;
}

/** Options of {@link rewindConsumer}. */
export interface RewindOptions {
  now?: () => Date;
  /**
   * Also move a cursor *forward* to `cursor` when it lies in pruned history (below the retention
   * watermark): for a rebuild that covers everything up to `cursor`, since such a consumer could
   * never receive the pruned events by replaying.
   */
  closeGap?: boolean;
}

/**
 * Moves a consumer's cursor back to `cursor` if it is past it, or creates the consumer there if it
 * has never run; a cursor already at or before `cursor` is left alone (unless `closeGap` and it
 * lies below the retention watermark: then it moves to `cursor`).
 * @remarks For rebuilds: an index built from the read store as of outbox seq N must receive every
 * event after N, including those the consumer already applied to the index the rebuild replaced.
 * Never moving forward keeps events the consumer has not reached yet. Delivery state after the
 * new cursor is dropped, since the stream redelivers those events. The consumer row is locked
 * (PostgreSQL) so this cannot interleave with a dispatcher's fenced write; a dispatcher round that
 * read the old cursor then fails its compare-and-set and starts over from the new one.
 */
export async function rewindConsumer(
  db: Queryable,
  name: string,
  cursor: number,
  options: RewindOptions = {},
): Promise<RewindResult> {
  if (!Number.isInteger(cursor) || cursor < 0) {
    throw new ValidationError('Invalid rewind', [
      { path: '/cursor', message: 'must be an integer >= 0' },
    ]);
  }
  if (name.length === 0 || name.length > 100) {
    throw new ValidationError('Invalid rewind', [
      { path: '/consumer', message: 'must be 1–100 characters long' },
    ]);
  }
  return withDatabaseErrors('Rewinding an outbox consumer', () =>
    db.transaction(async (trx) => {
      const nowIso = (options.now ?? (() => new Date()))().toISOString();
      const read = trx<ConsumerRow>(TABLES.outboxConsumers).where({ name }).first('cursor');
      if (dialectOf(db) === 'postgresql') void read.forUpdate();
      const row = await read;
      // Read under the row lock: a prune cannot pass this consumer's cursor, so the gap it sees
      // cannot widen before commit.
      const gapBelow = options.closeGap ? await outboxWatermark(trx) : 0;
      if (!row) {
        const inserted = await trx<ConsumerRow>(TABLES.outboxConsumers)
          .insert({ name, cursor, updated_at: nowIso })
          .onConflict('name')
          .ignore()
          .returning('name');
        if (inserted.length === 1) return { consumer: name, previous: null, cursor };
        // A dispatcher registered it meanwhile, at the beginning or the head: rewind that.
        const again = await trx<ConsumerRow>(TABLES.outboxConsumers)
          .where({ name })
          .first('cursor');
        return rewindRow(trx, name, toInt(again?.cursor), cursor, nowIso, gapBelow);
      }
      return rewindRow(trx, name, toInt(row.cursor), cursor, nowIso, gapBelow);
    }),
  );
}

async function rewindRow(
  trx: Queryable,
  name: string,
  previous: number,
  cursor: number,
  nowIso: string,
  gapBelow: number,
): Promise<RewindResult> {
  if (previous === cursor) return { consumer: name, previous, cursor: previous };
  if (previous < cursor) {
    if (previous >= gapBelow) return { consumer: name, previous, cursor: previous };
    // Out of pruned history: retry state the rebuild covers would linger behind the cursor.
    await trx<DeliveryRow>(TABLES.outboxDeliveries)
      .where({ consumer: name, status: 'retrying' })
      .andWhere('seq', '<=', cursor)
      .delete();
  } else {
    await trx<DeliveryRow>(TABLES.outboxDeliveries)
      .where({ consumer: name })
      .andWhere('seq', '>', cursor)
      .delete();
  }
  await trx<ConsumerRow>(TABLES.outboxConsumers)
    .where({ name })
    .update({ cursor, updated_at: nowIso });
  return { consumer: name, previous, cursor };
}
