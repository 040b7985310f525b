import type { Knex } from 'knex';
import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';
import type { StoredDocument } from '@kilde/store';
import { LruCache } from '../cache/lru-cache';

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
