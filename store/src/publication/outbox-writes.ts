import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import type { OutboxEventValue, OutboxOpValue, OutboxRow } from '../shared/rows';
import { dialectOf } from '../shared/queryable';
import { toInt } from '../shared/values';
import type { PublicationMeta } from './types';

// pg_advisory_xact_lock key for outbox appends: the bytes of 'kilde'.
const OUTBOX_LOCK_KEY = 0x6b696c6465;

/**
 * Serialises publications until the surrounding transaction ends.
 * @remarks Two reasons. (1) Consumers read the outbox by `seq > cursor`; on PostgreSQL a
 * sequence hands out numbers at insert time, not commit time, so without this a transaction
 * holding seq 10 could commit after one holding seq 11 had already been consumed, and seq 10
 * would be skipped for ever. Holding the lock from before the insert until commit makes commit
 * order equal seq order. (2) It makes "read current version, write version + 1" race-free.
 * Publishing is an editorial action, so serialising it costs nothing noticeable.
 * SQLite needs no lock: it already allows one writer at a time.
 */
export async function lockOutbox(trx: Knex.Transaction): Promise<void> {
  if (dialectOf(trx) === 'postgresql') {
    await trx.raw('select pg_advisory_xact_lock(?::bigint)', [OUTBOX_LOCK_KEY]);
  }
}

/** Appends one event to the outbox and returns its sequence number and id. */
export async function appendOutboxEvent(
  trx: Knex.Transaction,
  event: {
    type: string;
    id: string;
    locale: string;
    version: number;
    op: OutboxOpValue;
    event: OutboxEventValue;
    payload: string;
    createdAt: string;
  },
  meta: PublicationMeta,
): Promise<{ seq: number; eventId: string }> {
  const eventId = randomUUID();
  const row: Omit<OutboxRow, 'seq'> = {
    event_id: eventId,
    type: event.type,
    doc_id: event.id,
    locale: event.locale,
    version: event.version,
    op: event.op,
    event: event.event,
    payload: event.payload,
    change_note: meta.changeNote ?? null,
    actor: meta.actor ?? null,
    request_id: meta.requestId ?? null,
    created_at: event.createdAt,
  };
  const inserted: unknown[] = await trx(TABLES.outbox).insert(row).returning('seq');
  const first = inserted[0];
  const seq =
    typeof first === 'object' && first !== null && 'seq' in first ? toInt(first.seq) : toInt(first);
  return { seq, eventId };
}
