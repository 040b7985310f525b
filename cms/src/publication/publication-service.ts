import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { ValidationError, locales, type DocumentType, type Locale, type Translations } from '@kilde/schemas';
import { getDocument, publishDocument, tombstoneDocument, type PublicationMeta } from '@kilde/store';
import { documentsOf, populateFor } from '../strapi/content-types';
import { buildDraftDocument, type Entry } from './build-document';

export type RemovalReason = 'unpublished' | 'deleted';

/** Test-only fault injection points (see the outbox atomicity test). */
export interface PublicationFaults {
  afterReadStoreWrite?: () => void | Promise<void>;
}

let faults: PublicationFaults | undefined;

/** Installs fault hooks for tests; pass undefined to clear. Never used outside tests. */
export function setPublicationFaults(next: PublicationFaults | undefined): void {
  faults = next;
}

export interface ReconcileResult {
  published: { locale: Locale; version: number; status: 'published' | 'updated' | 'unchanged' }[];
  removed: Locale[];
}

/**
 * Brings the read store in line with what Strapi has published for one document, in the caller's
 * transaction: every published locale variant becomes (or stays) its canonical document, every
 * variant that is no longer published gets a tombstone.
 * @remarks Reconciling the whole document rather than the one locale an action named keeps
 * `translations` right on every variant and makes the operation idempotent: running it twice
 * writes nothing the second time, which is what `rebuild read-store` relies on.
 */
export async function reconcileDocument(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  type: DocumentType,
  documentId: string,
  reason: RemovalReason,
  meta: PublicationMeta,
): Promise<ReconcileResult> {
  const entries = new Map<Locale, Entry>();
  for (const locale of locales) {
    const entry = (await documentsOf(strapi, type).findOne({
      documentId,
      locale,
      status: 'published',
      populate: populateFor[type] as never,
    })) as Entry | null;
    if (entry) entries.set(locale, entry);
  }

  const result: ReconcileResult = { published: [], removed: [] };
  for (const [locale, entry] of entries) {
    const translations: Translations = {};
    for (const [other, e] of entries) {
      if (other !== locale) translations[other] = typeof e.slug === 'string' ? { id: documentId, slug: e.slug } : { id: documentId };
    }
    const draft = buildDraftDocument(type, entry, translations);
    try {
      const out = await publishDocument(trx, draft, meta, { faults });
      result.published.push({ locale, version: out.document.version, status: out.status });
    } catch (err) {
      if (err instanceof ValidationError) {
        // Strapi's error middleware turns this into a 400 with the list an editor can act on.
        throw new errors.ValidationError(
          `The ${locale} variant cannot be published: ${err.details.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
          { errors: err.details.errors.map((e) => ({ path: [locale, ...e.path.split('/').filter(Boolean)], message: e.message, name: 'ValidationError' })) },
        );
      }
      throw err;
    }
  }
  for (const locale of locales) {
    if (entries.has(locale)) continue;
    const current = await getDocument(trx, { id: documentId, locale });
    if (current && !current.deleted) {
      await tombstoneDocument(trx, { type, id: documentId, locale }, meta, reason);
      result.removed.push(locale);
    }
  }
  return result;
}
