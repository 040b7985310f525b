import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { OutboxConsumer, OutboxEvent } from '../outbox/types';
import type { RevisionRow } from '../shared/rows';

/** Name under which the revision-history consumer keeps its cursor. */
export const REVISION_HISTORY_CONSUMER = 'revision-history';

/**
 * An outbox consumer that keeps an immutable snapshot of every published version and tombstone.
 * @remarks Inserts with `on conflict do nothing` on (id, locale, version): a redelivered or
 * replayed event finds its row already there and changes nothing, and history can never be
 * rewritten by a later event.
 */
export function createRevisionHistoryConsumer(knex: Knex): OutboxConsumer {
  return {
    name: REVISION_HISTORY_CONSUMER,
    async handle(event: OutboxEvent): Promise<void> {
      const row: RevisionRow = {
        doc_id: event.id,
        locale: event.locale,
        version: event.version,
        type: event.type,
        op: event.op,
        event: event.event,
        content_hash: event.op === 'upsert' ? event.document.contentHash : null,
        document: event.payload,
        change_note: event.changeNote,
        actor: event.actor,
        request_id: event.requestId,
        event_id: event.eventId,
        created_at: event.createdAt,
      };
      await knex<RevisionRow>(TABLES.revisions)
        .insert(row)
        .onConflict(['doc_id', 'locale', 'version'])
        .ignore();
    },
  };
}
