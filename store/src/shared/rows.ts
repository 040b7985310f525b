/**
 * Row shapes as the drivers return them.
 * @remarks Integer-ish columns are `number | string` because node-postgres returns `bigint` as a
 * string, and booleans are `boolean | number` because SQLite stores 0/1. Map rows through
 * `toInt` / `toBool` before they leave the package.
 */

export interface DocumentRow {
  doc_id: string;
  locale: string;
  type: string;
  version: number | string;
  slug: string | null;
  content_hash: string;
  document: string;
  deleted: boolean | number;
  published_at: string;
  updated_at: string;
}

export type OutboxOpValue = 'upsert' | 'delete';
export type OutboxEventValue = 'published' | 'updated' | 'unpublished' | 'deleted';

export interface OutboxRow {
  seq: number | string;
  event_id: string;
  type: string;
  doc_id: string;
  locale: string;
  version: number | string;
  op: OutboxOpValue;
  event: OutboxEventValue;
  payload: string;
  change_note: string | null;
  actor: string | null;
  request_id: string | null;
  created_at: string;
}

export interface ConsumerRow {
  name: string;
  cursor: number | string;
  lease_owner: string | null;
  /** Lease held until; after a clean stop, the release time (the owner is then null). */
  lease_expires_at: string | null;
  /** When the cursor last changed (delivery, dead letter, registration, replay, rewind). */
  updated_at: string;
}

export type DeliveryStatusValue = 'retrying' | 'dead' | 'replaying';

export interface DeliveryRow {
  consumer: string;
  seq: number | string;
  status: DeliveryStatusValue;
  attempts: number | string;
  next_attempt_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export interface RevisionRow {
  doc_id: string;
  locale: string;
  version: number | string;
  type: string;
  op: OutboxOpValue;
  event: OutboxEventValue;
  content_hash: string | null;
  document: string;
  change_note: string | null;
  actor: string | null;
  request_id: string | null;
  event_id: string;
  created_at: string;
}
