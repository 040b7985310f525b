import type { Knex } from 'knex';
import { ValidationError, type CanonicalDocument, type DocumentType, type Locale } from '@kilde/schemas';
import type { StoredDocument } from '@kilde/store';
import { LruCache } from '../cache/lru-cache';
import { decodeListingCursor } from './cursor';

/** The read store's table (owned by `@kilde/store`; the API only reads it). */
const DOCUMENTS = 'kilde_documents';

interface Parsed {
  version: number;
  doc: CanonicalDocument;
}

interface MetaRow {
  doc_id: string;
  locale: string;
  version: number | string;
}

interface ListingRow extends MetaRow {
  updated_at: string;
}

/** One listed variant: its keyset position and the document. */
export interface ListedDocument {
  id: string;
  updatedAt: string;
  doc: CanonicalDocument;
}

/** Arguments of `DocumentRepository.list` (the semantics of `@kilde/store`'s `listDocuments`). */
export interface ListingQuery {
  type: DocumentType;
  locale: Locale;
  updatedSince?: string | null;
  after?: string | null;
  limit: number;
}

/**
 * Turns stored canonical JSON into documents, parsing each (id, locale, version) once.
 * @remarks A version is immutable, so a parsed document can be reused by every request until a
 * newer version shows up in a query result; nothing is served without the database confirming
 * the version first. Derived renderings (HTML, plain text) hang off the same key.
 */
export class DocumentRepository {
  private readonly parsed: LruCache<string, Parsed>;

  constructor(
    private readonly knex: Knex,
    maxDocuments = 50_000,
  ) {
    this.parsed = new LruCache(maxDocuments);
  }

  /** The document a read-store row holds, or null for a tombstone. */
  fromStored(row: StoredDocument): CanonicalDocument | null {
    if (row.deleted) return null;
    return this.parse(row.id, row.locale, row.version, row.json);
  }

  /** Parses `json` unless this exact version is already parsed. */
  parse(id: string, locale: string, version: number, json: string): CanonicalDocument {
    const key = `${id}\u0000${locale}`;
    const hit = this.parsed.get(key);
    if (hit && hit.version === version) return hit.doc;
    const doc = JSON.parse(json) as CanonicalDocument;
    // Never let an older version (a change-feed payload) evict the current one.
    if (!hit || hit.version < version) this.parsed.set(key, { version, doc });
    return doc;
  }

  /**
   * Live documents of one type and locale, oldest update first, keyset-paginated — what
   * `@kilde/store`'s `listDocuments` returns, with the same cursor format and order.
   * @remarks It selects only (id, version, updatedAt) first and reads the JSON of variants not
   * yet parsed at that version: on SQLite, `select *` of 20 articles reads ~80 KB of overflow
   * pages (0.6 ms), the key columns come from the index (0.08 ms). The database still decides
   * every request which items and versions are served.
   */
  async list(q: ListingQuery): Promise<{ items: ListedDocument[]; hasMore: boolean }> {
    let since: string | undefined;
    if (q.updatedSince) {
      const date = new Date(q.updatedSince);
      if (Number.isNaN(date.getTime())) throw new ValidationError('Invalid timestamp', [{ path: '/updatedSince', message: 'must be an ISO 8601 date-time' }]);
      since = date.toISOString();
    }
    const after = q.after ? decodeListingCursor(q.after) : undefined;
    const builder = this.knex(DOCUMENTS)
      .select('doc_id', 'locale', 'version', 'updated_at')
      .where({ type: q.type, locale: q.locale, deleted: false })
      .orderBy([
        { column: 'updated_at', order: 'asc' },
        { column: 'doc_id', order: 'asc' },
      ])
      .limit(q.limit + 1);
    if (since !== undefined) void builder.andWhere('updated_at', '>=', since);
    if (after) {
      void builder.andWhere((w: Knex.QueryBuilder) => {
        void w.where('updated_at', '>', after.updatedAt).orWhere((w2: Knex.QueryBuilder) => {
          void w2.where('updated_at', '=', after.updatedAt).andWhere('doc_id', '>', after.id);
        });
      });
    }
    const rows = ((await builder) as ListingRow[]).slice(0, q.limit + 1);
    const hasMore = rows.length > q.limit;
    if (hasMore) rows.pop();
    const docs = await this.documentsOf(q.type, q.locale, rows);
    return { items: rows.map((r, i) => ({ id: r.doc_id, updatedAt: r.updated_at, doc: docs[i] as CanonicalDocument })), hasMore };
  }

  /** The documents of listed rows (same order), reading JSON only for versions not parsed yet. */
  private async documentsOf(type: DocumentType, locale: Locale, rows: readonly MetaRow[]): Promise<(CanonicalDocument | undefined)[]> {
    const out: (CanonicalDocument | undefined)[] = new Array(rows.length);
    const missing: number[] = [];
    rows.forEach((row, i) => {
      const hit = this.parsed.get(`${row.doc_id}\u0000${row.locale}`);
      if (hit && hit.version === Number(row.version)) out[i] = hit.doc;
      else missing.push(i);
    });
    if (missing.length > 0) {
      const fetched = (await this.knex(DOCUMENTS)
        .select('doc_id', 'version', 'document')
        .where({ type, locale })
        .whereIn('doc_id', missing.map((i) => (rows[i] as MetaRow).doc_id))) as (MetaRow & { document: string })[];
      const byId = new Map(fetched.map((r) => [r.doc_id, r]));
      for (const i of missing) {
        const row = rows[i] as MetaRow;
        const got = byId.get(row.doc_id);
        // Republished between the two reads: serve the newer version the second read saw.
        if (got) out[i] = this.parse(row.doc_id, locale, Number(got.version), got.document);
      }
    }
    return out;
  }

  /**
   * Every live language variant of the given items, in one or two queries: versions first, then
   * the JSON of only those variants not already parsed at that version.
   */
  async loadVariants(type: DocumentType, ids: readonly string[]): Promise<CanonicalDocument[]> {
    if (ids.length === 0) return [];
    const meta = (await this.knex(DOCUMENTS)
      .select('doc_id', 'locale', 'version')
      .where({ type, deleted: false })
      .whereIn('doc_id', ids)) as MetaRow[];
    const out: CanonicalDocument[] = [];
    const missing: MetaRow[] = [];
    for (const row of meta) {
      const hit = this.parsed.get(`${row.doc_id}\u0000${row.locale}`);
      if (hit && hit.version === Number(row.version)) out.push(hit.doc);
      else missing.push(row);
    }
    if (missing.length > 0) {
      const rows = (await this.knex(DOCUMENTS)
        .select('doc_id', 'locale', 'version', 'document')
        .where({ type, deleted: false })
        .whereIn('doc_id', [...new Set(missing.map((r) => r.doc_id))])) as (MetaRow & { document: string })[];
      for (const row of rows) {
        if (!missing.some((m) => m.doc_id === row.doc_id && m.locale === row.locale)) continue;
        out.push(this.parse(row.doc_id, row.locale, Number(row.version), row.document));
      }
    }
    return out;
  }
}

/** Locale preference when a variant in the asked locale is missing (providers, questions). */
export function pickVariant<T extends CanonicalDocument>(variants: readonly T[], locale: Locale | undefined, fallback: boolean): T | null {
  if (locale) {
    const exact = variants.find((v) => v.locale === locale);
    if (exact || !fallback) return exact ?? null;
  }
  for (const l of ['nb', 'nn', 'en'] as const) {
    const v = variants.find((d) => d.locale === l);
    if (v) return v;
  }
  return variants[0] ?? null;
}
