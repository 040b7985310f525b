import { TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import type { RevisionRow } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import { toInt } from '../shared/values';
import type { Revision, RevisionSummary } from './types';

const summaryColumns = [
  'doc_id',
  'locale',
  'version',
  'type',
  'op',
  'event',
  'content_hash',
  'change_note',
  'actor',
  'request_id',
  'event_id',
  'created_at',
] as const;

function toSummary(row: Omit<RevisionRow, 'document'>): RevisionSummary {
  return {
    id: row.doc_id,
    type: row.type as DocumentType,
    locale: row.locale as Locale,
    version: toInt(row.version),
    op: row.op,
    event: row.event,
    contentHash: row.content_hash,
    changeNote: row.change_note,
    actor: row.actor,
    requestId: row.request_id,
    eventId: row.event_id,
    createdAt: row.created_at,
  };
}

/** A language variant's history, newest version first, without content. */
export async function listRevisions(
  db: Queryable,
  query: { id: string; locale: Locale },
): Promise<RevisionSummary[]> {
  return withDatabaseErrors('Listing revisions', async () => {
    const rows = await db<RevisionRow>(TABLES.revisions)
      .where({ doc_id: query.id, locale: query.locale })
      .orderBy('version', 'desc')
      .select(...summaryColumns);
    return rows.map(toSummary);
  });
}

/** One snapshot with its JSON, or null if history has no such version. */
export async function getRevision(
  db: Queryable,
  query: { id: string; locale: Locale; version: number },
): Promise<Revision | null> {
  return withDatabaseErrors('Reading a revision', async () => {
    const row = await db<RevisionRow>(TABLES.revisions)
      .where({ doc_id: query.id, locale: query.locale, version: query.version })
      .first();
    return row ? { ...toSummary(row), json: row.document } : null;
  });
}
