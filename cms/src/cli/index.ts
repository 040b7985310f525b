import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { ConfigError, KildeError } from '@kilde/schemas';
import {
  createDatabase,
  createPartnerKey,
  createWidgetKey,
  listWidgetKeys,
  rotateWidgetKey,
  listPartnerKeys,
  listPartnerUsage,
  normalizeOrigin,
  outboxStatus,
  partnerScopes,
  pruneOutbox,
  recordAudit,
  replayConsumer,
  revokePartnerKey,
  rotatePartnerKey,
  runMigrations,
  type PartnerKeyRecord,
  type WidgetKeyRecord,
  type PartnerScope,
} from '@kilde/store';
import { loadCmsConfig } from '../settings/load-config';

/** Who runs the CLI, for the audit log: the operating-system account, never a guess at a person. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}

const usage = `Usage: kilde <command>

  outbox status                          cursor, lag, retries and dead letters per consumer
  outbox replay --consumer NAME          redeliver dead-lettered rows of a consumer
  outbox replay --consumer NAME --from-seq N
                                         redeliver everything from outbox row N on
  outbox prune [--dry-run]               delete outbox rows past KILDE_OUTBOX_RETENTION_DAYS that
                                         every consumer has handled (also run daily)
  outbox forget-consumer NAME [--yes]    remove a consumer that no longer runs (cursor and delivery
                                         rows) so it stops holding pruning back; refused while its
                                         lease is held
  rebuild read-store                     rebuild every canonical document from the CMS
  reindex                                rebuild the search index from the read store without
                                         downtime: a new embedded snapshot the API processes swap
                                         to, or with MEILI_URL a new Meilisearch index swapped in
                                         (swapIndexes); search sync continues from the seq it was
                                         built at
  import FILES|FOLDERS… [--dry-run] [--mode atomic|partial] [--provider ORG] [--publish]
                                         import JSON, NDJSON, Markdown or zips as drafts
                                         (docs/import-export.md); --resume JOB finishes a job
  export [--since CURSOR|TIME] [--format ndjson|json|markdown-zip] [--locale L] [--type T]
         [--topic T] [--provider ORG] [--out FILE]
                                         canonical documents from the read store (backups)
  webhooks deliveries ENDPOINT           delivery log of a webhook endpoint (status, response time)
  webhooks redeliver ENDPOINT DELIVERY   send a delivery again now
  backup [--out FILE]                    a consistent archive (.tar.gz) of content, drafts, history,
                                         outbox, audit log, media and partner/webhook config;
                                         no secrets, no private questions (docs/operations.md)
  restore FILE                           restore a backup into an empty instance
  generate-corpus --articles N --questions M [--seed S] [--out DIR] [--format ndjson|markdown]
                                         deterministic benchmark corpus
  keys create --partner NAME --scopes read:content,read:questions [--rate-limit N]
                                         issue a partner API key (shown once)
  keys create --widget --origin https://ung.no [--origin URL …] [--partner NAME] [--rate-limit N]
                                         issue a public search-widget key, valid only from
                                         those origins (scope search)
  keys list [--partner NAME]             keys without secrets: scopes, limits, expiry, last use
  keys revoke ID                         revoke a key at once
  keys rotate ID [--overlap-hours N]     issue a new key; the old one works N more hours (24)
  keys usage [--partner NAME] [--days N] requests and items served per provider per day (30)
`;

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Rows hold database values; a function or symbol here is a bug, shown by its kind.
  return `(${typeof v})`;
}

function table(rows: Record<string, unknown>[]): void {
  if (rows.length === 0) return out('(none)');
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(width[i] ?? 0)).join('  ');
  out(line(cols));
  out(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) out(line(cols.map((c) => cell(r[c]))));
}

async function withDatabase<T>(fn: (knex: Knex) => Promise<T>): Promise<T> {
  const config = loadCmsConfig();
  const knex = await createDatabase({ url: config.databaseUrl });
  try {
    await runMigrations(knex);
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

async function withStrapi<T>(fn: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  process.env.KILDE_SERVE_ADMIN = 'false';
  process.env.KILDE_SEED = 'never';
  process.env.KILDE_DISPATCHER = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  // Loaded lazily: commands that only need the database should not pay for Strapi's import.
  const { createStrapi } = await import('@strapi/strapi');
  const cmsDir = join(__dirname, '..', '..', '..');
  const strapi = await createStrapi({ appDir: cmsDir, distDir: join(cmsDir, 'dist') }).load();
  try {
    return await fn(strapi);
  } finally {
    await strapi.destroy();
  }
}

function progressBar(done: number, total: number, newlineWhenDone = true): void {
  if (!process.stdout.isTTY && done !== total && done % 100 !== 0) return;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${newlineWhenDone && done === total ? '\n' : ''}`);
}

function parseScopes(value: string | undefined): PartnerScope[] {
  const scopes = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(partnerScopes as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new KildeError('USAGE', `--scopes takes a comma-separated list of ${partnerScopes.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  return scopes as PartnerScope[];
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new KildeError('USAGE', `${flag} takes a whole number`);
  return n;
}

function keyRow(k: PartnerKeyRecord): Record<string, unknown> {
  return {
    id: k.id,
    partner: k.partner,
    prefix: `kilde_${k.prefix}_…`,
    scopes: k.scopes.join(','),
    'rate/min': k.rateLimitPerMinute ?? 'default',
    created: k.createdAt.slice(0, 16),
    expires: k.expiresAt?.slice(0, 16) ?? '',
    revoked: k.revokedAt?.slice(0, 16) ?? '',
    'last used': k.lastUsedAt?.slice(0, 10) ?? '',
  };
}

function widgetKeyRow(k: WidgetKeyRecord): Record<string, unknown> {
  return {
    id: k.id,
    partner: k.partner,
    prefix: `kwk_${k.prefix}_…`,
    origins: k.allowedOrigins.join(' '),
    'rate/min': k.rateLimitPerMinute ?? 'default',
    created: k.createdAt.slice(0, 16),
    expires: k.expiresAt?.slice(0, 16) ?? '',
    revoked: k.revokedAt?.slice(0, 16) ?? '',
  };
}

function printNewWidgetKey(key: string, record: WidgetKeyRecord): void {
  out(`key id:  ${record.id}`);
  out(`partner: ${record.partner}`);
  out(`origins: ${record.allowedOrigins.join(', ')}`);
  out(`key:     ${key}`);
  out('');
  out('A widget key is public: put it in the page that embeds the search widget. It can only');
  out('search, and only from the origins above (docs/search-api.md).');
}

function printNewKey(key: string, record: PartnerKeyRecord): void {
  out(`key id:  ${record.id}`);
  out(`partner: ${record.partner}`);
  out(`scopes:  ${record.scopes.join(', ')}`);
  out(`key:     ${key}`);
  out('');
  out('This is the only time the key is shown: Kilde stores only its hash. Send it to the partner');
  out('over a secure channel; they use it as `Authorization: Bearer <key>`.');
}

/** `kilde keys …`: partner API keys (only the database is needed, not Strapi). */
async function keysCommand(sub: string | undefined, rest: string[]): Promise<number> {
  switch (sub) {
    case 'create': {
      if (rest.includes('--widget')) {
        const { values } = parseArgs({
          args: rest,
          options: { widget: { type: 'boolean' }, origin: { type: 'string', multiple: true }, partner: { type: 'string' }, 'rate-limit': { type: 'string' } },
        });
        const origins = values.origin ?? [];
        if (origins.length === 0) throw new KildeError('USAGE', '--widget needs at least one --origin https://example.no');
        const rateLimitPerMinute = positiveInt(values['rate-limit'], '--rate-limit');
        if (rateLimitPerMinute === 0) throw new KildeError('USAGE', '--rate-limit must be at least 1');
        const normalised = origins.map((o) => normalizeOrigin(o));
        const partner = values.partner?.trim() || new URL(normalised[0] as string).host;
        await withDatabase(async (knex) => {
          const { key, record } = await createWidgetKey(knex, { partner, allowedOrigins: normalised, rateLimitPerMinute });
          await recordAudit(knex, { actor: cliActor(), action: 'partner-key.create', subjectType: 'widget-key', subjectId: record.id, details: { partner, origins: normalised } });
          printNewWidgetKey(key, record);
        });
        return 0;
      }
      const { values } = parseArgs({ args: rest, options: { partner: { type: 'string' }, scopes: { type: 'string' }, 'rate-limit': { type: 'string' } } });
      if (!values.partner?.trim()) throw new KildeError('USAGE', '--partner NAME is required');
      const partner = values.partner.trim();
      const scopes = parseScopes(values.scopes);
      const rateLimitPerMinute = positiveInt(values['rate-limit'], '--rate-limit');
      if (rateLimitPerMinute === 0) throw new KildeError('USAGE', '--rate-limit must be at least 1');
      await withDatabase(async (knex) => {
        const { key, record } = await createPartnerKey(knex, { partner, scopes, rateLimitPerMinute });
        await recordAudit(knex, { actor: cliActor(), action: 'partner-key.create', subjectType: 'partner-key', subjectId: record.id, details: { partner, scopes } });
        printNewKey(key, record);
      });
      return 0;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { partner: { type: 'string' } } });
      await withDatabase(async (knex) => {
        const widgets = await listWidgetKeys(knex, values.partner);
        const widgetIds = new Set(widgets.map((w) => w.id));
        table((await listPartnerKeys(knex, values.partner)).filter((k) => !widgetIds.has(k.id)).map(keyRow));
        if (widgets.length > 0) {
          out('');
          out('widget keys:');
          table(widgets.map(widgetKeyRow));
        }
      });
      return 0;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id) throw new KildeError('USAGE', 'keys revoke ID');
      const revoked = await withDatabase(async (knex) => {
        const done = await revokePartnerKey(knex, id);
        if (done) await recordAudit(knex, { actor: cliActor(), action: 'partner-key.revoke', subjectType: 'partner-key', subjectId: id });
        return done;
      });
      if (!revoked) throw new KildeError('NOT_FOUND', `No live key with id ${id}`);
      out(`revoked ${id}; API servers stop accepting it within their key cache time (10 s by default)`);
      return 0;
    }
    case 'rotate': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'overlap-hours': { type: 'string' } } });
      const id = positionals[0];
      if (!id) throw new KildeError('USAGE', 'keys rotate ID [--overlap-hours N]');
      const overlap = positiveInt(values['overlap-hours'], '--overlap-hours') ?? 24;
      const fresh = await withDatabase(async (knex) => {
        const widget = await rotateWidgetKey(knex, id, overlap);
        if (widget) return { widget, partnerKey: undefined };
        const partnerKey = await rotatePartnerKey(knex, id, overlap);
        return partnerKey ? { widget: undefined, partnerKey } : null;
      });
      if (fresh) {
        const newKeyId = (fresh.widget ?? fresh.partnerKey)?.record.id;
        await withDatabase((knex) =>
          recordAudit(knex, { actor: cliActor(), action: 'partner-key.rotate', subjectType: 'partner-key', subjectId: id, details: { newKeyId, overlapHours: overlap } }),
        );
      }
      if (!fresh) throw new KildeError('NOT_FOUND', `No live key with id ${id}`);
      if (fresh.widget) printNewWidgetKey(fresh.widget.key, fresh.widget.record);
      else if (fresh.partnerKey) printNewKey(fresh.partnerKey.key, fresh.partnerKey.record);
      out(`The old key ${id} keeps working for ${overlap} hour(s).`);
      return 0;
    }
    case 'usage': {
      const { values } = parseArgs({ args: rest, options: { partner: { type: 'string' }, days: { type: 'string' } } });
      const days = positiveInt(values.days, '--days') ?? 30;
      const fromDay = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
      await withDatabase(async (knex) => {
        const rows = await listPartnerUsage(knex, { partner: values.partner, fromDay });
        table(rows.map((r) => ({ day: r.day, partner: r.partner, provider: r.providerId || '(all)', requests: r.requests, items: r.items })));
      });
      return 0;
    }
    default:
      out(usage);
      return 64;
  }
}

/** Runs the `kilde` command line; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    if (command === 'outbox' && sub === 'status') {
      const { staleAfterHours } = loadCmsConfig().outbox;
      await withDatabase(async (knex) => {
        const status = await outboxStatus(knex, { staleAfterHours });
        out(`outbox head: ${status.headSeq}; oldest kept: ${status.oldestRetainedSeq ?? '-'}; history starts after: ${status.watermark}`);
        table(status.consumers.map((s) => ({ ...s })));
        for (const line of (await import('./outbox-consumers')).staleConsumerHints(status, staleAfterHours)) out(line);
      });
      return 0;
    }
    if (command === 'outbox' && sub === 'replay') {
      const { values } = parseArgs({ args: rest, options: { consumer: { type: 'string' }, 'from-seq': { type: 'string' } } });
      if (!values.consumer) throw new KildeError('USAGE', '--consumer NAME is required');
      const consumer = values.consumer;
      const fromSeq = values['from-seq'];
      await withDatabase(async (knex) => {
        const result = await replayConsumer(knex, consumer, fromSeq ? { fromSeq: Number(fromSeq) } : { dead: true });
        out(`replay scheduled for ${consumer}: ${JSON.stringify(result)}`);
        out('The running CMS delivers it within a second; `kilde outbox status` shows progress.');
      });
      return 0;
    }
    if (command === 'outbox' && sub === 'prune') {
      const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean' } } });
      const { retentionDays, staleAfterHours } = loadCmsConfig().outbox;
      const r = await withDatabase((knex) => pruneOutbox(knex, { retentionDays, staleAfterHours, dryRun: values['dry-run'] === true }));
      for (const h of r.staleConsumers) out(`held back by stale consumer "${h.name}" (cursor ${h.cursor}, ${h.rowsHeldBack} old row(s) kept${h.leaseHeld ? ', lease held' : ''})`);
      if (r.minConsumerCursor === null) out('No outbox consumer has run against this database yet: nothing pruned.');
      table([{ retentionDays, cutoff: r.cutoff, [r.dryRun ? 'wouldDelete' : 'deleted']: r.dryRun ? r.wouldDelete : r.deleted, batches: r.batches, watermark: r.watermark, oldestKept: r.oldestRetainedSeq, slowestCursor: r.minConsumerCursor }]);
      return 0;
    }
    if (command === 'outbox' && sub === 'forget-consumer') {
      const { forgetConsumerCommand } = await import('./outbox-consumers');
      return await forgetConsumerCommand(rest, { withDatabase, out, actor: cliActor() });
    }
    if (command === 'backup') {
      const { values } = parseArgs({ args: [sub, ...rest].filter((a): a is string => a !== undefined), options: { out: { type: 'string' } } });
      const file = values.out ?? `kilde-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
      const { createBackup } = await import('../backup/backup');
      const report = await withStrapi((strapi) => createBackup(strapi, file, { actor: cliActor(), onProgress: (t, n) => process.stderr.write(`  ${t}: ${n}\n`) }));
      table([{ file: report.file, tables: report.tables, rows: report.rows, media: report.mediaFiles, bytes: report.bytes, seconds: report.seconds.toFixed(1) }]);
      return 0;
    }
    if (command === 'restore') {
      if (!sub) throw new KildeError('USAGE', 'restore FILE');
      const { restoreBackup } = await import('../backup/backup');
      const report = await withStrapi((strapi) => restoreBackup(strapi, sub, { actor: cliActor(), onProgress: (t, n) => process.stderr.write(`  ${t}: ${n}\n`) }));
      table([{ tables: report.tables, rows: report.rows, media: report.mediaFiles, webhooksDisabled: report.webhooksDisabled, seconds: report.seconds.toFixed(1) }]);
      if (report.webhooksDisabled > 0) out(`${report.webhooksDisabled} webhook endpoint(s) were disabled: rotate their secrets and enable them again.`);
      out('Partner keys are not in backups: issue new keys (npx kilde keys create) and rebuild the search index (npx kilde reindex).');
      return 0;
    }
    if (command === 'rebuild' && sub === 'read-store') {
      const { rebuildReadStore } = await import('./rebuild-read-store');
      const report = await withStrapi((strapi) => rebuildReadStore(strapi, progressBar));
      table([{ ...report }]);
      return 0;
    }
    if (command === 'keys') return await keysCommand(sub, rest);
    if (command === 'import' || command === 'export') {
      const cmd = await import('./import-export');
      const args = [sub, ...rest].filter((a): a is string => a !== undefined);
      const tools = { withStrapi, withDatabase, out, table };
      return command === 'import' ? await cmd.importCommand(args, tools) : await cmd.exportCommand(args, tools);
    }
    if (command === 'webhooks') return await (await import('./import-export')).webhooksCommand([sub, ...rest].filter((a): a is string => a !== undefined), { withStrapi, withDatabase, out, table, actor: cliActor() });
    if (command === 'reindex') {
      const { rebuildSearchSnapshot, rebuildMeilisearchIndex } = await import('@kilde/api');
      const { defaultLeaseOwner } = await import('@kilde/store');
      const config = loadCmsConfig();
      const meili = config.meilisearch;
      // One reindex at a time (a lease in the database): a second one is refused with the
      // holder's name and start time (LeaseHeldError, exit 1). Leftover rebuild indexes it
      // deletes are worth a line; the lease's own events are not.
      const lock = {
        owner: defaultLeaseOwner(cliActor()),
        logger: {
          debug: (): void => undefined,
          info: (): void => undefined,
          warn: (fields: Record<string, unknown>, message: string): void => out(`${message}: ${JSON.stringify(fields)}`),
          error: (fields: Record<string, unknown>, message: string): void => void process.stderr.write(`kilde: ${message}: ${JSON.stringify(fields)}\n`),
        },
      };
      if (meili) {
        // Build a new index beside the live one, swap, delete the old; the API processes keep
        // answering from the old index until the swap, and their consumer continues from the
        // seq the new index was built at.
        await withDatabase(async (knex) => {
          let phase: 'read' | 'indexed' | undefined;
          const report = await rebuildMeilisearchIndex(
            knex,
            { host: meili.url, apiKey: meili.apiKey, indexUid: meili.indexUid },
            {
              ...lock,
              onProgress: (next, done, total) => {
                if (phase !== next) {
                  if (phase) out('');
                  out(next === 'read' ? 'reading the read store' : `indexing into Meilisearch (${meili.indexUid})`);
                  phase = next;
                }
                progressBar(Math.min(done, total), total, false);
              },
            },
          );
          out('');
          table([{ ...report }]);
        });
        return 0;
      }
      await withDatabase(async (knex) => {
        out('reading the read store into a new embedded snapshot');
        const report = await rebuildSearchSnapshot(knex, join(config.dataDir, 'search', 'embedded.snapshot'), (done, total) => progressBar(Math.min(done, total), total, false), lock);
        out('');
        table([{ ...report }]);
      });
      return 0;
    }
    if (command === 'generate-corpus') {
      const { runGenerateCorpus } = await import('@kilde/content');
      await runGenerateCorpus([sub, ...rest].filter((a): a is string => a !== undefined), out);
      return 0;
    }
    out(usage);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof KildeError) {
      process.stderr.write(`kilde: ${err.message}\n`);
      return err instanceof ConfigError ? 78 : 1;
    }
    throw err;
  }
}
