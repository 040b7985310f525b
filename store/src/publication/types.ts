import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';

/**
 * Who published and why, recorded on the outbox row and in revision history.
 * @remarks `actor` is an admin user id or label. Never put personal data about the young people
 * who ask questions here: revision history is immutable.
 */
export interface PublicationMeta {
  changeNote?: string | null;
  actor?: string | null;
  requestId?: string | null;
}

/**
 * Test-only hooks that let a test fail publication at a precise point.
 * @remarks Production code never sets these. They exist to prove that a failure between the
 * read-store write and the outbox write rolls both back.
 */
export interface PublicationFaults {
  /** Called after the read-store row is written and before the outbox row is. */
  afterReadStoreWrite?: () => void | Promise<void>;
}

/** Options for `publishDocument` and `tombstoneDocument`. */
export interface PublicationOptions {
  /** Clock for `updatedAt`, `publishedAt` and `deletedAt`; default `new Date()`. */
  now?: () => Date;
  /** Test-only fault injection; see `PublicationFaults`. */
  faults?: PublicationFaults;
}

/** Outcome of `publishDocument`. */
export type PublishResult =
  | {
      /** The stored version already has this content and translations; nothing was written. */
      status: 'unchanged';
      document: CanonicalDocument;
      json: string;
      version: number;
    }
  | {
      /** `published` for a first publish or a republish after a tombstone, else `updated`. */
      status: 'published' | 'updated';
      document: CanonicalDocument;
      /** The canonical JSON exactly as stored and served. */
      json: string;
      version: number;
      /** Outbox sequence number of the event this publish wrote. */
      seq: number;
      eventId: string;
    };

/** Why a document leaves the read path. */
export type TombstoneReason = 'unpublished' | 'deleted';

/** Which document to tombstone. */
export interface DocumentKey {
  type: DocumentType;
  id: string;
  locale: Locale;
}

/** Outcome of `tombstoneDocument`. */
export type TombstoneResult =
  | { status: 'absent' }
  | {
      status: TombstoneReason;
      version: number;
      deletedAt: string;
      seq: number;
      eventId: string;
    };

/** The outbox payload of a delete event, and the stored JSON of a tombstoned document. */
export interface TombstonePayload {
  id: string;
  type: DocumentType;
  locale: Locale;
  version: number;
  deletedAt: string;
}
