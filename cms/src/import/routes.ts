import { resolve, sep } from 'node:path';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { IMPORT_EXPORT_TABLES } from '@kilde/migrations';
import { ImportBatch } from '@kilde/api';
import { registerInternalRoutes, type InternalCtx } from '../internal';
import { loadCmsConfig } from '../settings/load-config';
import { applyJob, runImport } from './import-service';
import { imageStepFor } from './images';
import { insertJob, findJobRow, updateJob } from './job-store';
import type { ImportMode, ImportProgress, JobSource } from './types';

/** Where the API stages uploads; the CMS only opens files inside it. */
export function stagingDir(dataDir = loadCmsConfig().dataDir): string {
  return resolve(dataDir, 'import-staging');
}

/** The partner behind a key: its organisation (the provider it imports for) and whether editors trust it to publish. */
export async function partnerProfile(
  strapi: Core.Strapi,
  name: string,
): Promise<{ provider: string | null; trusted: boolean } | null> {
  const row = (await strapi.db
    .query('api::partner.partner')
    .findOne({ where: { name }, populate: { organisation: { select: ['documentId'] } } })) as {
    trusted?: boolean | null;
    organisation?: { documentId?: string } | null;
  } | null;
  if (!row) return null;
  return { provider: row.organisation?.documentId ?? null, trusted: row.trusted === true };
}

let queue: Promise<void> = Promise.resolve();

/**
 * Live progress of the jobs this process runs. An atomic job writes its counters only when its
 * transaction ends, so `GET /v1/import/jobs/:id` asks here while it runs.
 */
const live = new Map<string, ImportProgress>();

/** Runs a staged job in the background, one job at a time (imports are heavy; order is fair). */
function enqueue(
  strapi: Core.Strapi,
  jobId: string,
  work: () => Promise<unknown>,
  staged: string | null,
): void {
  queue = queue
    .then(async () => {
      try {
        await work();
      } catch (err) {
        strapi.log.error(`import job ${jobId} failed: ${(err as Error).message}`);
        await updateJob(strapi.db.connection, jobId, {
          status: 'failed',
          error: (err as Error).message,
          finished_at: new Date().toISOString(),
        }).catch(() => undefined);
      } finally {
        live.delete(jobId);
        if (staged) await rm(staged, { force: true }).catch(() => undefined);
      }
    })
    .catch(() => undefined);
}

async function runStaged(
  strapi: Core.Strapi,
  jobId: string,
  source: Extract<JobSource, { kind: 'staged' }>,
  options: { mode: ImportMode; publish: boolean; provider: string | null; requestedBy: string },
  resume: boolean,
): Promise<void> {
  const batch = await ImportBatch.fromFile(source.path, source.format, source.name);
  const onProgress = (p: ImportProgress): void => void live.set(jobId, p);
  try {
    if (resume) await applyJob(strapi, jobId, { images: imageStepFor(strapi, batch), onProgress });
    else
      await runImport(strapi, batch, {
        ...options,
        dryRun: false,
        source,
        jobId,
        images: imageStepFor(strapi, batch),
        onProgress,
      });
  } finally {
    batch.close();
  }
}

/** Finishes jobs that a stopped CMS left behind (uploads through the API; CLI jobs use `--resume`). */
export async function resumeInterruptedJobs(strapi: Core.Strapi): Promise<number> {
  const rows = (await strapi.db
    .connection(IMPORT_EXPORT_TABLES.jobs)
    .whereIn('status', ['queued', 'staging', 'applying'])
    .orderBy('created_at')) as {
    id: string;
    status: string;
    source: string;
    mode: ImportMode;
    publish: boolean | number;
    provider: string | null;
    requested_by: string;
  }[];
  let n = 0;
  for (const row of rows) {
    const source = JSON.parse(row.source) as JobSource;
    if (source.kind !== 'staged') continue;
    n += 1;
    const options = {
      mode: row.mode,
      publish: row.publish === true || row.publish === 1,
      provider: row.provider,
      requestedBy: row.requested_by,
    };
    // Staging is redone from the file; applying continues from the items already staged.
    enqueue(
      strapi,
      row.id,
      () => runStaged(strapi, row.id, source, options, row.status === 'applying'),
      source.path,
    );
  }
  return n;
}

function body(ctx: InternalCtx): Record<string, unknown> {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

/** `/kilde-internal/import/...`: the API hands validated uploads to the CMS as jobs. */
export function registerImportInternalRoutes(strapi: Core.Strapi): void {
  registerInternalRoutes(strapi, [
    {
      method: 'GET',
      path: '/import/partner',
      handler: async (ctx) => {
        const name = typeof ctx.query.name === 'string' ? ctx.query.name : '';
        ctx.body = {
          data: (await partnerProfile(strapi, name)) ?? { provider: null, trusted: false },
        };
      },
    },
    {
      method: 'POST',
      path: '/import/jobs',
      handler: async (ctx) => {
        const b = body(ctx);
        const partner = typeof b.partner === 'string' ? b.partner : '';
        const mode: ImportMode = b.mode === 'partial' ? 'partial' : 'atomic';
        const format = b.format as Extract<JobSource, { kind: 'staged' }>['format'];
        const path = resolve(typeof b.path === 'string' ? b.path : '');
        if (!path.startsWith(stagingDir() + sep))
          throw new errors.ValidationError('path must be a file in the import staging folder');
        if (!['json', 'ndjson', 'markdown', 'zip'].includes(format))
          throw new errors.ValidationError('format must be json, ndjson, markdown or zip');
        if (!partner) throw new errors.ValidationError('partner is required');
        const profile = await partnerProfile(strapi, partner);
        const publish = b.publish === true;
        if (publish && !profile?.trusted) {
          throw new errors.ForbiddenError(
            'PUBLISH_NOT_ALLOWED: only partners that editors have marked as trusted may ask for publishing; the records can be imported as drafts.',
          );
        }
        const id = randomUUID();
        const source: JobSource = {
          kind: 'staged',
          path,
          format,
          name: (typeof b.name === 'string' ? b.name : `upload.${format}`).slice(0, 200),
        };
        const options = {
          mode,
          publish,
          provider: profile?.provider ?? null,
          requestedBy: partner,
        };
        await insertJob(strapi.db.connection, { id, ...options, source });
        await updateJob(strapi.db.connection, id, { status: 'queued' });
        enqueue(strapi, id, () => runStaged(strapi, id, source, options, false), path);
        ctx.status = 202;
        ctx.body = { data: { id, status: 'queued' } };
      },
    },
    {
      method: 'GET',
      path: '/import/jobs/:id',
      handler: async (ctx) => {
        const row = await findJobRow(strapi.db.connection, String(ctx.params.id));
        if (!row) throw new errors.NotFoundError('No such import job');
        ctx.body = { data: { id: row.id, status: row.status, progress: live.get(row.id) ?? null } };
      },
    },
  ]);
}

/** Waits for the background queue (tests, shutdown). */
export function importQueueIdle(): Promise<void> {
  return queue;
}
