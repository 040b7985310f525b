import { ValidationError, type CanonicalDocument, type DocumentType, type Locale } from '@kilde/schemas';
import type { StoredDocument } from '@kilde/store';
import { LruCache } from '../cache/lru-cache';
import { decodeListingCursor } from './cursor';
import type { ReadStoreReader, VersionRow } from './read-store-reader';

interface Parsed {
  version: number;
  doc: CanonicalDocument;
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
    private readonly reader: ReadStoreReader,
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

  private cached(row: VersionRow): CanonicalDocument | undefined {
    const hit = this.parsed.get(`${row.doc_id}\u0000${row.locale}`);
    return hit && hit.version === Number(row.version) ? hit.doc : undefined;
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
    const rows = await this.reader.listing({ type: q.type, locale: q.locale, since, after, limit: q.limit + 1 });
    const hasMore = rows.length > q.limit;
    if (hasMore) rows.length = q.limit;
    const docs: (CanonicalDocument | undefined)[] = rows.map((r) => this.cached(r));
    const missing = rows.filter((_, i) => docs[i] === undefined);
    if (missing.length > 0) {
      const fetched = await this.reader.documents(q.type, q.locale, missing.map((r) => r.doc_id));
      const byId = new Map(fetched.map((r) => [r.doc_id, r]));
      rows.forEach((row, i) => {
        if (docs[i]) return;
        const got = byId.get(row.doc_id);
        // Republished between the two reads: serve the newer version the second read saw.
        if (got) docs[i] = this.parse(row.doc_id, q.locale, Number(got.version), got.document);
      });
    }
    const items: ListedDocument[] = [];
    rows.forEach((r, i) => {
      const doc = docs[i];
      // Withdrawn between the two reads: leave it out.
      if (doc) items.push({ id: r.doc_id, updatedAt: r.updated_at, doc });
    });
    return { items, hasMore };
  }

  /**
   * Every live language variant of the given items, in one or two queries: versions first, then
   * the JSON of only those items with a variant not already parsed at that version.
   */
  async loadVariants(type: DocumentType, ids: readonly string[]): Promise<CanonicalDocument[]> {
    if (ids.length === 0) return [];
    const versions = await this.reader.variantVersions(type, ids);
    const out: CanonicalDocument[] = [];
    const missing = new Set<string>();
    for (const row of versions) {
      const doc = this.cached(row);
      if (doc) out.push(doc);
      else missing.add(row.doc_id);
    }
    if (missing.size > 0) {
      for (const row of await this.reader.variantDocuments(type, [...missing])) {
        if (!missing.has(row.doc_id) || out.some((d) => d.id === row.doc_id && d.locale === row.locale)) continue;
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
