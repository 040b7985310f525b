import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import type { OutboxRow } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import { checkLimit } from '../shared/values';
import { toChange } from './events';
import { assertChangesRetained } from './retention';
import type { ChangePage } from './types';

/** Largest page `listChanges` serves. */
export const MAX_CHANGE_PAGE = 1000;

/**
 * The partner delta feed: outbox events after `afterSeq`, in order.
 * @remarks Reads the outbox directly, so partners see exactly what consumers see. Editorial
 * metadata (actor, change note, request id) stays internal and is not part of a `Change`.
 * @throws CursorExpiredError when rows after `afterSeq` may have been pruned (`afterSeq` below
 * the retention watermark): a page from there would silently miss changes.
 */
export async function listChanges(
  db: Queryable,
  query: { afterSeq: number; limit: number },
): Promise<ChangePage> {
  const limit = checkLimit(query.limit, MAX_CHANGE_PAGE);
  if (!Number.isInteger(query.afterSeq) || query.afterSeq < 0) {
    throw new ValidationError('Invalid afterSeq', [
      { path: '/afterSeq', message: 'must be an integer >= 0' },
    ]);
  }
  return withDatabaseErrors('Listing changes', async () => {
    const rows = await db<OutboxRow>(TABLES.outbox)
      .where('seq', '>', query.afterSeq)
      .orderBy('seq')
      .limit(limit + 1);
    // After the rows, not before: a prune that committed before this read moved the watermark
    // in the same transaction, so this read sees it (see outboxWatermark).
    await assertChangesRetained(db, query.afterSeq);
    const changes = rows.slice(0, limit).map(toChange);
    return {
      changes,
      lastSeq: changes[changes.length - 1]?.seq ?? query.afterSeq,
      hasMore: rows.length > limit,
    };
  });
}
