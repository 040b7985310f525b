import { TABLES } from '@kilde/migrations';
import type { DocumentType } from '@kilde/schemas';
import type { Queryable } from '../shared/queryable';

/** Distinct item ids in the read store (live or tombstoned), optionally of one type. */
export async function listDocumentIds(db: Queryable, query: { type?: DocumentType } = {}): Promise<string[]> {
  const q = db(TABLES.documents).distinct('doc_id');
  if (query.type) void q.where({ type: query.type });
  const rows = (await q) as { doc_id: string }[];
  return rows.map((r) => r.doc_id);
}
