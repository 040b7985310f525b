import type { Knex } from 'knex';
import { getDocument, type OutboxConsumer, type OutboxEvent } from '@kilde/store';
import { searchDocumentId, toSearchDocument, type SearchEngine } from '@kilde/search';

export interface SearchIndexConsumerOptions {
  name?: string;
  /** Called after an event is applied (or skipped as stale), with its outbox seq. */
  onApplied?: (seq: number) => void;
}

/**
 * Keeps a search engine in step with the outbox: upserts index the canonical document, deletes
 * remove it. Idempotent and order-safe: an event older than what the read store now holds (a
 * dead-lettered row replayed late) is skipped, so a replay can never resurrect stale content.
 */
export function createSearchIndexConsumer(
  knex: Knex,
  engine: SearchEngine,
  options: SearchIndexConsumerOptions = {},
): OutboxConsumer {
  return {
    name: options.name ?? 'search-index',
    async handle(event: OutboxEvent): Promise<void> {
      const current = await getDocument(knex, { id: event.id, locale: event.locale });
      const stale = current !== null && current.version > event.version;
      if (!stale) {
        if (event.op === 'upsert') {
          const doc = toSearchDocument(event.document);
          if (doc) await engine.upsert([doc]);
        } else {
          await engine.delete([searchDocumentId(event.type, event.id, event.locale)]);
        }
      }
      options.onApplied?.(event.seq);
    },
  };
}
