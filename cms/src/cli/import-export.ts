import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { join, resolve as resolvePath } from 'node:path';
import { readFile, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { KildeError, locales, documentTypes, type DocumentType, type Locale } from '@kilde/schemas';
import {
  ImportBatch,
  changesHead,
  encodeSinceCursor,
  exportFormats,
  exportRows,
  formatIssue,
  parseSince,
  writeExport,
  type ExportFormat,
  type ExportQuery,
} from '@kilde/api';
import { assertChangesRetained, recordAudit } from '@kilde/store';
import type { ImportProgress, ImportReport } from '../import/types';
import { applyJob, runImport } from '../import/import-service';
import { imageStepFor } from '../import/images';
import { reopenJobBatch } from '../import/jobs';
import { listDeliveries, redeliver } from '../webhooks/deliveries';

export const importExportUsage = `  import <files or folders…> [--dry-run] [--mode atomic|partial] [--provider ORG] [--publish]
                                         import JSON, NDJSON, Markdown (front matter) or zips as drafts
  import --resume JOB                    finish an import job that was interrupted
  export [--since CURSOR|TIME] [--format ndjson|json|markdown-zip] [--locale nb,nn]
         [--type article,…] [--topic ID|SLUG] [--provider ORG] [--out FILE]
                                         canonical documents from the read store (the backup path)
`;

export interface CliTools {
  withStrapi<T>(fn: (strapi: Core.Strapi) => Promise<T>): Promise<T>;
  withDatabase<T>(fn: (knex: Knex) => Promise<T>): Promise<T>;
  out(line?: string): void;
  table(rows: Record<string, unknown>[]): void;
  /** Who runs the CLI, for the audit log (`cli:<os user>`). */
  actor?: string;
}

/** A progress bar on a terminal, a line every 1,000 records otherwise (logs stay readable). */
export function progressBar(
  stream: NodeJS.WriteStream = process.stderr,
): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    const end = p.total > 0 && p.done >= p.total;
    if (!end && now - last < 100) return;
    last = now;
    if (!stream.isTTY) {
      if (p.done % 1000 === 0 || end)
        stream.write(`${p.phase}: ${p.done}${p.total ? `/${p.total}` : ''}\n`);
      return;
    }
    const width = 30;
    const filled = p.total > 0 ? Math.min(width, Math.round((p.done / p.total) * width)) : 0;
    const bar =
      p.total > 0
        ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`
        : `${p.done} records`;
    stream.write(`\r${p.phase.padEnd(10)} ${bar}${end ? '\n' : ''}`);
  };
}

function list<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
  if (bad.length)
    throw new KildeError('USAGE', `${flag} takes ${allowed.join(', ')} (not ${bad.join(', ')})`);
  return items as T[];
}

/** An organisation given by document id, externalId or exact name. */
async function resolveProvider(strapi: Core.Strapi, value: string): Promise<string> {
  const q = strapi.db.query('api::organisation.organisation');
  const row = ((await q.findOne({ select: ['documentId'], where: { documentId: value } })) ??
    (await q.findOne({ select: ['documentId'], where: { externalId: value } })) ??
    (await q.findOne({ select: ['documentId'], where: { name: value } }))) as {
    documentId?: string;
  } | null;
  if (!row?.documentId)
    throw new KildeError(
      'USAGE',
      `--provider: no organisation with id, externalId or name "${value}"`,
    );
  return row.documentId;
}

export function printReport(report: ImportReport, tools: Pick<CliTools, 'out' | 'table'>): void {
  tools.out('');
  tools.table([
    {
      job: report.jobId ?? '(dry run)',
      status: report.status,
      mode: report.mode,
      records: report.total,
      [report.dryRun ? 'would create' : 'created']: report.created,
      [report.dryRun ? 'would update' : 'updated']: report.updated,
      unchanged: report.unchanged,
      published: report.published,
      invalid: report.invalid,
      failed: report.failed,
      seconds: report.seconds.toFixed(1),
    },
  ]);
  if (report.issues.length > 0) {
    tools.out('');
    for (const issue of report.issues.slice(0, 200))
      tools.out(`${formatIssue(issue)}  [${issue.code}]`);
    if (report.issues.length > 200) tools.out(`… ${report.issues.length - 200} more`);
  }
  if (report.status === 'rolled-back')
    tools.out('\nAtomic mode: nothing was imported. Fix the record above, or use --mode partial.');
  if (report.dryRun) tools.out('\nDry run: nothing was written.');
}

/** `kilde import …` */
export async function importCommand(args: string[], tools: CliTools): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      mode: { type: 'string' },
      provider: { type: 'string' },
      publish: { type: 'boolean' },
      resume: { type: 'string' },
    },
  });
  const mode = values.mode ?? 'atomic';
  if (mode !== 'atomic' && mode !== 'partial')
    throw new KildeError('USAGE', '--mode is atomic (all or nothing, the default) or partial');
  if (!values.resume && positionals.length === 0)
    throw new KildeError('USAGE', `import needs files or folders\n\n${importExportUsage}`);
  const report = await tools.withStrapi(async (strapi) => {
    if (values.resume) {
      const batch = await reopenJobBatch(strapi, values.resume);
      try {
        return await applyJob(strapi, values.resume, {
          onProgress: progressBar(),
          images: batch ? imageStepFor(strapi, batch) : undefined,
        });
      } finally {
        batch?.close();
      }
    }
    const provider = values.provider ? await resolveProvider(strapi, values.provider) : null;
    const batch = await ImportBatch.fromPaths(positionals);
    try {
      return await runImport(strapi, batch, {
        mode,
        dryRun: values['dry-run'] === true,
        publish: values.publish === true,
        provider,
        requestedBy: 'cli',
        source: { kind: 'paths', paths: positionals.map((p) => resolvePath(p)) },
        onProgress: progressBar(),
        images: imageStepFor(strapi, batch),
      });
    } finally {
      batch.close();
    }
  });
  printReport(report, tools);
  return report.status === 'completed' || report.status === 'dry-run'
    ? report.failed + report.invalid > 0
      ? 2
      : 0
    : 1;
}

/** `kilde export …` (reads the read store only; Strapi is not started). */
export async function exportCommand(args: string[], tools: CliTools): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      since: { type: 'string' },
      format: { type: 'string' },
      locale: { type: 'string' },
      type: { type: 'string' },
      topic: { type: 'string' },
      provider: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const format = (values.format ?? 'ndjson') as ExportFormat;
  if (!exportFormats.includes(format))
    throw new KildeError('USAGE', `--format is one of ${exportFormats.join(', ')}`);
  const query: ExportQuery = {
    locales: list<Locale>(values.locale, locales, '--locale'),
    types: list<DocumentType>(values.type, documentTypes, '--type'),
    topic: values.topic,
    provider: values.provider,
    ...(values.since ? parseSince(values.since) : {}),
  };
  if (!values.out && format === 'markdown-zip' && process.stdout.isTTY)
    throw new KildeError('USAGE', 'a zip is not for the terminal: add --out FILE');
  await tools.withDatabase(async (knex) => {
    // An expired cursor fails (CURSOR_EXPIRED) before anything is written, as on GET /v1/export.
    if (query.afterSeq !== undefined) await assertChangesRetained(knex, query.afterSeq);
    const head = await changesHead(knex);
    const started = Date.now();
    // A file appears under its name only once it is complete: a failure mid-way (the database
    // gone, or a prune passing a delta's cursor) leaves no short export that looks whole.
    const partial = values.out ? `${values.out}.partial-${process.pid}` : null;
    const target: Writable = partial ? createWriteStream(partial) : process.stdout;
    // Local uploads go into a Markdown zip (cms/public/uploads); remote media (S3, CDN) stay links.
    const publicDir = join(__dirname, '..', '..', '..', 'public');
    const media = (url: string): Promise<Buffer | null> =>
      readFile(join(publicDir, url)).catch(() => null);
    let count: number;
    try {
      count = await writeExport(
        exportRows(knex, query),
        format,
        target,
        (n) => {
          if (values.out && n % 1000 === 0) process.stderr.write(`\rexported ${n}`);
        },
        { media },
      );
      if (partial && values.out) {
        target.end();
        await once(target, 'finish');
        await rename(partial, values.out);
      }
    } catch (err) {
      if (partial) {
        target.destroy();
        await rm(partial, { force: true });
      }
      throw err;
    }
    process.stderr.write(
      `\r${count} documents exported in ${((Date.now() - started) / 1000).toFixed(1)} s${values.out ? ` to ${values.out}` : ''}\n`,
    );
    process.stderr.write(`next delta: kilde export --since ${encodeSinceCursor(head)}\n`);
  });
  return 0;
}

/** `kilde webhooks deliveries ENDPOINT [--limit N]` and `kilde webhooks redeliver ENDPOINT DELIVERY` (operators). */
export async function webhooksCommand(args: string[], tools: CliTools): Promise<number> {
  const [sub, endpoint, delivery] = args;
  if (sub === 'deliveries' && endpoint) {
    await tools.withDatabase(async (knex) => {
      const rows = await listDeliveries(knex, endpoint, { limit: 50, operator: true });
      tools.table(
        rows.map((r) => ({
          id: r.id,
          event: r.event,
          document: `${r.document.type}/${r.document.id}/${r.document.locale} v${r.document.version}`,
          status: r.status,
          attempts: r.attempts,
          'last status': r.lastStatus,
          'last ms': r.lastResponseMs,
          'next attempt': r.nextAttemptAt,
          error: r.lastError,
          'sending on': r.sendingBy ?? '',
        })),
      );
    });
    return 0;
  }
  if (sub === 'redeliver' && endpoint && delivery) {
    const ok = await tools.withDatabase(async (knex) => {
      const done = await redeliver(knex, endpoint, Number(delivery));
      if (done)
        await recordAudit(knex, {
          actor: tools.actor ?? 'cli:unknown',
          action: 'webhook.redeliver',
          subjectType: 'webhook-endpoint',
          subjectId: endpoint,
          details: { delivery: Number(delivery) },
        });
      return done;
    });
    if (!ok) throw new KildeError('NOT_FOUND', `No delivery ${delivery} for endpoint ${endpoint}`);
    tools.out(`delivery ${delivery} scheduled again; the running CMS sends it within a second`);
    return 0;
  }
  throw new KildeError(
    'USAGE',
    'webhooks deliveries ENDPOINT | webhooks redeliver ENDPOINT DELIVERY',
  );
}
