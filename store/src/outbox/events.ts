import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';
import type { TombstonePayload } from '../publication/types';
import type { OutboxRow } from '../shared/rows';
import { toInt } from '../shared/values';
import type { Change, OutboxEvent } from './types';

/** Turns an outbox row into the event a consumer receives; throws if the payload is corrupt. */
export function toOutboxEvent(row: OutboxRow): OutboxEvent {
  const base = {
    seq: toInt(row.seq),
    eventId: row.event_id,
    type: row.type as DocumentType,
    id: row.doc_id,
    locale: row.locale as Locale,
    version: toInt(row.version),
    changeNote: row.change_note,
    actor: row.actor,
    requestId: row.request_id,
    createdAt: row.created_at,
    payload: row.payload,
  };
  const parsed: unknown = JSON.parse(row.payload);
  if (typeof parsed !== 'object' || parsed === null) {
    throw new TypeError(`Outbox payload of seq ${base.seq} is not a JSON object`);
  }
  switch (row.op) {
    case 'upsert':
      if (row.event !== 'published' && row.event !== 'updated') break;
      return { ...base, op: 'upsert', event: row.event, document: parsed as CanonicalDocument };
    case 'delete':
      if (row.event !== 'unpublished' && row.event !== 'deleted') break;
      return {
        ...base,
        op: 'delete',
        event: row.event,
        deletedAt: (parsed as TombstonePayload).deletedAt,
      };
    default: {
      const unreachable: never = row.op;
      throw new TypeError(`Unknown outbox op ${String(unreachable)}`);
    }
  }
  throw new TypeError(`Outbox row ${base.seq} has op ${row.op} with event ${row.event}`);
}

/** Turns an outbox row into a partner delta-feed entry (no editorial metadata). */
export function toChange(row: OutboxRow): Change {
  return {
    seq: toInt(row.seq),
    eventId: row.event_id,
    type: row.type as DocumentType,
    id: row.doc_id,
    locale: row.locale as Locale,
    version: toInt(row.version),
    op: row.op,
    event: row.event,
    createdAt: row.created_at,
    json: row.payload,
  };
}

/**
 * A one-line, bounded description of a delivery error for `last_error` and logs.
 * @remarks Only name and first message line, cut to 500 characters: stacks and long messages
 * can carry document text (a search engine echoing the payload), which must not end up in
 * operational tables or logs.
 */
export function describeError(err: unknown): string {
  const text =
    err instanceof Error ? `${err.name}: ${err.message}` : `Non-error thrown: ${String(err)}`;
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.length > 500 ? `${firstLine.slice(0, 499)}…` : firstLine;
}
