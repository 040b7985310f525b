import type { DocumentType, Locale } from '@kilde/schemas';

/**
 * One row of the read store.
 * @remarks `json` is the stored canonical JSON string, so the API can send the bytes as they are
 * (and hash or sign them) without parsing and re-serialising. For a tombstone (`deleted`), `json`
 * holds `{id,type,locale,version,deletedAt}` and the API should answer "gone".
 */
export interface StoredDocument {
  id: string;
  type: DocumentType;
  locale: Locale;
  slug: string | null;
  version: number;
  contentHash: string;
  publishedAt: string;
  updatedAt: string;
  deleted: boolean;
  json: string;
}

/** Arguments of `listDocuments`. */
export interface ListDocumentsQuery {
  type: DocumentType;
  locale: Locale;
  /** Only documents updated at or after this instant (inclusive, so a boundary is never missed). */
  updatedSince?: string | Date;
  /** `nextCursor` from the previous page. */
  after?: string | null;
  /** Page size, 1–1000. */
  limit: number;
  /** Include tombstones, which a delta sync needs to learn about deletions; default false. */
  includeDeleted?: boolean;
}

/** One page of `listDocuments`, oldest update first. */
export interface DocumentPage {
  items: StoredDocument[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Arguments of `countDocuments`. */
export interface CountDocumentsQuery {
  type?: DocumentType;
  locale?: Locale;
  includeDeleted?: boolean;
}
