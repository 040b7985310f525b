import type { Knex } from 'knex';
import { WORKFLOW_TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import type { ChangeNote, Stage, VariantKey, WorkflowEvent, WorkflowEventKind } from './types';
import { isChangeNoteKind } from './change-note';
import { recordAudit, type AuditAction } from '@kilde/store';
import { currentRequestId } from '../observability/request-context';

/** Workflow events that are acts of a person or a job, and so belong in the audit log too. */
const AUDITED: Partial<Record<WorkflowEventKind, AuditAction>> = {
  transition: 'workflow.transition',
  publish: 'content.publish',
  unpublish: 'content.unpublish',
  'review-confirmed': 'workflow.transition',
  restore: 'workflow.transition',
};

type Db = Knex | Knex.Transaction;

interface EventRow {
  id: number;
  doc_type: string;
  doc_id: string;
  locale: string;
  kind: string;
  from_stage: string | null;
  to_stage: string | null;
  actor: string;
  actor_name: string | null;
  comment: string | null;
  change_note_kind: string | null;
  change_note: string | null;
  version: number | null;
  dedupe_key: string | null;
  created_at: string;
}

export interface NewEvent extends VariantKey {
  kind: WorkflowEventKind;
  fromStage?: Stage | null;
  toStage?: Stage | null;
  actor: string;
  actorName?: string | null;
  comment?: string | null;
  changeNote?: ChangeNote | null;
  version?: number | null;
  /** Makes the event happen at most once (scheduled jobs). */
  dedupeKey?: string;
  at?: Date;
}

function toEvent(row: EventRow): WorkflowEvent {
  return {
    id: Number(row.id),
    type: row.doc_type as DocumentType,
    documentId: row.doc_id,
    locale: row.locale as Locale,
    kind: row.kind as WorkflowEventKind,
    fromStage: row.from_stage as Stage | null,
    toStage: row.to_stage as Stage | null,
    actor: row.actor,
    actorName: row.actor_name,
    comment: row.comment,
    changeNote: isChangeNoteKind(row.change_note_kind)
      ? { kind: row.change_note_kind, text: row.change_note }
      : null,
    version: row.version === null ? null : Number(row.version),
    createdAt: row.created_at,
  };
}

/**
 * Appends one event. With a `dedupeKey` it is written at most once and the return value says
 * whether this call wrote it.
 */
export async function recordEvent(db: Db, e: NewEvent): Promise<boolean> {
  const row: Omit<EventRow, 'id'> = {
    doc_type: e.type,
    doc_id: e.documentId,
    locale: e.locale,
    kind: e.kind,
    from_stage: e.fromStage ?? null,
    to_stage: e.toStage ?? null,
    actor: e.actor,
    actor_name: e.actorName ?? null,
    comment: e.comment?.trim() ? e.comment.trim().slice(0, 2000) : null,
    change_note_kind: e.changeNote?.kind ?? null,
    change_note: e.changeNote?.text ?? null,
    version: e.version ?? null,
    dedupe_key: e.dedupeKey ?? null,
    created_at: (e.at ?? new Date()).toISOString(),
  };
  const action = AUDITED[e.kind];
  // In the same transaction as the event: the audit log never claims an act that rolled back.
  const audited = async (): Promise<void> => {
    if (!action) return;
    await recordAudit(db, {
      actor: e.actor,
      actorName: e.actorName ?? null,
      action,
      subjectType: e.type,
      subjectId: `${e.documentId}:${e.locale}`,
      details: {
        kind: e.kind,
        from: e.fromStage ?? null,
        to: e.toStage ?? null,
        version: e.version ?? null,
        changeNote: e.changeNote?.kind ?? null,
      },
      requestId: currentRequestId() ?? null,
      at: row.created_at,
    });
  };
  if (!e.dedupeKey) {
    await db(WORKFLOW_TABLES.events).insert(row);
    await audited();
    return true;
  }
  const inserted = (await db(WORKFLOW_TABLES.events)
    .insert(row)
    .onConflict('dedupe_key')
    .ignore()
    .returning('id')) as unknown[];
  if (inserted.length > 0) await audited();
  return inserted.length > 0;
}

/** A variant's workflow log, newest first. */
export async function listEvents(
  db: Db,
  key: Pick<VariantKey, 'documentId' | 'locale'>,
  limit = 200,
): Promise<WorkflowEvent[]> {
  const rows = (await db(WORKFLOW_TABLES.events)
    .where({ doc_id: key.documentId, locale: key.locale })
    .orderBy('id', 'desc')
    .limit(limit)) as EventRow[];
  return rows.map(toEvent);
}

/** Publish events of a variant by version, for enriching revision history. */
export async function publishEventsByVersion(
  db: Db,
  key: Pick<VariantKey, 'documentId' | 'locale'>,
): Promise<Map<number, WorkflowEvent>> {
  const rows = (await db(WORKFLOW_TABLES.events)
    .where({ doc_id: key.documentId, locale: key.locale })
    .whereIn('kind', ['publish', 'review-confirmed'])
    .whereNotNull('version')
    .orderBy('id', 'asc')) as EventRow[];
  return new Map(rows.map((r) => [Number(r.version), toEvent(r)]));
}

/**
 * Whether a professional reviewer approved the variant since its last publish (or ever, if it
 * was never published) — what a "professional review" change note claims.
 */
export async function hasProfessionalApproval(
  db: Db,
  key: Pick<VariantKey, 'documentId' | 'locale'>,
): Promise<boolean> {
  const lastPublish = (await db(WORKFLOW_TABLES.events)
    .where({ doc_id: key.documentId, locale: key.locale })
    .whereIn('kind', ['publish', 'review-confirmed'])
    .max({ id: 'id' })
    .first()) as { id: number | null } | undefined;
  const approval: unknown = await db(WORKFLOW_TABLES.events)
    .where({
      doc_id: key.documentId,
      locale: key.locale,
      kind: 'transition',
      from_stage: 'professional-review',
      to_stage: 'editorial-review',
    })
    .where('id', '>', lastPublish?.id ?? 0)
    .first('id');
  return approval !== undefined;
}

/** Recent events of some kinds across all variants (dashboards). */
export async function recentEvents(
  db: Db,
  kinds: readonly WorkflowEventKind[],
  limit: number,
): Promise<WorkflowEvent[]> {
  const rows = (await db(WORKFLOW_TABLES.events)
    .whereIn('kind', kinds)
    .orderBy('id', 'desc')
    .limit(limit)) as EventRow[];
  return rows.map(toEvent);
}
