import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { withDatabaseErrors } from '../database/database-errors';
import type { DocumentRow } from '../shared/rows';
import { inTransaction } from '../shared/queryable';
import type { Queryable } from '../shared/queryable';
import { toBool, toInt } from '../shared/values';
import { appendOutboxEvent, lockOutbox } from './outbox-writes';
import type {
  DocumentKey,
  PublicationMeta,
  PublicationOptions,
  TombstonePayload,
  TombstoneReason,
  TombstoneResult,
} from './types';

/**
 * Takes a document off the read path (unpublish or delete) and records a delete event.
 * @remarks The row stays as a tombstone with version + 1 so delta syncs see the deletion and a
 * republish continues the version sequence. Its stored JSON becomes the tombstone payload: the
 * read store must not keep serving, or hold, content an editor withdrew (revision history keeps
 * the published versions). No-op when there is no live row.
 */
export async function tombstoneDocument(
  db: Queryable,
  key: DocumentKey,
  meta: PublicationMeta,
  reason: TombstoneReason,
  options: PublicationOptions = {},
): Promise<TombstoneResult> {
  return withDatabaseErrors('Tombstoning a document', () =>
    inTransaction(db, (trx) => tombstoneInTransaction(trx, key, meta, reason, options)),
  );
}

async function tombstoneInTransaction(
  trx: Knex.Transaction,
  key: DocumentKey,
  meta: PublicationMeta,
  reason: TombstoneReason,
  options: PublicationOptions,
): Promise<TombstoneResult> {
  await lockOutbox(trx);
  const current = await trx<DocumentRow>(TABLES.documents)
    .where({ doc_id: key.id, locale: key.locale, type: key.type })
    .first();
  if (!current || toBool(current.deleted)) return { status: 'absent' };

  const deletedAt = (options.now ?? (() => new Date()))().toISOString();
  const version = toInt(current.version) + 1;
  const tombstone: TombstonePayload = {
    id: key.id,
    type: key.type,
    locale: key.locale,
    version,
    deletedAt,
  };
  const payload = JSON.stringify(tombstone);

  // slug, published_at and content_hash stay: a slug lookup can then answer "gone" instead of
  // "never existed", and a republish keeps the first publication date.
  await trx<DocumentRow>(TABLES.documents)
    .where({ doc_id: key.id, locale: key.locale })
    .update({ deleted: true, version, document: payload, updated_at: deletedAt });

  await options.faults?.afterReadStoreWrite?.();

  const { seq, eventId } = await appendOutboxEvent(
    trx,
    {
      type: key.type,
      id: key.id,
      locale: key.locale,
      version,
      op: 'delete',
      event: reason,
      payload,
      createdAt: deletedAt,
    },
    meta,
  );
  return { status: reason, version, deletedAt, seq, eventId };
}
