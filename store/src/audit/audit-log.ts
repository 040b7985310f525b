import type { Knex } from 'knex';
import { AUDIT_TABLE } from '@kilde/migrations';
import type { Queryable } from '../shared/queryable';
import { toInt } from '../shared/values';

/** What the audit log records. Append only: a shipped action keeps its meaning. */
export const auditActions = [
  'auth.login',
  'auth.login-failed',
  'auth.logout',
  'user.create',
  'user.update',
  'user.delete',
  'role.create',
  'role.update',
  'role.delete',
  'permission.create',
  'permission.update',
  'permission.delete',
  'workflow.transition',
  'content.publish',
  'content.unpublish',
  'content.delete',
  'partner-key.create',
  'partner-key.revoke',
  'partner-key.rotate',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.redeliver',
  'import.run',
  'export.run',
  'backup.create',
  'backup.restore',
  'audit.export',
  'outbox.forget-consumer',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditEntryInput {
  /** `admin:12`, `partner:<key id>`, `system:import`, `cli:<os user>`. */
  actor: string;
  actorName?: string | null;
  action: AuditAction;
  subjectType?: string | null;
  subjectId?: string | null;
  outcome?: 'success' | 'failure';
  /** Small, non-personal facts (role names, counts, scopes). Never secrets, IPs or question text. */
  details?: Record<string, unknown> | null;
  requestId?: string | null;
  at?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: AuditAction;
  subjectType: string | null;
  subjectId: string | null;
  outcome: 'success' | 'failure';
  details: Record<string, unknown> | null;
  requestId: string | null;
}

interface Row {
  id: number | string;
  at: string;
  actor: string;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: string;
  details: string | null;
  request_id: string | null;
}

const toEntry = (r: Row): AuditEntry => ({
  id: toInt(r.id),
  at: r.at,
  actor: r.actor,
  actorName: r.actor_name,
  action: r.action as AuditAction,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  outcome: r.outcome === 'failure' ? 'failure' : 'success',
  details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  requestId: r.request_id,
});

/** Appends one entry; inside the caller's transaction when given one, so it commits with the act. */
export async function recordAudit(db: Queryable, entry: AuditEntryInput): Promise<void> {
  await db(AUDIT_TABLE).insert({
    at: entry.at ?? new Date().toISOString(),
    actor: entry.actor.slice(0, 200),
    actor_name: entry.actorName?.slice(0, 200) ?? null,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId?.slice(0, 200) ?? null,
    outcome: entry.outcome ?? 'success',
    details: entry.details ? JSON.stringify(entry.details) : null,
    request_id: entry.requestId ?? null,
  });
}

export interface AuditFilter {
  action?: string;
  /** Exact actor (`admin:12`) or its prefix (`admin:`). */
  actor?: string;
  subjectId?: string;
  outcome?: 'success' | 'failure';
  /** Inclusive ISO timestamps or dates. */
  from?: string;
  to?: string;
}

function filtered(db: Queryable, f: AuditFilter): Knex.QueryBuilder {
  const q = db<Row>(AUDIT_TABLE);
  if (f.action) {
    if (f.action.endsWith('.')) void q.where('action', 'like', `${f.action}%`);
    else void q.where('action', f.action);
  }
  if (f.actor) {
    if (f.actor.endsWith(':')) void q.where('actor', 'like', `${f.actor}%`);
    else void q.where('actor', f.actor);
  }
  if (f.subjectId) void q.where('subject_id', f.subjectId);
  if (f.outcome) void q.where('outcome', f.outcome);
  if (f.from) void q.where('at', '>=', f.from);
  // A bare date includes the whole day.
  if (f.to)
    void q.where('at', '<=', /^\d{4}-\d{2}-\d{2}$/.test(f.to) ? `${f.to}T23:59:59.999Z` : f.to);
  return q;
}

/** Newest first, keyset-paged by id (`before` = the last id of the previous page). */
export async function listAudit(
  db: Queryable,
  filter: AuditFilter = {},
  page: { limit?: number; before?: number } = {},
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  const q = filtered(db, filter)
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (page.before) void q.where('id', '<', page.before);
  const rows = (await q) as Row[];
  const entries = rows.slice(0, limit).map(toEntry);
  return {
    entries,
    nextBefore: rows.length > limit ? (entries[entries.length - 1]?.id ?? null) : null,
  };
}

/** Every matching entry, oldest first, in batches (for NDJSON/CSV export with flat memory). */
export async function* iterateAudit(
  db: Queryable,
  filter: AuditFilter = {},
  batchSize = 1000,
): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = (await filtered(db, filter)
      .where('id', '>', after)
      .orderBy('id', 'asc')
      .limit(batchSize)) as Row[];
    for (const r of rows) yield toEntry(r);
    if (rows.length < batchSize) return;
    after = toInt((rows[rows.length - 1] as Row).id);
  }
}
