import { recordAudit } from '@kilde/store';
import { currentRequestId } from '../observability/request-context';
import { cmsMetrics } from '../observability/metrics';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import type { DocumentType, Locale } from '@kilde/schemas';
import {
  ImportErrorCode,
  exportTypeOrder,
  identityHash,
  type ImportBatch,
  type ImportIssue,
  type ImportRecord,
} from '@kilde/api';
import { documentsOf, contentTypeUids } from '../strapi/content-types';
import { admitDraftWrite, resolveActor, runAs, systemActor } from '../workflow';
import { ImageFailure } from './images';
import { RefResolver, UnresolvedReference, toEntryData, type StoredImages } from './to-entry-data';
import { findJobRow, insertJob, itemCounts, MAX_STORED_ISSUES, updateJob } from './job-store';
import { BulkDraftWriter, type DraftVariant } from './bulk-drafts';
import type { ImportOptions, ImportReport, ItemOutcome, JobSource } from './types';

type Db = Knex | Knex.Transaction;

const PAGE = 200;
const rankOf = (type: DocumentType): number => exportTypeOrder.indexOf(type);

/** Stores a record's images from the batch and returns their upload file ids (see `images.ts`). */
export type ImageStep = (record: StagedRecord, db: Db) => Promise<StoredImages>;

/** A record as staged in `kilde_import_items`. */
export interface StagedRecord extends ImportRecord {
  seq: number;
}

interface ItemRow {
  seq: number;
  type: string;
  locale: string;
  key: string;
  file: string;
  line: number;
  content_hash: string;
  record: string;
}

/** The record failed; `issue` says why (the item is marked failed, or the batch rolls back). */
class RecordFailure extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

function strapiMessage(err: unknown): string {
  const e = err as {
    message?: string;
    details?: { errors?: { path?: unknown[]; message?: string }[] };
  };
  const list = e.details?.errors?.map((x) =>
    `${(x.path ?? []).join('.')} ${x.message ?? ''}`.trim(),
  );
  return list && list.length > 0
    ? `${e.message ?? 'refused'} (${list.join('; ')})`
    : (e.message ?? String(err));
}

const SYSTEM = systemActor('import');

/**
 * Imports a batch into Strapi as drafts (published on request through the workflow's gate), as
 * the `system:import` actor.
 * @remarks Records are validated and staged in `kilde_import_items` first (nothing is held in
 * memory), then applied in dependency order, a page at a time: unchanged records are only
 * marked, new articles and questions are written in bulk (`bulk-drafts.ts`), everything else
 * goes through the document service. `atomic` wraps applying in one transaction; `partial` gives
 * each document-service record its own and each page's bulk drafts one, always with their
 * identity rows and item outcomes, so a crash leaves every record either fully written or not at
 * all, and the identity table makes a rerun skip what is done.
 */
export async function runImport(
  strapi: Core.Strapi,
  batch: ImportBatch,
  options: ImportOptions & { source: JobSource; jobId?: string; images?: ImageStep },
): Promise<ImportReport> {
  const started = Date.now();
  if (options.dryRun) return dryRun(strapi, batch, options, started);
  const knex = strapi.db.connection;
  const jobId = options.jobId ?? randomUUID();
  if (!(await findJobRow(knex, jobId))) {
    await insertJob(knex, {
      id: jobId,
      mode: options.mode,
      publish: options.publish,
      provider: options.provider,
      requestedBy: options.requestedBy,
      source: options.source,
    });
  }
  await stage(knex, jobId, batch, options);
  return applyJob(strapi, jobId, { ...options, started });
}

/** Validates the batch into the job's items; invalid records become job issues. */
async function stage(
  knex: Knex,
  jobId: string,
  batch: ImportBatch,
  options: ImportOptions,
): Promise<void> {
  await knex(IMPORT_EXPORT_TABLES.items).where({ job_id: jobId }).delete();
  const issues: ImportIssue[] = [];
  let invalid = 0;
  let seq = 0;
  let rows: Record<string, unknown>[] = [];
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    // SQLite allows 999 bound variables per statement: 13 columns × 50 rows.
    for (let i = 0; i < chunk.length; i += 50)
      await knex(IMPORT_EXPORT_TABLES.items).insert(chunk.slice(i, i + 50));
  };
  for await (const event of batch.events()) {
    if (event.kind === 'invalid') {
      invalid += 1;
      for (const issue of event.issues) if (issues.length < MAX_STORED_ISSUES) issues.push(issue);
    } else {
      const r = event.record;
      seq += 1;
      rows.push({
        job_id: jobId,
        seq,
        rank: rankOf(r.type),
        type: r.type,
        locale: r.locale,
        key: r.key,
        file: r.file.slice(0, 500),
        line: r.line,
        content_hash: r.contentHash,
        record: JSON.stringify({ id: r.id, doc: r.doc, images: r.images }),
        status: 'pending',
        document_id: null,
        issues: null,
      });
      if (rows.length >= PAGE) await flush();
    }
    options.onProgress?.({ phase: 'validating', done: seq + invalid, total: 0 });
  }
  await flush();
  await updateJob(knex, jobId, { status: 'applying', total: seq + invalid, invalid, issues });
}

interface ApplyContext {
  strapi: Core.Strapi;
  jobId: string;
  provider: string;
  publish: boolean;
  resolver: RefResolver;
  images?: ImageStep;
  db: () => Db;
  /** Bulk draft writers per type (null: that type always goes through the document service). */
  writers: Map<DocumentType, BulkDraftWriter | null>;
  /** Entries the bulk path created, announced on Strapi's event hub once their transaction commits. */
  created: Map<BulkDraftWriter, number[]>;
}

/** A pending item whose reference does not resolve (yet): it waits for the next pass. */
interface Deferred {
  item: ItemRow;
  failure: RecordFailure;
}

/** Applies a job's pending items (also what finishes a job after a crash). */
export async function applyJob(
  strapi: Core.Strapi,
  jobId: string,
  options: { onProgress?: ImportOptions['onProgress']; images?: ImageStep; started?: number } = {},
): Promise<ImportReport> {
  const knex = strapi.db.connection;
  const started = options.started ?? Date.now();
  const job = await findJobRow(knex, jobId);
  if (!job) throw new Error(`No import job ${jobId}`);
  const mode = job.mode;
  const publish = job.publish === true || job.publish === 1;
  const stagedIssues: ImportIssue[] = job.issues ? (JSON.parse(job.issues) as ImportIssue[]) : [];
  const total = Number(job.total);
  const invalid = Number(job.invalid);

  if (mode === 'atomic' && invalid > 0) {
    await updateJob(knex, jobId, {
      status: 'failed',
      finished_at: new Date().toISOString(),
      error: 'invalid records: nothing was imported (atomic mode)',
    });
    return report(strapi, jobId, started);
  }

  let current: Db = knex;
  const ctx: ApplyContext = {
    strapi,
    jobId,
    provider: job.provider ?? '',
    publish,
    resolver: new RefResolver(strapi, () => current, job.provider ?? ''),
    images: options.images,
    db: () => current,
    writers: new Map(),
    created: new Map(),
  };
  let done = Number(job.processed) || 0;
  const progress = (n: number): void => {
    done += n;
    if (n > 0) options.onProgress?.({ phase: 'applying', done, total: total - invalid });
  };
  // Validation is over: progress bars switch to applying before the first page is written.
  options.onProgress?.({ phase: 'applying', done, total: total - invalid });

  /** Passes over the pending items in dependency order, a page at a time; returns the records whose references never resolved. */
  const loop = async (applyPage: (page: ItemRow[]) => Promise<Deferred[]>): Promise<Deferred[]> => {
    // A record whose reference appears later in the batch (a child topic before its parent)
    // waits for the next pass.
    let deferred: Deferred[] = [];
    for (let pass = 0; ; pass += 1) {
      let after = { rank: -1, seq: 0 };
      let progressed = false;
      deferred = [];
      for (;;) {
        const page = (await current(IMPORT_EXPORT_TABLES.items)
          .select('seq', 'rank', 'type', 'locale', 'key', 'file', 'line', 'content_hash', 'record')
          .where({ job_id: jobId, status: 'pending' })
          .andWhere((w) => {
            void w.where('rank', '>', after.rank).orWhere((w2) => {
              void w2.where('rank', after.rank).andWhere('seq', '>', after.seq);
            });
          })
          .orderBy([{ column: 'rank' }, { column: 'seq' }])
          .limit(PAGE)) as (ItemRow & { rank: number })[];
        const waiting = await applyPage(page);
        if (waiting.length < page.length) progressed = true;
        deferred.push(...waiting);
        // Partial mode: counters are visible to `GET /v1/import/jobs/:id` as the job goes.
        if (mode === 'partial' && page.length > 0)
          await updateJob(knex, jobId, { processed: done });
        if (page.length < PAGE) break;
        const last = page[page.length - 1] as ItemRow & { rank: number };
        after = { rank: last.rank, seq: last.seq };
      }
      if (deferred.length === 0 || !progressed) break;
    }
    return deferred;
  };

  try {
    if (mode === 'atomic') {
      await strapi.db.transaction(async ({ trx }) => {
        current = trx as Knex.Transaction;
        const unresolved = await loop((page) => applyPageAtomic(ctx, page, progress));
        // One record that cannot be resolved fails the whole batch.
        if (unresolved[0]) throw unresolved[0].failure;
      });
      current = knex;
      await announceCreated(ctx);
    } else {
      const unresolved = await loop((page) =>
        applyPagePartial(ctx, page, progress, (trx) => (current = trx)),
      );
      // References that never resolved: those records fail, each with its own reason; the rest stays imported.
      for (const { item, failure } of unresolved) {
        await knex(IMPORT_EXPORT_TABLES.items)
          .where({ job_id: jobId, seq: item.seq })
          .update({ status: 'failed', issues: JSON.stringify([failure.issue]) });
      }
    }
  } catch (err) {
    current = knex;
    ctx.created.clear();
    const issue =
      err instanceof RecordFailure
        ? err.issue
        : {
            file: '(batch)',
            line: null,
            path: '/',
            message: strapiMessage(err),
            code: ImportErrorCode.ApplyFailed,
          };
    if (mode === 'atomic') {
      // Everything was rolled back; the failing record says why.
      const others = total - invalid - 1;
      const rolledBack: ImportIssue[] =
        others > 0
          ? [
              {
                file: '(batch)',
                line: null,
                path: '/',
                message: `${others} other record(s) were not imported: atomic mode rolls the whole batch back`,
                code: ImportErrorCode.RolledBack,
              },
            ]
          : [];
      await updateJob(knex, jobId, {
        status: 'rolled-back',
        finished_at: new Date().toISOString(),
        error: issue.message,
        issues: [...stagedIssues, issue, ...rolledBack],
      });
      return report(strapi, jobId, started);
    }
    await updateJob(knex, jobId, {
      status: 'failed',
      finished_at: new Date().toISOString(),
      error: issue.message,
    });
    throw err;
  }
  const counts = await itemCounts(knex, jobId);
  const failedIssues = (await knex(IMPORT_EXPORT_TABLES.items)
    .select('issues')
    .where({ job_id: jobId })
    .whereNotNull('issues')
    .limit(MAX_STORED_ISSUES)) as { issues: string }[];
  await updateJob(knex, jobId, {
    status: 'completed',
    processed: total - invalid,
    created: counts.created ?? 0,
    updated: counts.updated ?? 0,
    unchanged: counts.unchanged ?? 0,
    failed: counts.failed ?? 0,
    finished_at: new Date().toISOString(),
    issues: [
      ...stagedIssues,
      ...failedIssues.flatMap((r) => JSON.parse(r.issues) as ImportIssue[]),
    ],
  });
  return report(strapi, jobId, started);
}

async function report(strapi: Core.Strapi, jobId: string, started: number): Promise<ImportReport> {
  const job = await findJobRow(strapi.db.connection, jobId);
  if (!job) throw new Error(`No import job ${jobId}`);
  const published = Number(job.published);
  cmsMetrics()?.jobs.inc({
    kind: 'import',
    outcome: job.status === 'completed' ? 'completed' : job.status,
  });
  // Who imported what, when, and how it ended (never the records themselves).
  await recordAudit(strapi.db.connection, {
    actor: job.requested_by,
    action: 'import.run',
    subjectType: 'import-job',
    subjectId: jobId,
    outcome: job.status === 'completed' ? 'success' : 'failure',
    details: {
      status: job.status,
      mode: job.mode,
      provider: job.provider,
      total: Number(job.total),
      created: Number(job.created),
      updated: Number(job.updated),
      unchanged: Number(job.unchanged),
      published,
      failed: Number(job.failed),
      invalid: Number(job.invalid),
    },
    requestId: currentRequestId() ?? null,
  }).catch((err: unknown) =>
    strapi.log.error(`audit log write failed for import ${jobId}: ${(err as Error).message}`),
  );
  return {
    jobId,
    status: job.status,
    mode: job.mode,
    dryRun: false,
    total: Number(job.total),
    created: Number(job.created),
    updated: Number(job.updated),
    unchanged: Number(job.unchanged),
    published,
    failed: Number(job.failed),
    invalid: Number(job.invalid),
    issues: job.issues ? (JSON.parse(job.issues) as ImportIssue[]) : [],
    seconds: (Date.now() - started) / 1000,
  };
}

interface Identity {
  document_id: string;
  content_hash: string;
  locale: string;
}

/** The identity of a record in this provider, and the document its other locales live in. */
async function findIdentity(
  db: Db,
  provider: string,
  type: string,
  key: string,
  locale: string,
): Promise<{ same: Identity | null; documentId: string | null }> {
  const rows = (await db(IMPORT_EXPORT_TABLES.identities)
    .select('document_id', 'content_hash', 'locale')
    .where({ provider, type, external_id: key })) as Identity[];
  const same = rows.find((r) => r.locale === locale) ?? null;
  return { same, documentId: same?.document_id ?? rows[0]?.document_id ?? null };
}

async function variantRow(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
  locale: string,
  status: 'draft' | 'published',
): Promise<Record<string, unknown> | null> {
  return (await strapi.db.query(contentTypeUids[type]).findOne({
    select: ['id', 'documentId'],
    where: {
      documentId,
      locale,
      publishedAt: status === 'draft' ? { $null: true } : { $notNull: true },
    },
  })) as Record<string, unknown> | null;
}

/** Is `id` free to become the new document's id (no Strapi entry and no read-store row uses it)? */
async function idIsFree(
  strapi: Core.Strapi,
  db: Db,
  type: DocumentType,
  id: string | null,
): Promise<boolean> {
  if (!id) return false;
  const used: unknown = await strapi.db
    .query(contentTypeUids[type])
    .findOne({ select: ['id'], where: { documentId: id } });
  if (used) return false;
  const stored = (await db('kilde_documents').select('type').where({ doc_id: id }).first()) as
    | { type?: string }
    | undefined;
  return !stored || stored.type === type;
}

function parseItem(item: ItemRow): StagedRecord {
  const body = JSON.parse(item.record) as {
    id: string | null;
    doc: Record<string, unknown>;
    images: ImportRecord['images'];
  };
  return {
    seq: item.seq,
    file: item.file,
    line: item.line,
    type: item.type as DocumentType,
    locale: item.locale as Locale,
    key: item.key,
    id: body.id,
    doc: body.doc,
    images: body.images,
    contentHash: item.content_hash,
  };
}

const failure = (
  record: Pick<StagedRecord, 'file' | 'line'>,
  path: string,
  message: string,
  code: ImportErrorCode,
): RecordFailure =>
  new RecordFailure({ file: record.file, line: record.line, path, message, code });

/** The record's document as this import writes it: a partner imports for its own organisation. */
function documentFor(ctx: ApplyContext, record: StagedRecord): Record<string, unknown> {
  const doc = { ...record.doc };
  if (ctx.provider && 'provider' in doc) {
    const named = (doc.provider as { id?: string } | null)?.id;
    if (named && named !== ctx.provider)
      throw failure(
        record,
        '/provider/id',
        `names provider "${named}", but this import is for "${ctx.provider}"`,
        ImportErrorCode.ProviderMismatch,
      );
    doc.provider = { id: ctx.provider };
  }
  return doc;
}

/** Writes one record as a draft (created, updated or left unchanged) with its identity, in the current transaction, through the document service. */
async function applyItem(ctx: ApplyContext, item: ItemRow): Promise<void> {
  const { strapi } = ctx;
  const db = ctx.db();
  const record = parseItem(item);
  const fail = (path: string, message: string, code: ImportErrorCode): RecordFailure =>
    failure(record, path, message, code);

  // A partner imports for its own organisation: the provider is theirs, whatever the record says.
  const doc = documentFor(ctx, record);
  const identityProvider = ctx.provider || '';
  const identity = await findIdentity(db, identityProvider, record.type, record.key, record.locale);
  let documentId = identity.documentId;
  if (
    documentId &&
    !(await strapi.db
      .query(contentTypeUids[record.type])
      .findOne({ select: ['id'], where: { documentId } }))
  )
    documentId = null;
  const draft = documentId
    ? await variantRow(strapi, record.type, documentId, record.locale, 'draft')
    : null;

  const hash = identityHash(record);
  let outcome: ItemOutcome;
  if (
    draft &&
    identity.same &&
    identity.same.content_hash === hash &&
    identity.same.document_id === documentId
  ) {
    outcome = 'unchanged';
  } else {
    let data: Record<string, unknown>;
    try {
      const stored =
        ctx.images && record.images.length > 0
          ? await ctx.images(record, db)
          : new Map<string, number>();
      data = await toEntryData(record.type, doc, record.locale, ctx.resolver, stored);
    } catch (err) {
      if (err instanceof UnresolvedReference)
        throw new RecordFailure(err.toIssue(record.file, record.line));
      if (err instanceof RecordFailure) throw err;
      if (err instanceof ImageFailure) throw fail(err.pointer, err.message, err.code);
      throw fail('/', strapiMessage(err), ImportErrorCode.ApplyFailed);
    }
    if (record.type === 'article' || record.type === 'question') data.workflowStage = 'draft';
    const docs = documentsOf(strapi, record.type);
    try {
      if (documentId) {
        await runAs(SYSTEM, () =>
          docs.update({
            documentId: documentId as string,
            locale: record.locale,
            data: data as never,
          }),
        );
        outcome = draft ? 'updated' : 'created';
      } else {
        const preferred = (await idIsFree(strapi, db, record.type, record.id))
          ? { documentId: record.id }
          : {};
        const created = await runAs(SYSTEM, () =>
          docs.create({ locale: record.locale, data: { ...data, ...preferred } as never }),
        );
        documentId = created.documentId;
        outcome = 'created';
      }
    } catch (err) {
      throw fail('/', strapiMessage(err), ImportErrorCode.ApplyFailed);
    }
    ctx.resolver.remember(record.type, record.id ?? record.key, documentId);
    const now = new Date().toISOString();
    await db(IMPORT_EXPORT_TABLES.identities)
      .insert({
        provider: identityProvider,
        type: record.type,
        external_id: record.key,
        locale: record.locale,
        document_id: documentId,
        content_hash: hash,
        job_id: ctx.jobId,
        updated_at: now,
      })
      .onConflict(['provider', 'type', 'external_id', 'locale'])
      .merge(['document_id', 'content_hash', 'job_id', 'updated_at']);
  }
  ctx.resolver.remember(record.type, record.id ?? record.key, documentId);
  await db(IMPORT_EXPORT_TABLES.items)
    .where({ job_id: ctx.jobId, seq: item.seq })
    .update({ status: outcome, document_id: documentId });
  if (ctx.publish) await publishItem(ctx, item, documentId);
}

/** What to do with one pending item, decided for a whole page with a few queries. */
type Plan =
  | { kind: 'failed'; item: ItemRow; failure: RecordFailure }
  | { kind: 'unchanged'; item: ItemRow; record: StagedRecord; documentId: string }
  | { kind: 'new'; item: ItemRow; record: StagedRecord; doc: Record<string, unknown> }
  | { kind: 'document-service'; item: ItemRow };

/** Types whose new drafts may be written in bulk (the bulk of any library; the rest are few). */
const BULK_TYPES: ReadonlySet<DocumentType> = new Set(['article', 'question']);

function writerFor(ctx: ApplyContext, type: DocumentType): BulkDraftWriter | null {
  if (!BULK_TYPES.has(type)) return null;
  if (!ctx.writers.has(type))
    ctx.writers.set(type, BulkDraftWriter.for(ctx.strapi, contentTypeUids[type]));
  return ctx.writers.get(type) ?? null;
}

function chunked<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Classifies a page of pending items with one identity query per type and one Strapi query per
 * type, instead of four lookups per record: unchanged since the last import (nothing to write),
 * a new document (the bulk path), or anything else (the document service, as before).
 * @remarks The same rules as `applyItem`: a record is unchanged when its identity row has the same
 * hash and its draft still exists; its document is the one any locale's identity row names, if it
 * still exists.
 */
async function planPage(ctx: ApplyContext, items: ItemRow[]): Promise<Plan[]> {
  const db = ctx.db();
  const provider = ctx.provider || '';
  const records = items.map(parseItem);
  const byType = new Map<DocumentType, Set<string>>();
  for (const r of records) byType.set(r.type, (byType.get(r.type) ?? new Set()).add(r.key));
  const identities = new Map<string, Identity[]>();
  const drafts = new Set<string>();
  const exists = new Set<string>();
  for (const [type, keys] of byType) {
    const documentIds = new Set<string>();
    for (const part of chunked([...keys], 500)) {
      const rows = (await db(IMPORT_EXPORT_TABLES.identities)
        .select('external_id', 'document_id', 'content_hash', 'locale')
        .where({ provider, type })
        .whereIn('external_id', part)) as (Identity & { external_id: string })[];
      for (const row of rows) {
        const key = `${type}\u0000${row.external_id}`;
        identities.set(key, [...(identities.get(key) ?? []), row]);
        documentIds.add(row.document_id);
      }
    }
    for (const part of chunked([...documentIds], 500)) {
      const rows = (await ctx.strapi.db.query(contentTypeUids[type]).findMany({
        select: ['documentId', 'locale', 'publishedAt'],
        where: { documentId: { $in: part } },
      })) as { documentId: string; locale: string; publishedAt: unknown }[];
      for (const row of rows) {
        exists.add(`${type}\u0000${row.documentId}`);
        if (row.publishedAt === null || row.publishedAt === undefined)
          drafts.add(`${type}\u0000${row.documentId}\u0000${row.locale}`);
      }
    }
  }
  return items.map((item, i): Plan => {
    const record = records[i] as StagedRecord;
    let doc: Record<string, unknown>;
    try {
      doc = documentFor(ctx, record);
    } catch (err) {
      if (err instanceof RecordFailure) return { kind: 'failed', item, failure: err };
      throw err;
    }
    const rows = identities.get(`${record.type}\u0000${record.key}`) ?? [];
    const same = rows.find((r) => r.locale === record.locale) ?? null;
    let documentId = same?.document_id ?? rows[0]?.document_id ?? null;
    if (documentId && !exists.has(`${record.type}\u0000${documentId}`)) documentId = null;
    const draft =
      documentId !== null && drafts.has(`${record.type}\u0000${documentId}\u0000${record.locale}`);
    if (
      draft &&
      documentId &&
      same &&
      same.content_hash === identityHash(record) &&
      same.document_id === documentId
    )
      return { kind: 'unchanged', item, record, documentId };
    if (documentId === null) return { kind: 'new', item, record, doc };
    return { kind: 'document-service', item };
  });
}

/** Sets the outcome of many items in one statement per 200. */
async function setOutcomes(
  db: Db,
  jobId: string,
  status: ItemOutcome,
  rows: { seq: number; documentId: string }[],
): Promise<void> {
  for (const part of chunked(rows, 200)) {
    const cases = part.map(() => 'WHEN ? THEN ?').join(' ');
    await db(IMPORT_EXPORT_TABLES.items)
      .where({ job_id: jobId })
      .whereIn(
        'seq',
        part.map((r) => r.seq),
      )
      .update({
        status,
        document_id: db.raw(
          `CASE seq ${cases} END`,
          part.flatMap((r) => [r.seq, r.documentId]),
        ),
      });
  }
}

/** Which of `ids` may become new `type` documents' ids (no Strapi entry, no read-store row of another type). */
async function freeIds(ctx: ApplyContext, type: DocumentType, ids: string[]): Promise<Set<string>> {
  const free = new Set(ids);
  for (const part of chunked([...free], 500)) {
    const used = (await ctx.strapi.db.query(contentTypeUids[type]).findMany({
      select: ['documentId'],
      where: { documentId: { $in: part } },
    })) as { documentId: string }[];
    for (const row of used) free.delete(row.documentId);
    const stored = (await ctx
      .db()('kilde_documents')
      .select('doc_id', 'type')
      .whereIn('doc_id', part)) as { doc_id: string; type: string }[];
    for (const row of stored) if (row.type !== type) free.delete(row.doc_id);
  }
  return free;
}

let savepoints = 0;

/**
 * Runs `fn` inside a savepoint of the current transaction: if it fails, its writes are undone and
 * the transaction stays usable (PostgreSQL aborts a transaction on the first error otherwise).
 */
async function withSavepoint<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  savepoints += 1;
  const name = `kilde_import_${savepoints}`;
  await db.raw(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await db.raw(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await db.raw(`ROLLBACK TO SAVEPOINT ${name}`);
    await db.raw(`RELEASE SAVEPOINT ${name}`);
    throw err;
  }
}

/** What a bulk write did with its records. */
interface BulkOutcome {
  created: { item: ItemRow; documentId: string }[];
  /** References that do not resolve yet: the next pass tries again. */
  deferred: Deferred[];
  /** Records that cannot be imported (atomic: the batch rolls back; partial: marked failed). */
  failed: Deferred[];
  /** Records for the document service: it decides, and words any refusal, as before. */
  fallback: ItemRow[];
}

/**
 * Creates the page's new documents as drafts in bulk (`BulkDraftWriter`), all locales of a
 * document at once, with their identity rows and item outcomes, in the current transaction.
 * @remarks Every record meets the same rules as on the document-service path, in the same order:
 * references resolve (`toEntryData`), the workflow admits the write as the import's actor
 * (`admitDraftWrite`), and Strapi's draft rules hold (`BulkDraftWriter.check`). A record the
 * workflow or the draft rules would refuse, one with images, or one whose locales disagree about
 * a field Strapi shares between locales goes to the document service instead, which then refuses
 * (or writes) it exactly as it did before. If the bulk write itself fails, a savepoint undoes it
 * and every record goes to the document service, so a failure is still reported on its record.
 */
async function writeNewDrafts(
  ctx: ApplyContext,
  plans: Extract<Plan, { kind: 'new' }>[],
): Promise<BulkOutcome> {
  const out: BulkOutcome = { created: [], deferred: [], failed: [], fallback: [] };
  const { strapi } = ctx;
  const groups = new Map<string, Extract<Plan, { kind: 'new' }>[]>();
  for (const plan of plans) {
    const { record } = plan;
    if (!writerFor(ctx, record.type) || record.images.length > 0) {
      out.fallback.push(plan.item);
      continue;
    }
    const key = `${record.type}\u0000${record.key}`;
    const group = groups.get(key) ?? [];
    group.push(plan);
    groups.set(key, group);
  }
  const actor = await runAs(SYSTEM, () => resolveActor(strapi));
  type Entry = { plan: Extract<Plan, { kind: 'new' }>; data: Record<string, unknown> };
  const prepared: { writer: BulkDraftWriter; type: DocumentType; entries: Entry[] }[] = [];
  for (const group of groups.values()) {
    const type = (group[0] as Entry['plan']).record.type;
    const writer = writerFor(ctx, type) as BulkDraftWriter;
    const entries: Entry[] = [];
    for (const plan of group) {
      const { record } = plan;
      let data: Record<string, unknown>;
      try {
        data = await toEntryData(type, plan.doc, record.locale, ctx.resolver, new Map());
      } catch (err) {
        if (err instanceof UnresolvedReference)
          out.deferred.push({
            item: plan.item,
            failure: new RecordFailure(err.toIssue(record.file, record.line)),
          });
        else
          out.failed.push({
            item: plan.item,
            failure: failure(record, '/', strapiMessage(err), ImportErrorCode.ApplyFailed),
          });
        continue;
      }
      if (type === 'article' || type === 'question') data.workflowStage = 'draft';
      try {
        data = await admitDraftWrite(strapi, actor, type, undefined, data);
      } catch {
        out.fallback.push(plan.item);
        continue;
      }
      if (writer.check(data) !== null) {
        out.fallback.push(plan.item);
        continue;
      }
      entries.push({ plan, data });
    }
    // Strapi's i18n middleware copies the last write's shared (non-localized) fields to every
    // locale; locales that disagree take the document service's order of writes.
    const shared = (e: Entry): string =>
      JSON.stringify(writer.nonLocalized.map((name) => e.data[name] ?? null));
    if (entries.length > 1 && entries.some((e) => shared(e) !== shared(entries[0] as Entry))) {
      out.fallback.push(...entries.map((e) => e.plan.item));
      continue;
    }
    if (entries.length > 0) prepared.push({ writer, type, entries });
  }
  if (prepared.length === 0) return out;

  // A record's own id becomes its document's id when nothing uses it yet (an export keeps its
  // references); otherwise Strapi's generator makes one.
  const wanted = new Map<DocumentType, string[]>();
  for (const { type, entries } of prepared) {
    const id = (entries[0] as Entry).plan.record.id;
    if (id) wanted.set(type, [...(wanted.get(type) ?? []), id]);
  }
  const free = new Map<DocumentType, Set<string>>();
  for (const [type, ids] of wanted) free.set(type, await freeIds(ctx, type, ids));
  const perWriter = new Map<BulkDraftWriter, { variants: DraftVariant[]; entries: Entry[] }>();
  for (const { writer, type, entries } of prepared) {
    const id = (entries[0] as Entry).plan.record.id;
    const taken = free.get(type);
    const documentId = id && taken?.delete(id) ? id : writer.newDocumentId();
    const slot = perWriter.get(writer) ?? { variants: [], entries: [] };
    for (const e of entries) {
      slot.variants.push({ documentId, locale: e.plan.record.locale, data: e.data });
      slot.entries.push(e);
    }
    perWriter.set(writer, slot);
  }

  const db = ctx.db();
  const provider = ctx.provider || '';
  try {
    const created = await withSavepoint(db, async () => {
      const done: { entry: Entry; documentId: string; writer: BulkDraftWriter; id: number }[] = [];
      const rejected: Entry[] = [];
      for (const [writer, { variants, entries }] of perWriter) {
        const ids = await writer.write(db, variants);
        ids.forEach((id, n) => {
          const entry = entries[n] as Entry;
          if (typeof id === 'number')
            done.push({ entry, documentId: (variants[n] as DraftVariant).documentId, writer, id });
          else rejected.push(entry);
        });
      }
      const now = new Date().toISOString();
      for (const part of chunked(done, 100))
        await db(IMPORT_EXPORT_TABLES.identities)
          .insert(
            part.map(({ entry, documentId }) => ({
              provider,
              type: entry.plan.record.type,
              external_id: entry.plan.record.key,
              locale: entry.plan.record.locale,
              document_id: documentId,
              content_hash: identityHash(entry.plan.record),
              job_id: ctx.jobId,
              updated_at: now,
            })),
          )
          .onConflict(['provider', 'type', 'external_id', 'locale'])
          .merge(['document_id', 'content_hash', 'job_id', 'updated_at']);
      await setOutcomes(
        db,
        ctx.jobId,
        'created',
        done.map(({ entry, documentId }) => ({ seq: entry.plan.item.seq, documentId })),
      );
      return { done, rejected };
    });
    for (const { entry, documentId, writer, id } of created.done) {
      const { record } = entry.plan;
      ctx.resolver.remember(record.type, record.id ?? record.key, documentId);
      out.created.push({ item: entry.plan.item, documentId });
      const ids = ctx.created.get(writer) ?? [];
      ids.push(id);
      ctx.created.set(writer, ids);
    }
    out.fallback.push(...created.rejected.map((e) => e.plan.item));
  } catch (err) {
    strapi.log.warn(
      `import ${ctx.jobId}: bulk write failed (${(err as Error).message}); writing those records one by one`,
    );
    for (const { entries } of prepared) out.fallback.push(...entries.map((e) => e.plan.item));
  }
  // The document service takes them in the batch's order.
  out.fallback.sort((a, b) => a.seq - b.seq);
  return out;
}

const isUnresolved = (err: unknown): err is RecordFailure =>
  err instanceof RecordFailure && err.issue.code === ImportErrorCode.UnresolvedReference;

/** Announces the entries the bulk path created, once their transaction has committed. */
async function announceCreated(ctx: ApplyContext): Promise<void> {
  const pending = [...ctx.created];
  ctx.created.clear();
  for (const [writer, ids] of pending)
    await writer
      .emitCreated(ids)
      .catch((err: unknown) =>
        ctx.strapi.log.error(`entry.create events for ${writer.uid}: ${(err as Error).message}`),
      );
}

/**
 * Atomic mode, inside the job's one transaction: unchanged records are only marked, new
 * documents are written in bulk per dependency rank, everything else goes through the document
 * service one by one. Any failure throws (the batch rolls back).
 */
async function applyPageAtomic(
  ctx: ApplyContext,
  page: ItemRow[],
  progress: (n: number) => void,
): Promise<Deferred[]> {
  const deferred: Deferred[] = [];
  const alone = async (item: ItemRow): Promise<void> => {
    try {
      await applyItem(ctx, item);
      progress(1);
    } catch (err) {
      if (isUnresolved(err)) deferred.push({ item, failure: err });
      else throw err;
    }
  };
  const plans = await planPage(ctx, page);
  let batch: Extract<Plan, { kind: 'new' }>[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const result = await writeNewDrafts(ctx, batch);
    batch = [];
    if (result.failed[0]) throw result.failed[0].failure;
    deferred.push(...result.deferred);
    progress(result.created.length);
    if (ctx.publish)
      for (const { item, documentId } of result.created) await publishItem(ctx, item, documentId);
    for (const item of result.fallback) await alone(item);
  };
  const unchanged: Extract<Plan, { kind: 'unchanged' }>[] = [];
  for (const plan of plans) {
    // New documents of one rank are written together, before anything that may refer to them.
    if (
      batch.length > 0 &&
      rankOf(plan.item.type as DocumentType) !== rankOf(batch[0]!.record.type)
    )
      await flush();
    switch (plan.kind) {
      case 'failed':
        throw plan.failure;
      case 'unchanged':
        unchanged.push(plan);
        break;
      case 'new':
        batch.push(plan);
        break;
      case 'document-service':
        await alone(plan.item);
        break;
      default: {
        const unreachable: never = plan;
        throw new Error(`Unknown plan ${JSON.stringify(unreachable)}`);
      }
    }
  }
  await flush();
  await markUnchanged(ctx, unchanged, progress);
  return deferred;
}

/** Unchanged records: their outcome and, when publishing was asked, a publish if the draft is newer. */
async function markUnchanged(
  ctx: ApplyContext,
  plans: Extract<Plan, { kind: 'unchanged' }>[],
  progress: (n: number) => void,
): Promise<void> {
  if (plans.length === 0) return;
  await setOutcomes(
    ctx.db(),
    ctx.jobId,
    'unchanged',
    plans.map((p) => ({ seq: p.item.seq, documentId: p.documentId })),
  );
  for (const p of plans)
    ctx.resolver.remember(p.record.type, p.record.id ?? p.record.key, p.documentId);
  progress(plans.length);
  if (ctx.publish) for (const p of plans) await publishItem(ctx, p.item, p.documentId);
}

/**
 * Partial mode: records that go through the document service keep their own transaction each
 * (draft + identity row + item outcome); new documents of a page are written in bulk in one
 * transaction together with their identity rows and item outcomes, so a crash leaves each record
 * either fully written or not at all, and a rerun finds the rest pending.
 */
async function applyPagePartial(
  ctx: ApplyContext,
  page: ItemRow[],
  progress: (n: number) => void,
  setCurrent: (db: Db) => void,
): Promise<Deferred[]> {
  const { strapi } = ctx;
  const knex = strapi.db.connection;
  const deferred: Deferred[] = [];
  const markFailed = async (item: ItemRow, f: RecordFailure): Promise<void> => {
    await knex(IMPORT_EXPORT_TABLES.items)
      .where({ job_id: ctx.jobId, seq: item.seq })
      .update({ status: 'failed', issues: JSON.stringify([f.issue]) });
    progress(1);
  };
  const alone = async (item: ItemRow): Promise<void> => {
    try {
      await strapi.db.transaction(async ({ trx }) => {
        setCurrent(trx as Knex.Transaction);
        try {
          await applyItem({ ...ctx, publish: false }, item);
        } finally {
          setCurrent(knex);
        }
      });
    } catch (err) {
      if (isUnresolved(err)) return void deferred.push({ item, failure: err });
      if (err instanceof RecordFailure) return markFailed(item, err);
      throw err;
    }
    progress(1);
    if (ctx.publish) await publishItem(ctx, item);
  };
  /** New documents and unchanged records of one rank, in one transaction. */
  const together = async (
    fresh: Extract<Plan, { kind: 'new' }>[],
    unchanged: Extract<Plan, { kind: 'unchanged' }>[],
  ): Promise<void> => {
    if (fresh.length === 0 && unchanged.length === 0) return;
    let result: BulkOutcome = { created: [], deferred: [], failed: [], fallback: [] };
    await strapi.db.transaction(async ({ trx }) => {
      setCurrent(trx as Knex.Transaction);
      try {
        if (fresh.length > 0) result = await writeNewDrafts(ctx, fresh);
        await markUnchanged({ ...ctx, publish: false }, unchanged, () => undefined);
      } finally {
        setCurrent(knex);
      }
    });
    await announceCreated(ctx);
    progress(result.created.length + unchanged.length);
    deferred.push(...result.deferred);
    for (const { item, failure: f } of result.failed) await markFailed(item, f);
    if (ctx.publish) {
      for (const { item, documentId } of result.created) await publishItem(ctx, item, documentId);
      for (const p of unchanged) await publishItem(ctx, p.item, p.documentId);
    }
    for (const item of result.fallback) await alone(item);
  };

  const plans = await planPage(ctx, page);
  let fresh: Extract<Plan, { kind: 'new' }>[] = [];
  let unchanged: Extract<Plan, { kind: 'unchanged' }>[] = [];
  const flush = async (): Promise<void> => {
    const [f, u] = [fresh, unchanged];
    fresh = [];
    unchanged = [];
    await together(f, u);
  };
  for (const plan of plans) {
    if (
      fresh.length > 0 &&
      rankOf(plan.item.type as DocumentType) !== rankOf(fresh[0]!.record.type)
    )
      await flush();
    switch (plan.kind) {
      case 'failed':
        await markFailed(plan.item, plan.failure);
        break;
      case 'unchanged':
        unchanged.push(plan);
        break;
      case 'new':
        fresh.push(plan);
        break;
      case 'document-service':
        await alone(plan.item);
        break;
      default: {
        const unreachable: never = plan;
        throw new Error(`Unknown plan ${JSON.stringify(unreachable)}`);
      }
    }
  }
  await flush();
  return deferred;
}

/** Publishes one imported variant through the workflow (gate included); a refusal is reported on the item. */
async function publishItem(
  ctx: ApplyContext,
  item: ItemRow,
  knownDocumentId?: string,
): Promise<void> {
  const { strapi } = ctx;
  const db = ctx.db();
  const documentId =
    knownDocumentId ??
    (
      (await db(IMPORT_EXPORT_TABLES.items)
        .select('document_id')
        .where({ job_id: ctx.jobId, seq: item.seq })
        .first()) as { document_id?: string } | undefined
    )?.document_id;
  if (!documentId) return;
  const type = item.type as DocumentType;
  const row = (await strapi.db.query(contentTypeUids[type]).findOne({
    select: ['id', 'updatedAt'],
    where: { documentId, locale: item.locale, publishedAt: { $notNull: true } },
  })) as { updatedAt?: unknown } | null;
  const draft = (await strapi.db.query(contentTypeUids[type]).findOne({
    select: ['id', 'updatedAt'],
    where: { documentId, locale: item.locale, publishedAt: { $null: true } },
  })) as { updatedAt?: unknown } | null;
  // Unchanged since the last publish: nothing to do.
  if (row && draft && String(row.updatedAt) >= String(draft.updatedAt)) return;
  try {
    await runAs(
      SYSTEM,
      () => documentsOf(strapi, type).publish({ documentId, locale: item.locale }),
      {
        changeNote: { kind: 'content-update', text: `Import job ${ctx.jobId}` },
      },
    );
    await db(IMPORT_EXPORT_TABLES.jobs).where({ id: ctx.jobId }).increment('published', 1);
  } catch (err) {
    const issue: ImportIssue = {
      file: item.file,
      line: item.line,
      path: '/',
      message: `was imported as a draft but not published: ${strapiMessage(err)}`,
      code: ImportErrorCode.PublishRefused,
    };
    // Atomic: the whole batch goes back. Partial: the draft stays, the refusal is reported.
    if (db !== strapi.db.connection) throw new RecordFailure(issue);
    await db(IMPORT_EXPORT_TABLES.items)
      .where({ job_id: ctx.jobId, seq: item.seq })
      .update({ issues: JSON.stringify([issue]) });
  }
}

/** A dry run: validates and classifies every record (create, update, unchanged), writing nothing. */
async function dryRun(
  strapi: Core.Strapi,
  batch: ImportBatch,
  options: ImportOptions,
  started: number,
): Promise<ImportReport> {
  const knex = strapi.db.connection;
  const out: ImportReport = {
    jobId: null,
    status: 'dry-run',
    mode: options.mode,
    dryRun: true,
    total: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    published: 0,
    failed: 0,
    invalid: 0,
    issues: [],
    plan: [],
    seconds: 0,
  };
  // Ids and slugs the batch itself defines, so references between its records count as resolved.
  const inBatch = new Set<string>();
  for await (const event of batch.events()) {
    if (event.kind !== 'record') continue;
    const r = event.record;
    for (const v of [r.id, r.key, r.doc.slug])
      if (typeof v === 'string') inBatch.add(`${r.type}\u0000${v}`);
  }
  const resolver = new RefResolver(strapi, () => knex, options.provider ?? '');
  for await (const event of batch.events()) {
    out.total += 1;
    if (event.kind === 'invalid') {
      out.invalid += 1;
      for (const issue of event.issues)
        if (out.issues.length < MAX_STORED_ISSUES) out.issues.push(issue);
      continue;
    }
    const r = event.record;
    const missing = await unresolved(resolver, r, inBatch);
    if (missing) {
      out.failed += 1;
      if (out.issues.length < MAX_STORED_ISSUES) out.issues.push(missing);
      continue;
    }
    const identity = await findIdentity(knex, options.provider ?? '', r.type, r.key, r.locale);
    const hash = identityHash(r);
    const action: ItemOutcome =
      identity.same && identity.same.content_hash === hash
        ? 'unchanged'
        : identity.same
          ? 'updated'
          : 'created';
    out[action] += 1;
    if ((out.plan as unknown[]).length < MAX_STORED_ISSUES)
      out.plan?.push({
        file: r.file,
        line: r.line,
        type: r.type,
        locale: r.locale,
        key: r.key,
        action,
      });
    options.onProgress?.({ phase: 'validating', done: out.total, total: 0 });
  }
  out.seconds = (Date.now() - started) / 1000;
  return out;
}

async function unresolved(
  resolver: RefResolver,
  r: ImportRecord,
  inBatch: Set<string>,
): Promise<ImportIssue | null> {
  const refs: { type: DocumentType; ref: unknown; path: string }[] = [];
  const d = r.doc;
  if (Array.isArray(d.topics))
    d.topics.forEach((t, i) => refs.push({ type: 'topic', ref: t, path: `/topics/${i}` }));
  if (d.provider) refs.push({ type: 'organisation', ref: d.provider, path: '/provider' });
  if (d.parent) refs.push({ type: 'topic', ref: d.parent, path: '/parent' });
  for (const { type, ref, path } of refs) {
    const o = ref as { id?: string; slug?: string };
    if (
      (o.id && inBatch.has(`${type}\u0000${o.id}`)) ||
      (o.slug && inBatch.has(`${type}\u0000${o.slug}`))
    )
      continue;
    if (await resolver.documentId(type, o)) continue;
    return {
      file: r.file,
      line: r.line,
      path,
      message: `refers to ${type} "${o.id ?? o.slug ?? '?'}", which is neither in Kilde nor in this batch`,
      code: ImportErrorCode.UnresolvedReference,
    };
  }
  return null;
}
