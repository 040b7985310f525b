import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import {
  ValidationError,
  computeContentHash,
  stableStringify,
  validateCanonicalDocument,
} from '@kilde/schemas';
import type { CanonicalDocument, DraftDocument } from '@kilde/schemas';
import { withDatabaseErrors } from '../database/database-errors';
import { DocumentTypeConflictError } from '../errors/document-type-conflict-error';
import type { DocumentRow } from '../shared/rows';
import { inTransaction } from '../shared/queryable';
import type { Queryable } from '../shared/queryable';
import { toBool, toInt } from '../shared/values';
import { appendOutboxEvent, lockOutbox } from './outbox-writes';
import type { PublicationMeta, PublicationOptions, PublishResult } from './types';

// Fields publication owns. Stripped from the draft so a caller passing a full document (say, an
// import) cannot smuggle in its own version or dates.
const stampedFields = ['version', 'publishedAt', 'updatedAt', 'contentHash'] as const;
const envelopeOrder = ['id', 'type', 'locale', 'translations', ...stampedFields] as const;

/**
 * Publishes one language variant: writes the read store and the outbox in one transaction.
 * @remarks Called by the CMS inside its own transaction (pass it as `db`); given a plain knex
 * instance it opens one. Skips the write entirely when the stored version has the same content
 * hash and translations. Otherwise stamps version (previous + 1, continuing after a tombstone),
 * `publishedAt` (first publish, kept across versions), `updatedAt` (now) and `contentHash`,
 * validates the result and throws `ValidationError` with every problem before writing anything.
 */
export async function publishDocument(
  db: Queryable,
  draft: DraftDocument,
  meta: PublicationMeta = {},
  options: PublicationOptions = {},
): Promise<PublishResult> {
  return withDatabaseErrors('Publishing a document', () =>
    inTransaction(db, (trx) => publishInTransaction(trx, draft, meta, options)),
  );
}

async function publishInTransaction(
  trx: Knex.Transaction,
  draft: DraftDocument,
  meta: PublicationMeta,
  options: PublicationOptions,
): Promise<PublishResult> {
  await lockOutbox(trx);
  const contentHash = computeContentHash(draft);
  const current = await trx<DocumentRow>(TABLES.documents)
    .where({ doc_id: draft.id, locale: draft.locale })
    .first();

  if (current && current.type !== draft.type) {
    throw new DocumentTypeConflictError({
      id: draft.id,
      locale: draft.locale,
      existingType: current.type,
      type: draft.type,
    });
  }

  const live = current !== undefined && !toBool(current.deleted);
  if (live && current.content_hash === contentHash) {
    const stored = JSON.parse(current.document) as CanonicalDocument;
    // The content hash leaves out translations, but they are served: a newly published
    // translation must reach partners even though this variant's text did not change.
    if (stableStringify(stored.translations) === stableStringify(draft.translations)) {
      return {
        status: 'unchanged',
        document: stored,
        json: current.document,
        version: toInt(current.version),
      };
    }
  }

  const now = (options.now ?? (() => new Date()))().toISOString();
  const version = current ? toInt(current.version) + 1 : 1;
  const candidate = stampDocument(draft, {
    version,
    publishedAt: current?.published_at ?? now,
    updatedAt: now,
    contentHash,
  });
  const result = validateCanonicalDocument(candidate);
  if (!result.ok) {
    throw new ValidationError(
      `Document ${draft.type}/${draft.id} (${draft.locale}) is not a valid canonical document`,
      result.errors,
    );
  }
  const document = result.document;
  const json = JSON.stringify(document);

  const row: DocumentRow = {
    doc_id: document.id,
    locale: document.locale,
    type: document.type,
    version,
    slug: 'slug' in document && typeof document.slug === 'string' ? document.slug : null,
    content_hash: contentHash,
    document: json,
    deleted: false,
    published_at: document.publishedAt,
    updated_at: document.updatedAt,
  };
  await trx<DocumentRow>(TABLES.documents).insert(row).onConflict(['doc_id', 'locale']).merge();

  await options.faults?.afterReadStoreWrite?.();

  const status = live ? 'updated' : 'published';
  const { seq, eventId } = await appendOutboxEvent(
    trx,
    {
      type: document.type,
      id: document.id,
      locale: document.locale,
      version,
      op: 'upsert',
      event: status,
      payload: json,
      createdAt: now,
    },
    meta,
  );
  return { status, document, json, version, seq, eventId };
}

/**
 * Builds the full document with the envelope first, in a fixed order, so the stored bytes are
 * predictable for partners diffing them and for signed webhooks.
 */
function stampDocument(
  draft: DraftDocument,
  stamps: { version: number; publishedAt: string; updatedAt: string; contentHash: string },
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...draft };
  for (const field of envelopeOrder) delete body[field];
  return {
    id: draft.id,
    type: draft.type,
    locale: draft.locale,
    version: stamps.version,
    translations: draft.translations,
    publishedAt: stamps.publishedAt,
    updatedAt: stamps.updatedAt,
    contentHash: stamps.contentHash,
    ...body,
  };
}
