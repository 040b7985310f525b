import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';

const T = IMPORT_EXPORT_TABLES;

/** A delivery row as `kilde_webhook_deliveries` stores it. */
export interface DeliveryRow {
  id: number;
  endpoint_id: string;
  event_id: string;
  seq: number;
  event: string;
  doc_type: string;
  doc_id: string;
  locale: string;
  version: number;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status: number | null;
  last_response_ms: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
}

/** pending → delivered | abandoned (after the retry window); a redelivery sets pending again. */
export type DeliveryStatus = 'pending' | 'delivered' | 'abandoned';

/** A name for this sender that no other node shares: host, process and a random tail. */
export function senderId(): string {
  return `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

function isPostgres(knex: Knex): boolean {
  const dialect: unknown = (knex.client as { dialect?: unknown }).dialect;
  return dialect === 'postgresql';
}

export interface ClaimOptions {
  /** This sender's id (`senderId()`). */
  owner: string;
  /** Only deliveries of these endpoints (the enabled ones). */
  endpointIds: readonly string[];
  now: Date;
  /** How long the claim holds before another node may take the row. */
  claimMs: number;
  limit: number;
}

/**
 * Claims due deliveries for one sender, in one statement, and returns them in id order.
 * @remarks A row is claimable when it is pending, due, not claimed by a live claim, and no older
 * delivery of the same item (endpoint, document, locale) is still pending — whether that one is
 * waiting for a retry or being sent by another node right now. So version 3 never overtakes
 * version 2, on one node or several, and one claim batch holds at most one row per item.
 *
 * The statement is `UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING *`. On PostgreSQL the
 * inner select takes the rows `FOR UPDATE SKIP LOCKED`: two nodes claiming at the same moment
 * split the due rows between them instead of one waiting for the other, and a row another node
 * has just claimed is re-checked against its new `claimed_until` (and dropped) rather than
 * claimed twice. On SQLite the whole statement runs under the database's single write lock, so
 * the check and the claim are one atomic step there too.
 */
export async function claimDueDeliveries(knex: Knex, o: ClaimOptions): Promise<DeliveryRow[]> {
  if (o.endpointIds.length === 0) return [];
  const table = T.webhookDeliveries;
  const nowIso = o.now.toISOString();
  const due = knex(`${table} as d`)
    .select('d.id')
    .where('d.status', 'pending')
    .whereIn('d.endpoint_id', [...o.endpointIds])
    .andWhere('d.next_attempt_at', '<=', nowIso)
    .andWhere((q) => void q.whereNull('d.claimed_until').orWhere('d.claimed_until', '<', nowIso))
    .whereNotExists(function olderPending(this: Knex.QueryBuilder) {
      void this.select(knex.raw('1'))
        .from(`${table} as older`)
        .whereRaw('older.endpoint_id = d.endpoint_id')
        .whereRaw('older.doc_id = d.doc_id')
        .whereRaw('older.locale = d.locale')
        .where('older.status', 'pending')
        .whereRaw('older.id < d.id');
    })
    .orderBy('d.id')
    .limit(o.limit);
  if (isPostgres(knex)) void due.forUpdate().skipLocked();
  const rows = (await knex(table)
    .whereIn('id', due)
    .update({
      claimed_by: o.owner,
      claimed_until: new Date(o.now.getTime() + o.claimMs).toISOString(),
    })
    .returning('*')) as DeliveryRow[];
  return rows.map(normalise).sort((a, b) => a.id - b.id);
}

/**
 * Extends this sender's claim on a row just before it is sent; false when the claim is gone.
 * @remarks A claim that ran out is still renewable while nobody took it over; once another node
 * has claimed the row (or it was sent), `claimed_by` is no longer this sender and nothing is sent.
 */
export async function renewClaim(
  knex: Knex,
  id: number,
  owner: string,
  until: Date,
): Promise<boolean> {
  const n = await knex(T.webhookDeliveries)
    .where({ id, claimed_by: owner, status: 'pending' })
    .update({ claimed_until: until.toISOString() });
  return n === 1;
}

/** Gives back every claim this sender still holds (end of a round, shutdown). */
export async function releaseClaims(knex: Knex, owner: string): Promise<number> {
  return knex(T.webhookDeliveries)
    .where({ claimed_by: owner })
    .update({ claimed_by: null, claimed_until: null });
}

export interface AttemptOutcome {
  delivery: DeliveryRow;
  owner: string;
  at: Date;
  status: number | null;
  responseMs: number;
  error: string | null;
  /** The row's new state: delivered, retried at `nextAttemptAt`, or abandoned. */
  next:
    | { status: 'delivered' }
    | { status: 'pending'; nextAttemptAt: Date }
    | { status: 'abandoned' };
}

/**
 * Records one attempt and the delivery's new state, fenced by the claim, in one transaction.
 * @remarks The attempt is logged even when the claim was lost meanwhile (it did happen), but only
 * the claim holder moves the delivery on: a node that stalled past its claim cannot overwrite what
 * the node that took over recorded. Returns whether the delivery row was updated.
 */
export async function recordAttempt(knex: Knex, a: AttemptOutcome): Promise<boolean> {
  const d = a.delivery;
  const attempts = d.attempts + 1;
  const common = {
    attempts,
    last_status: a.status,
    last_response_ms: a.responseMs,
    claimed_by: null,
    claimed_until: null,
  };
  const state =
    a.next.status === 'delivered'
      ? {
          status: 'delivered',
          last_error: null,
          next_attempt_at: null,
          delivered_at: a.at.toISOString(),
        }
      : a.next.status === 'abandoned'
        ? { status: 'abandoned', last_error: a.error, next_attempt_at: null }
        : {
            status: 'pending',
            last_error: a.error,
            next_attempt_at: a.next.nextAttemptAt.toISOString(),
          };
  return knex.transaction(async (trx) => {
    await trx(T.webhookAttempts).insert({
      delivery_id: d.id,
      endpoint_id: d.endpoint_id,
      attempt: attempts,
      status: a.status,
      response_ms: a.responseMs,
      error: a.error,
      created_at: a.at.toISOString(),
      sent_by: a.owner,
    });
    const n = await trx(T.webhookDeliveries)
      .where({ id: d.id, claimed_by: a.owner })
      .update({ ...common, ...state });
    return n === 1;
  });
}

/** PostgreSQL returns bigint columns as strings. */
function normalise(row: DeliveryRow): DeliveryRow {
  return { ...row, id: Number(row.id), seq: Number(row.seq) };
}
