import type { Knex } from 'knex';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import type { ImportIssue } from '@kilde/api';
import type { ImportCounts, ImportMode, JobSource, JobStatus } from './types';

type Db = Knex | Knex.Transaction;

export const MAX_STORED_ISSUES = 1000;

export interface JobRow {
  id: string;
  status: JobStatus;
  mode: ImportMode;
  publish: boolean | number;
  provider: string | null;
  requested_by: string;
  source: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  published: number;
  failed: number;
  invalid: number;
  issues: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A job as the API and the CLI show it. */
export interface ImportJob extends ImportCounts {
  id: string;
  status: JobStatus;
  mode: ImportMode;
  publish: boolean;
  provider: string | null;
  requestedBy: string;
  processed: number;
  issues: ImportIssue[];
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export function toJob(row: JobRow): ImportJob {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    publish: row.publish === true || row.publish === 1,
    provider: row.provider,
    requestedBy: row.requested_by,
    total: Number(row.total),
    processed: Number(row.processed),
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    published: Number(row.published),
    failed: Number(row.failed),
    invalid: Number(row.invalid),
    issues: row.issues ? (JSON.parse(row.issues) as ImportIssue[]) : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export async function insertJob(
  db: Db,
  job: {
    id: string;
    mode: ImportMode;
    publish: boolean;
    provider: string | null;
    requestedBy: string;
    source: JobSource;
  },
): Promise<void> {
  const now = new Date().toISOString();
  await db(IMPORT_EXPORT_TABLES.jobs).insert({
    id: job.id,
    status: 'staging',
    mode: job.mode,
    publish: job.publish,
    provider: job.provider,
    requested_by: job.requestedBy,
    source: JSON.stringify(job.source),
    created_at: now,
    updated_at: now,
  });
}

export async function updateJob(
  db: Db,
  id: string,
  fields: Partial<Omit<JobRow, 'id' | 'issues'>> & { issues?: ImportIssue[] },
): Promise<void> {
  const { issues, ...rest } = fields;
  await db(IMPORT_EXPORT_TABLES.jobs)
    .where({ id })
    .update({
      ...rest,
      ...(issues ? { issues: JSON.stringify(issues.slice(0, MAX_STORED_ISSUES)) } : {}),
      updated_at: new Date().toISOString(),
    });
}

export async function findJob(db: Db, id: string): Promise<ImportJob | null> {
  const row = (await db(IMPORT_EXPORT_TABLES.jobs).where({ id }).first()) as JobRow | undefined;
  return row ? toJob(row) : null;
}

export async function findJobRow(db: Db, id: string): Promise<JobRow | null> {
  return (
    ((await db(IMPORT_EXPORT_TABLES.jobs).where({ id }).first()) as JobRow | undefined) ?? null
  );
}

/** Counts of a job's items by status (what the job row's counters are refreshed from). */
export async function itemCounts(db: Db, jobId: string): Promise<Record<string, number>> {
  const rows: { status: string; n: number | string }[] = await db(IMPORT_EXPORT_TABLES.items)
    .select('status')
    .count({ n: '*' })
    .where({ job_id: jobId })
    .groupBy('status');
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
