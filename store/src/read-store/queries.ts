import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import type { DocumentRow } from '../shared/rows';
import type { Queryable } from '../shared/queryable';
import { checkLimit, toBool, toInt, toStoredTimestamp } from '../shared/values';
import { decodeCursor, encodeCursor } from './cursor';
import type {
  CountDocumentsQuery,
  DocumentPage,
  ListDocumentsQuery,
  StoredDocument,
} from './types';

/** Largest page `listDocuments` serves. */
export const MAX_DOCUMENT_PAGE = 1000;

/** Maps a read-store row to what callers see. */
export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.doc_id,
    type: row.type as DocumentType,
    locale: row.locale as Locale,
    slug: row.slug,
    version: toInt(row.version),
    contentHash: row.content_hash,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    deleted: toBool(row.deleted),
    json: row.document,
  };
}

/**
 * The current version (or tombstone) of one language variant, or null if never published.
 * @remarks Pass `type` when the caller expects one: a document of another type with the same id
 * then reads as not found rather than leaking through the wrong endpoint.
 */
export async function getDocument(
  db: Queryable,
  query: { id: string; locale: Locale; type?: DocumentType },
): Promise<StoredDocument | null> {
  return withDatabaseErrors('Reading a document', async () => {
    const builder = db<DocumentRow>(TABLES.documents).where({
      doc_id: query.id,
      locale: query.locale,
    });
    if (query.type !== undefined) void builder.andWhere({ type: query.type });
    const row = await builder.first();
    return row ? toStoredDocument(row) : null;
  });
}

/**
 * The document a slug points to in one type and locale, or null.
 * @remarks Slugs are unique among live documents (the CMS enforces it), but a tombstone keeps its
 * slug so the API can answer "gone". If an old tombstone and a live document share a slug, the
 * live one wins, then the most recently updated.
 */
export async function getDocumentBySlug(
  db: Queryable,
  query: { type: DocumentType; slug: string; locale: Locale },
): Promise<StoredDocument | null> {
  return withDatabaseErrors('Reading a document by slug', async () => {
    const row = await db<DocumentRow>(TABLES.documents)
      .where({ type: query.type, locale: query.locale, slug: query.slug })
      .orderBy([
        { column: 'deleted', order: 'asc' },
        { column: 'updated_at', order: 'desc' },
      ])
      .first();
    return row ? toStoredDocument(row) : null;
  });
}

/**
 * Lists documents of one type and locale, oldest update first, with keyset pagination.
 * @remarks Served by the (type, locale, updated_at, doc_id) index. Suited to delta syncs: page
 * with `updatedSince` and `includeDeleted: true` and keep the last page's cursor position.
 */
export async function listDocuments(
  db: Queryable,
  query: ListDocumentsQuery,
): Promise<DocumentPage> {
  const limit = checkLimit(query.limit, MAX_DOCUMENT_PAGE);
  const since =
    query.updatedSince === undefined
      ? undefined
      : toStoredTimestamp(query.updatedSince, '/updatedSince');
  const after = query.after ? decodeCursor(query.after) : undefined;

  return withDatabaseErrors('Listing documents', async () => {
    const builder = db<DocumentRow>(TABLES.documents)
      .where({ type: query.type, locale: query.locale })
      .orderBy([
        { column: 'updated_at', order: 'asc' },
        { column: 'doc_id', order: 'asc' },
      ])
      .limit(limit + 1);
    if (query.includeDeleted !== true) void builder.andWhere({ deleted: false });
    if (since !== undefined) void builder.andWhere('updated_at', '>=', since);
    if (after) {
      void builder.andWhere((q: Knex.QueryBuilder) => {
        void q.where('updated_at', '>', after.updatedAt).orWhere((q2: Knex.QueryBuilder) => {
          void q2.where('updated_at', '=', after.updatedAt).andWhere('doc_id', '>', after.id);
        });
      });
    }
    const rows = await builder;
    const page = rows.slice(0, limit).map(toStoredDocument);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor({ updatedAt: last.updatedAt, id: last.id }) : null;
    return { items: page, nextCursor };
  });
}

/** Counts documents, live only unless `includeDeleted`. */
export async function countDocuments(
  db: Queryable,
  query: CountDocumentsQuery = {},
): Promise<number> {
  return withDatabaseErrors('Counting documents', async () => {
    const builder = db(TABLES.documents);
    if (query.type !== undefined) void builder.where({ type: query.type });
    if (query.locale !== undefined) void builder.where({ locale: query.locale });
    if (query.includeDeleted !== true) void builder.where({ deleted: false });
    const rows = await builder.count<{ n: number | string }[]>({ n: '*' });
    return toInt(rows[0]?.n);
  });
}
