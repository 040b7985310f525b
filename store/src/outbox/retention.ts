import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import { CursorExpiredError } from '../errors/cursor-expired-error';
import { silentLogger, type StoreLogger } from '../shared/logger';
import type { ConsumerRow, OutboxRow } from '../shared/rows';
import { dialectOf, type Queryable } from '../shared/queryable';
import { toInt } from '../shared/values';
import { consumerHealth, DEFAULT_STALE_AFTER_HOURS } from './consumer-health';

const DAY_MS = 86_400_000;
/** Rows one pruning statement deletes at most: short transactions, short locks. */
export const DEFAULT_PRUNE_BATCH_SIZE = 5000;
/** The watermark's single row. */
const RETENTION_ROW = 1;

interface RetentionRow {
  id: number;
  pruned_through_seq: number | string;
  pruned_rows: number | string;
  last_pruned_at: string | null;
}

/** Options of {@link pruneOutbox}. */
export interface PruneOutboxOptions {
  /** Rows younger than this many days are kept whatever their state. */
  retentionDays: number;
  /** Rows per delete statement (and transaction); default 5,000. */
  batchSize?: number;
  /** Count what would go, delete nothing. */
  dryRun?: boolean;
  /** Clock for the age cut-off; default `new Date()`. */
  now?: () => Date;
  /** A consumer behind without progress for longer than this is stale; default 24. */
  staleAfterHours?: number;
  logger?: StoreLogger;
}

/** A stale consumer whose cursor keeps rows old enough to prune (see `outboxStatus`). */
export interface StaleConsumerHold {
  name: string;
  cursor: number;
  /** Rows old enough to prune that lie past its cursor. */
  rowsHeldBack: number;
  stalledSeconds: number;
  /** A dispatcher still holds its lease (stuck rather than gone). */
  leaseHeld: boolean;
}

/** Outcome of {@link pruneOutbox}; counts only, never row content. */
export interface PruneOutboxResult {
  dryRun: boolean;
  /** Rows created before this instant were old enough to go. */
  cutoff: string;
  /** Rows deleted (0 on a dry run). */
  deleted: number;
  /** On a dry run, rows that would be deleted now; otherwise 0. */
  wouldDelete: number;
  /** Delete statements run. */
  batches: number;
  /** "History starts after seq N" after this run: every row at or below N may be gone. */
  watermark: number;
  /** Lowest seq still in the outbox, null when it is empty. */
  oldestRetainedSeq: number | null;
  /** Smallest consumer cursor, the other bound on what may go; null when no consumer has run. */
  minConsumerCursor: number | null;
  /** Stale consumers holding pruning back, lowest cursor first (each also logged as a warning). */
  staleConsumers: StaleConsumerHold[];
}

/** The outbox's retention state, for status pages and `/metrics`. */
export interface OutboxRetention {
  /** Every outbox row at or below this seq may have been pruned; 0 when nothing ever was. */
  watermark: number;
  oldestRetainedSeq: number | null;
  /** Rows pruned over the outbox's life. */
  prunedRows: number;
  lastPrunedAt: string | null;
}

/**
 * The watermark: every outbox row at or below it may have been pruned (0 when none ever was).
 * @remarks Read it *after* reading outbox rows when deciding whether those rows were complete: the
 * watermark commits together with its deletes, so a read that follows the rows sees any prune
 * that could have taken rows from under them.
 */
export async function outboxWatermark(db: Queryable): Promise<number> {
  return withDatabaseErrors('Reading the outbox watermark', async () => {
    const row = await db<RetentionRow>(TABLES.outboxRetention)
      .where({ id: RETENTION_ROW })
      .first('pruned_through_seq');
    return toInt(row?.pruned_through_seq);
  });
}

/**
 * Throws {@link CursorExpiredError} when the feed after `afterSeq` is no longer complete.
 * @remarks A cursor equal to the watermark is fine: it has seen everything up to the watermark,
 * and every row after it is retained.
 */
export async function assertChangesRetained(db: Queryable, afterSeq: number): Promise<void> {
  const watermark = await outboxWatermark(db);
  if (afterSeq < watermark) throw new CursorExpiredError(afterSeq, watermark);
}

/** Watermark, oldest retained seq and pruning totals. */
export async function outboxRetention(db: Queryable): Promise<OutboxRetention> {
  return withDatabaseErrors('Reading outbox retention', async () => {
    const row = await db<RetentionRow>(TABLES.outboxRetention).where({ id: RETENTION_ROW }).first();
    return {
      watermark: toInt(row?.pruned_through_seq),
      oldestRetainedSeq: await oldestSeq(db),
      prunedRows: toInt(row?.pruned_rows),
      lastPrunedAt: row?.last_pruned_at ?? null,
    };
  });
}

async function oldestSeq(db: Queryable): Promise<number | null> {
  const rows = await db(TABLES.outbox).min<{ oldest: number | string | null }[]>({ oldest: 'seq' });
  const oldest = rows[0]?.oldest;
  return oldest === null || oldest === undefined ? null : toInt(oldest);
}

/**
 * Deletes outbox rows nobody needs any more, in bounded batches, and moves the watermark.
 * A row goes only when all of these hold:
 * - it is older than `retentionDays`;
 * - every registered consumer's cursor is at or past it (a lagging consumer keeps its backlog);
 * - no delivery state refers to it (retrying, replaying and dead events stay replayable);
 * - it is not the newest row (the head seq keeps meaning "the feed's position now" for exports,
 *   `startAt: 'latest'` consumers and the response cache, and SQLite never hands its seq out again).
 * With no consumer registered at all nothing goes: a dispatcher that has never run would start
 * from the beginning of the outbox, and that beginning must still be there.
 * @remarks Each batch is one statement in one short transaction together with its watermark
 * update, so it never holds a long lock, a crash loses at most the batch in flight, and running
 * it again simply continues. Several nodes may prune at once: on PostgreSQL each batch locks its
 * rows with `FOR UPDATE SKIP LOCKED`, so concurrent runs take different rows; SQLite has one
 * writer. The watermark only ever moves forward (`max`), whichever batch commits last.
 */
export async function pruneOutbox(
  db: Queryable,
  options: PruneOutboxOptions,
): Promise<PruneOutboxResult> {
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH_SIZE;
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) {
    throw new ValidationError('Invalid outbox retention', [
      { path: '/retentionDays', message: 'must be an integer >= 1' },
    ]);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new ValidationError('Invalid outbox retention', [
      { path: '/batchSize', message: 'must be an integer from 1 to 10000' },
    ]);
  }
  const logger = options.logger ?? silentLogger;
  const now = (options.now ?? (() => new Date()))();
  const cutoff = new Date(now.getTime() - options.retentionDays * DAY_MS).toISOString();
  const dialect = dialectOf(db);

  return withDatabaseErrors('Pruning the outbox', async () => {
    const minCursorRows = await db(TABLES.outboxConsumers).min<{ min: number | string | null }[]>({
      min: 'cursor',
    });
    const rawMin = minCursorRows[0]?.min;
    const minConsumerCursor = rawMin === null || rawMin === undefined ? null : toInt(rawMin);
    const upper = await pruneUpperBound(db, cutoff);

    /** Rows that may go now, lowest first; re-evaluated by every statement that uses it. */
    const candidates = (q: Queryable, limit?: number) => {
      const select = q<OutboxRow>(`${TABLES.outbox} as o`)
        .select('o.seq')
        .where('o.seq', '<=', upper)
        .andWhere('o.created_at', '<', cutoff)
        // In SQL, not from the value read above: an operator rewinding a consumer meanwhile
        // lowers the bound for every later batch.
        .andWhere('o.seq', '<=', q(TABLES.outboxConsumers).min('cursor'))
        .whereNotExists(
          q(`${TABLES.outboxDeliveries} as d`).select(q.raw('1')).whereRaw('d.seq = o.seq'),
        )
        .orderBy('o.seq');
      if (limit !== undefined) void select.limit(limit);
      return select;
    };

    let deleted = 0;
    let wouldDelete = 0;
    let batches = 0;
    if (minConsumerCursor !== null && upper > 0) {
      if (options.dryRun) {
        const rows = await db
          .from(candidates(db).clearOrder().as('c'))
          .count<{ n: number | string }[]>({ n: '*' });
        wouldDelete = toInt(rows[0]?.n);
      } else {
        for (;;) {
          const removed = await db.transaction(async (trx) => {
            const batch = candidates(trx, batchSize);
            if (dialect === 'postgresql') void batch.forUpdate().skipLocked();
            // RETURNING by hand: knex 3.0 compiles none for a SQLite delete (SQLite has had it
            // since 3.35), and the watermark needs the seqs that actually went.
            const { sql, bindings } = trx(TABLES.outbox).whereIn('seq', batch).delete().toSQL();
            const raw: unknown = await trx.raw(`${sql} returning "seq"`, bindings);
            const gone = (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as {
              seq: number | string;
            }[];
            const seqs = gone.map((r) => toInt(r.seq));
            if (seqs.length > 0) await moveWatermark(trx, Math.max(...seqs), seqs.length, now);
            return seqs.length;
          });
          batches += 1;
          deleted += removed;
          // A short batch means this run is done (or another node holds the rest right now).
          if (removed < batchSize) break;
        }
      }
    }

    const staleConsumers =
      minConsumerCursor !== null && upper > 0
        ? await staleHolds(db, upper, now.getTime(), options.staleAfterHours)
        : [];
    for (const hold of staleConsumers) {
      logger.warn(
        { ...hold, staleAfterHours: options.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS },
        'outbox prune held back by a stale consumer; if it no longer runs, remove it with `npx kilde outbox forget-consumer NAME`',
      );
    }

    const result: PruneOutboxResult = {
      dryRun: options.dryRun === true,
      cutoff,
      deleted,
      wouldDelete,
      batches,
      watermark: await outboxWatermark(db),
      oldestRetainedSeq: await oldestSeq(db),
      minConsumerCursor,
      staleConsumers,
    };
    logger.info(
      {
        dryRun: result.dryRun,
        retentionDays: options.retentionDays,
        cutoff,
        deleted,
        wouldDelete,
        batches,
        watermark: result.watermark,
        oldestRetainedSeq: result.oldestRetainedSeq,
        minConsumerCursor,
      },
      minConsumerCursor === null
        ? 'outbox prune: no consumer has run yet, nothing pruned'
        : result.dryRun
          ? 'outbox prune (dry run)'
          : 'outbox pruned',
    );
    return result;
  });
}

/**
 * Highest seq age and position allow to go: below the first row created at or after the cut-off
 * and below the head.
 * @remarks `created_at` is not indexed; walking the primary key up to the first young row costs
 * about as many rows as the prune deletes. Stopping at the first young row (rather than taking
 * every old row) also keeps an old-stamped row that follows a young one, which only a skewed
 * clock produces: retention errs on keeping.
 */
async function pruneUpperBound(db: Queryable, cutoff: string): Promise<number> {
  const heads = await db(TABLES.outbox).max<{ head: number | string | null }[]>({ head: 'seq' });
  const head = toInt(heads[0]?.head);
  const firstYoung = await db<OutboxRow>(TABLES.outbox)
    .where('created_at', '>=', cutoff)
    .orderBy('seq')
    .first('seq');
  const belowYoung = firstYoung ? toInt(firstYoung.seq) - 1 : head;
  return Math.min(belowYoung, head - 1);
}

/**
 * Stale consumers whose cursor lies below `upper`, the highest seq age and head allow to prune:
 * each keeps every old row past its cursor. Consumers are few; this runs once a day.
 */
async function staleHolds(
  db: Queryable,
  upper: number,
  nowMs: number,
  staleAfterHours?: number,
): Promise<StaleConsumerHold[]> {
  const behind = await db<ConsumerRow>(TABLES.outboxConsumers)
    .where('cursor', '<', upper)
    .orderBy([{ column: 'cursor' }, { column: 'name' }]);
  const holds: StaleConsumerHold[] = [];
  for (const consumer of behind) {
    const cursor = toInt(consumer.cursor);
    const oldest = await db<OutboxRow>(TABLES.outbox)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .first('created_at');
    const health = consumerHealth(consumer, oldest?.created_at ?? null, nowMs, staleAfterHours);
    if (!health.stale) continue;
    const held = await db(TABLES.outbox)
      .where('seq', '>', cursor)
      .andWhere('seq', '<=', upper)
      .count<{ n: number | string }[]>({ n: '*' });
    holds.push({
      name: consumer.name,
      cursor,
      rowsHeldBack: toInt(held[0]?.n),
      stalledSeconds: health.stalledSeconds,
      leaseHeld: health.leaseHeld,
    });
  }
  return holds;
}

/** Raises the watermark to `seq` (never lowers it) and counts the batch, in the batch's transaction. */
async function moveWatermark(trx: Queryable, seq: number, rows: number, now: Date): Promise<void> {
  await trx<RetentionRow>(TABLES.outboxRetention)
    .insert({ id: RETENTION_ROW, pruned_through_seq: 0, pruned_rows: 0, last_pruned_at: null })
    .onConflict('id')
    .ignore();
  await trx<RetentionRow>(TABLES.outboxRetention)
    .where({ id: RETENTION_ROW })
    .update({
      pruned_through_seq: trx.raw(
        'case when pruned_through_seq < ? then ? else pruned_through_seq end',
        [seq, seq],
      ),
      pruned_rows: trx.raw('pruned_rows + ?', [rows]),
      last_pruned_at: now.toISOString(),
    });
}
