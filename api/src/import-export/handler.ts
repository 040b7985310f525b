import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Knex } from 'knex';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import { documentTypes, KildeError, locales, type DocumentType, type Locale } from '@kilde/schemas';
import { assertChangesRetained, CursorExpiredError } from '@kilde/store';
import { ApiErrorCode, CURSOR_EXPIRED_MESSAGE } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { sendJson } from '../http/send';
import type { CmsClient } from '../internal/cms-client';
import { CmsClientError } from '../internal/cms-client';
import type { RestContext, RestRequest } from '../rest/types';
import {
  ImportBatch,
  formatOfContentType,
  formatIssue,
  identityHash,
  ImportErrorCode,
  type ImportIssue,
  type ImportRecord,
  type SourceFormat,
} from './format';
import {
  changesHead,
  encodeSinceCursor,
  exportFormats,
  exportMedia,
  exportRows,
  parseSince,
  writeExport,
  type ExportFormat,
  type ExportQuery,
} from './export';
import { requirePartner, sendError } from './partner-auth';
import { requestIdOf } from '../http/request-id';

/** Largest upload (a zip of a whole library with images fits; NDJSON streams past any size anyway). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const MAX_ISSUES = 1000;
const EXT: Record<SourceFormat, string> = {
  json: 'json',
  ndjson: 'ndjson',
  markdown: 'md',
  zip: 'zip',
};

const rejected = (
  message: string,
  issues: ImportIssue[],
  extra: Record<string, unknown> = {},
): HttpError =>
  new HttpError(422, ApiErrorCode.ImportRejected, message, { details: { issues, ...extra } });

function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  if (v === null || v === 'false' || v === '0') return false;
  if (v === '' || v === 'true' || v === '1') return true;
  throw new HttpError(400, ApiErrorCode.BadUserInput, `${name} is true or false`, {
    details: { errors: [{ in: 'query', path: name, message: 'must be true or false' }] },
  });
}

/** Streams the body to a file without holding it in memory; refuses more than `limit` bytes. */
async function stageBody(req: IncomingMessage, path: string, limit: number): Promise<number> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit)
    throw new HttpError(413, ApiErrorCode.PayloadTooLarge, `Uploads are limited to ${limit} bytes`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > limit)
        cb(
          new HttpError(413, ApiErrorCode.PayloadTooLarge, `Uploads are limited to ${limit} bytes`),
        );
      else cb(null, chunk);
    },
  });
  await pipeline(req, counter, createWriteStream(path));
  return size;
}

interface PartnerProfile {
  provider: string | null;
  trusted: boolean;
}

async function cmsCall<T>(
  cms: CmsClient,
  method: string,
  path: string,
  body?: unknown,
  requestId?: string,
): Promise<T> {
  try {
    return (await cms.request<{ data: T }>(method, path, body, { requestId })).data;
  } catch (err) {
    if (err instanceof CmsClientError) {
      if (err.status === 403)
        throw new HttpError(
          403,
          ApiErrorCode.PublishNotAllowed,
          err.message.replace(/^PUBLISH_NOT_ALLOWED: /, ''),
        );
      if (err.status >= 500)
        throw new HttpError(
          503,
          ApiErrorCode.ServiceUnavailable,
          'The CMS is not reachable right now; try again shortly.',
        );
      throw new HttpError(400, ApiErrorCode.BadUserInput, err.message, { details: err.details });
    }
    throw err;
  }
}

/** Identity lookup for a dry run (read-only: the API never writes the CMS's tables). */
async function classify(
  knex: Knex,
  provider: string,
  r: ImportRecord,
): Promise<'created' | 'updated' | 'unchanged'> {
  const row = (await knex(IMPORT_EXPORT_TABLES.identities)
    .select('content_hash')
    .where({ provider, type: r.type, external_id: r.key, locale: r.locale })
    .first()) as { content_hash?: string } | undefined;
  if (!row) return 'created';
  return row.content_hash === identityHash(r) ? 'unchanged' : 'updated';
}

/** `POST /v1/import` */
export async function handleImport(
  context: RestContext,
  { req, res, url }: RestRequest,
): Promise<void> {
  const { partner, headers } = await requirePartner(context, req, 'import');
  const dryRun = flag(url, 'dryRun');
  const publish = flag(url, 'publish');
  const mode = url.searchParams.get('mode') ?? 'atomic';
  if (mode !== 'atomic' && mode !== 'partial')
    throw new HttpError(
      400,
      ApiErrorCode.BadUserInput,
      'mode is atomic (all or nothing, the default) or partial',
      {
        details: { errors: [{ in: 'query', path: 'mode', message: 'must be atomic or partial' }] },
      },
    );
  const format = formatOfContentType(req.headers['content-type']);
  if (!format) {
    throw new HttpError(
      415,
      ApiErrorCode.UnsupportedMediaType,
      'Send application/json, application/x-ndjson, text/markdown or application/zip',
      {
        details: {
          issues: [
            {
              file: '(body)',
              line: null,
              path: '/',
              message: `content type ${String(req.headers['content-type'] ?? '(none)')} is not one Kilde imports`,
              code: ImportErrorCode.UnsupportedFormat,
            },
          ],
        },
      },
    );
  }
  if (!context.cms || !context.dataDir)
    throw new HttpError(
      503,
      ApiErrorCode.ServiceUnavailable,
      'Import needs the CMS channel and a data folder; this API process has neither configured.',
    );
  const profile = await cmsCall<PartnerProfile>(
    context.cms,
    'GET',
    `/kilde-internal/import/partner?name=${encodeURIComponent(partner.partner)}`,
  );
  if (publish && !profile.trusted)
    throw new HttpError(
      403,
      ApiErrorCode.PublishNotAllowed,
      'Only partners that editors have marked as trusted may ask for publishing; import without `publish` to create drafts.',
    );

  const dir = join(context.dataDir, 'import-staging');
  await mkdir(dir, { recursive: true });
  const name = `upload.${EXT[format]}`;
  const staged = join(dir, `${randomUUID()}.${EXT[format]}`);
  let handedOver = false;
  try {
    const size = await stageBody(req, staged, MAX_UPLOAD_BYTES);
    if (size === 0)
      throw rejected('The body is empty', [
        {
          file: name,
          line: null,
          path: '/',
          message: 'is empty',
          code: ImportErrorCode.EmptyInput,
        },
      ]);

    const batch = await ImportBatch.fromFile(staged, format, name);
    const issues: ImportIssue[] = [];
    const plan = { created: 0, updated: 0, unchanged: 0 };
    let valid = 0;
    let invalid = 0;
    try {
      for await (const event of batch.events()) {
        if (event.kind === 'invalid') {
          invalid += 1;
          for (const i of event.issues) if (issues.length < MAX_ISSUES) issues.push(i);
        } else {
          valid += 1;
          if (dryRun) plan[await classify(context.knex, profile.provider ?? '', event.record)] += 1;
        }
      }
    } finally {
      batch.close();
    }
    const summary = { total: valid + invalid, valid, invalid };
    if (valid === 0 || (invalid > 0 && mode === 'atomic' && !dryRun)) {
      const first = issues[0];
      throw rejected(
        `${invalid} of ${valid + invalid} records are invalid${mode === 'atomic' && valid > 0 ? '; nothing was imported (atomic mode)' : ''}${first ? `. First: ${formatIssue(first)}` : ''}`,
        issues,
        summary,
      );
    }
    if (dryRun) {
      sendJson(
        res,
        200,
        { dryRun: true, mode, ...summary, ...plan, issues },
        { ...headers, 'cache-control': 'no-store' },
      );
      return;
    }
    const job = await cmsCall<{ id: string; status: string }>(
      context.cms,
      'POST',
      '/kilde-internal/import/jobs',
      { path: staged, format, name, partner: partner.partner, mode, publish },
      requestIdOf(req),
    );
    handedOver = true;
    sendJson(
      res,
      202,
      {
        job: { id: job.id, status: job.status, url: `/v1/import/jobs/${job.id}` },
        validation: { ...summary, issues },
      },
      { ...headers, location: `/v1/import/jobs/${job.id}`, 'cache-control': 'no-store' },
    );
  } finally {
    if (!handedOver) await rm(staged, { force: true }).catch(() => undefined);
  }
}

interface JobRow {
  id: string;
  status: string;
  mode: string;
  publish: boolean | number;
  requested_by: string;
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

/** `GET /v1/import/jobs/:id` — read from the job table (written by the CMS). */
export async function handleJob(
  context: RestContext,
  { req, res, params }: RestRequest,
): Promise<void> {
  const { partner, headers } = await requirePartner(context, req, 'import');
  const row = (await context
    .knex(IMPORT_EXPORT_TABLES.jobs)
    .where({ id: params.id ?? '', requested_by: partner.partner })
    .first()) as JobRow | undefined;
  if (!row)
    throw new HttpError(404, ApiErrorCode.NotFound, 'No import job with this id for this key');
  const n = (v: unknown): number => Number(v ?? 0);
  let progress = {
    total: n(row.total),
    processed: n(row.processed),
    phase: row.status === 'staging' ? 'validating' : row.status === 'applying' ? 'applying' : null,
  };
  if ((row.status === 'staging' || row.status === 'applying') && context.cms) {
    // An atomic job's counters land with its transaction; the CMS knows how far it is now.
    const now = await context.cms
      .request<{
        data: { progress: { phase: string; done: number; total: number } | null };
      }>('GET', `/kilde-internal/import/jobs/${encodeURIComponent(row.id)}`)
      .catch(() => null);
    const p = now?.data.progress;
    if (p) progress = { total: p.total || progress.total, processed: p.done, phase: p.phase };
  }
  sendJson(
    res,
    200,
    {
      id: row.id,
      status: row.status,
      mode: row.mode,
      publish: row.publish === true || row.publish === 1,
      progress,
      created: n(row.created),
      updated: n(row.updated),
      unchanged: n(row.unchanged),
      published: n(row.published),
      failed: n(row.failed),
      invalid: n(row.invalid),
      issues: row.issues ? (JSON.parse(row.issues) as ImportIssue[]) : [],
      error: row.error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      finishedAt: row.finished_at,
    },
    { ...headers, 'cache-control': 'no-store' },
  );
}

function listParam<T extends string>(
  url: URL,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const raw = url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  if (raw.length === 0) return undefined;
  const bad = raw.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length)
    throw new HttpError(
      400,
      ApiErrorCode.BadUserInput,
      `${name} must be among ${allowed.join(', ')}`,
      { details: { errors: [{ in: 'query', path: name, message: `unknown: ${bad.join(', ')}` }] } },
    );
  return raw as T[];
}

const EXPORT_PARAMS = new Set(['format', 'since', 'locale', 'type', 'topic', 'provider']);

/** `GET /v1/export` — streamed from the read store; memory stays flat at any size. */
export async function handleExport(
  context: RestContext,
  { req, res, url }: RestRequest,
): Promise<void> {
  const { partner, headers } = await requirePartner(context, req, 'export');
  const unknown = [...url.searchParams.keys()].filter((k) => !EXPORT_PARAMS.has(k));
  if (unknown.length)
    throw new HttpError(
      400,
      ApiErrorCode.BadUserInput,
      `Unknown parameter ${unknown.join(', ')}; export takes ${[...EXPORT_PARAMS].join(', ')}`,
    );
  const format = (url.searchParams.get('format') ?? 'ndjson') as ExportFormat;
  if (!exportFormats.includes(format))
    throw new HttpError(
      400,
      ApiErrorCode.BadUserInput,
      `format is one of ${exportFormats.join(', ')}`,
      {
        details: {
          errors: [
            { in: 'query', path: 'format', message: `must be one of ${exportFormats.join(', ')}` },
          ],
        },
      },
    );
  let since: ReturnType<typeof parseSince> | undefined;
  const sinceParam = url.searchParams.get('since');
  if (sinceParam) {
    try {
      since = parseSince(sinceParam);
    } catch (err) {
      if (err instanceof KildeError)
        throw new HttpError(400, ApiErrorCode.BadUserInput, err.message, {
          details: { errors: [{ in: 'query', path: 'since', message: err.message }] },
        });
      throw err;
    }
  }
  const query: ExportQuery = {
    locales: listParam<Locale>(url, 'locale', locales),
    types: listParam<DocumentType>(url, 'type', documentTypes),
    topic: url.searchParams.get('topic') ?? undefined,
    provider: url.searchParams.get('provider') ?? undefined,
    ...since,
  };
  // Before any byte is sent: rows after an expired cursor may be pruned, so the delta would
  // silently miss documents (410, as `changes` answers).
  if (since && 'afterSeq' in since) {
    try {
      await assertChangesRetained(context.knex, since.afterSeq);
    } catch (err) {
      if (err instanceof CursorExpiredError)
        throw new HttpError(410, ApiErrorCode.CursorExpired, CURSOR_EXPIRED_MESSAGE);
      throw err;
    }
  }
  const head = await changesHead(context.knex);
  res.writeHead(200, {
    ...headers,
    'content-type': exportMedia[format].contentType,
    'content-disposition': `attachment; filename="kilde-export.${exportMedia[format].extension}"`,
    'cache-control': 'no-store',
    'x-kilde-changes-cursor': encodeSinceCursor(head),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    const cms = context.cms;
    // Local uploads are served by the CMS; a Markdown zip carries them (remote media stay links).
    const media = cms
      ? async (url: string): Promise<Buffer | null> => {
          const r = await fetch(`${cms.baseUrl}${url}`, {
            signal: AbortSignal.timeout(10_000),
          }).catch(() => null);
          return r?.ok ? Buffer.from(await r.arrayBuffer()) : null;
        }
      : undefined;
    await writeExport(exportRows(context.knex, query), format, res, undefined, { media });
    res.end();
    // Audited by the CMS (the API writes none of its tables); a failure to record is logged,
    // never shown to the partner, whose export has already been delivered.
    void cms
      ?.request(
        'POST',
        '/kilde-internal/audit',
        {
          actor: `partner:${partner.partner}`,
          action: 'export.run',
          details: {
            keyId: partner.keyId,
            format,
            since: sinceParam ?? null,
            locales: query.locales ?? null,
            types: query.types ?? null,
            topic: query.topic ?? null,
            provider: query.provider ?? null,
          },
        },
        { requestId: requestIdOf(req) },
      )
      .catch((err: unknown) =>
        context.logger.warn({ err: (err as Error).message }, 'export not audited'),
      );
  } catch (err) {
    // Headers are gone: cut the stream so the client sees an incomplete download, not a short one.
    if (err instanceof CursorExpiredError) {
      context.logger.warn(
        { afterSeq: err.afterSeq, watermark: err.watermark },
        'delta export cut: a prune passed its cursor while it streamed',
      );
    } else context.logger.error({ err }, 'export failed mid-stream');
    res.destroy();
  }
}

/** Runs a handler and answers its refusals with details. */
export function withErrors(
  context: RestContext,
  fn: (context: RestContext, r: RestRequest) => Promise<void>,
): (r: RestRequest) => Promise<void> {
  return async (r) => {
    try {
      await fn(context, r);
    } catch (err) {
      if (!sendError(r.res, err)) throw err;
    }
  };
}
