import type { DocumentType, Locale } from '@kilde/schemas';

/** One entry of a document's history, without its content. */
export interface RevisionSummary {
  id: string;
  type: DocumentType;
  locale: Locale;
  version: number;
  op: 'upsert' | 'delete';
  event: 'published' | 'updated' | 'unpublished' | 'deleted';
  /** Null for tombstones. */
  contentHash: string | null;
  changeNote: string | null;
  actor: string | null;
  requestId: string | null;
  eventId: string;
  /** When the version was published (or withdrawn), not when history recorded it. */
  createdAt: string;
}

/** One immutable snapshot, with the canonical JSON exactly as published. */
export interface Revision extends RevisionSummary {
  json: string;
}
