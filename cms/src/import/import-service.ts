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
import { runAs, systemActor } from '../workflow';
import { ImageFailure } from './images';
import { RefResolver, UnresolvedReference, toEntryData, type StoredImages } from './to-entry-data';
import { findJobRow, insertJob, itemCounts, MAX_STORED_ISSUES, updateJob } from './job-store';
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
 * Imports a batch into Strapi as drafts (published on request through the workflow's gate),
 * through the document service as the `system:import` actor.
 * @remarks Records are validated and staged in `kilde_import_items` first (nothing is held in
 * memory), then applied in dependency order. `atomic` wraps applying in one transaction;
 * `partial` gives each record its own, so a crash leaves every record either fully written or
 * not at all, and the identity table makes a rerun skip what is done.
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
  };
  let done = Number(job.processed) || 0;
  const progress = (): void =>
    options.onProgress?.({ phase: 'applying', done, total: total - invalid });

  /** Applies pending items; returns the records whose references never resolved. */
  const loop = async (
    perRecord: (item: ItemRow) => Promise<void>,
  ): Promise<{ item: ItemRow; failure: RecordFailure }[]> => {
    // Passes over the pending items in dependency order; a record whose reference appears later
    // in the batch (a child topic before its parent) waits for the next pass.
    let deferred: { item: ItemRow; failure: RecordFailure }[] = [];
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
        for (const item of page) {
          try {
            await perRecord(item);
            progressed = true;
            done += 1;
            progress();
          } catch (err) {
            if (
              err instanceof RecordFailure &&
              err.issue.code === ImportErrorCode.UnresolvedReference
            )
              deferred.push({ item, failure: err });
            else throw err;
          }
        }
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
        const unresolved = await loop(async (item) => applyItem(ctx, item));
        // One record that cannot be resolved fails the whole batch.
        if (unresolved[0]) throw unresolved[0].failure;
      });
      current = knex;
    } else {
      const unresolved = await loop(async (item) => {
        try {
          await strapi.db.transaction(async ({ trx }) => {
            current = trx as Knex.Transaction;
            try {
              await applyItem({ ...ctx, publish: false }, item);
            } finally {
              current = knex;
            }
          });
        } catch (err) {
          if (err instanceof RecordFailure) {
            if (err.issue.code === ImportErrorCode.UnresolvedReference) throw err;
            await knex(IMPORT_EXPORT_TABLES.items)
              .where({ job_id: jobId, seq: item.seq })
              .update({ status: 'failed', issues: JSON.stringify([err.issue]) });
            return;
          }
          throw err;
        }
        if (publish) await publishItem(ctx, item);
      });
      // References that never resolved: those records fail, each with its own reason; the rest stays imported.
      for (const { item, failure } of unresolved) {
        await knex(IMPORT_EXPORT_TABLES.items)
          .where({ job_id: jobId, seq: item.seq })
          .update({ status: 'failed', issues: JSON.stringify([failure.issue]) });
      }
    }
  } catch (err) {
    current = knex;
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

/** Writes one record as a draft (created, updated or left unchanged) with its identity, in the current transaction. */
async function applyItem(ctx: ApplyContext, item: ItemRow): Promise<void> {
  const { strapi } = ctx;
  const db = ctx.db();
  const record = parseItem(item);
  const fail = (path: string, message: string, code: ImportErrorCode): RecordFailure =>
    new RecordFailure({ file: record.file, line: record.line, path, message, code });

  // A partner imports for its own organisation: the provider is theirs, whatever the record says.
  const doc = { ...record.doc };
  if (ctx.provider && 'provider' in doc) {
    const named = (doc.provider as { id?: string } | null)?.id;
    if (named && named !== ctx.provider)
      throw fail(
        '/provider/id',
        `names provider "${named}", but this import is for "${ctx.provider}"`,
        ImportErrorCode.ProviderMismatch,
      );
    doc.provider = { id: ctx.provider };
  }
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
