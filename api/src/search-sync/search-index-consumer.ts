import type { Knex } from 'knex';
import type { CanonicalDocument } from '@kilde/schemas';
import { getDocument, type Change } from '@kilde/store';
import { searchDocumentId, toSearchDocument, type SearchEngine } from '@kilde/search';

/**
 * Applies one outbox change to a search engine: upserts index the canonical document, deletes
 * remove it. Idempotent and order-safe: a change older than what the read store now holds is
 * skipped, so replaying can never resurrect stale content.
 */
export async function applyChange(knex: Knex, engine: SearchEngine, change: Change): Promise<void> {
  const current = await getDocument(knex, { id: change.id, locale: change.locale });
  if (current !== null && current.version > change.version) return;
  if (change.op === 'upsert') {
    const doc = toSearchDocument(JSON.parse(change.json) as CanonicalDocument);
    if (doc) await engine.upsert([doc]);
  } else {
    await engine.delete([searchDocumentId(change.type, change.id, change.locale)]);
  }
}
