import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { parseArgs } from 'node:util';
import { ConfigError, KildeError } from '@kilde/schemas';
import {
  createDatabase,
  createPartnerKey,
  listPartnerKeys,
  listPartnerUsage,
  outboxStatus,
  partnerScopes,
  replayConsumer,
  revokePartnerKey,
  rotatePartnerKey,
  runMigrations,
  type PartnerKeyRecord,
  type PartnerScope,
} from '@kilde/store';
import { loadCmsConfig } from '../settings/load-config';

const usage = `Usage: kilde <command>

  outbox status                          cursor, lag, retries and dead letters per consumer
  outbox replay --consumer NAME          redeliver dead-lettered rows of a consumer
  outbox replay --consumer NAME --from-seq N
                                         redeliver everything from outbox row N on
  rebuild read-store                     rebuild every canonical document from the CMS
  reindex                                rebuild the search index from the read store; running
                                         API processes swap to it without downtime
  generate-corpus --articles N --questions M [--seed S] [--out DIR] [--format ndjson|markdown]
                                         deterministic benchmark corpus
  keys create --partner NAME --scopes read:content,read:questions [--rate-limit N]
                                         issue a partner API key (shown once)
  keys list [--partner NAME]             keys without secrets: scopes, limits, expiry, last use
  keys revoke ID                         revoke a key at once
  keys rotate ID [--overlap-hours N]     issue a new key; the old one works N more hours (24)
  keys usage [--partner NAME] [--days N] requests and items served per provider per day (30)
`;

function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

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

function progressBar(done: number, total: number): void {
  if (!process.stdout.isTTY && done !== total && done % 100 !== 0) return;
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
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
      const { values } = parseArgs({ args: rest, options: { partner: { type: 'string' }, scopes: { type: 'string' }, 'rate-limit': { type: 'string' } } });
      if (!values.partner?.trim()) throw new KildeError('USAGE', '--partner NAME is required');
      const partner = values.partner.trim();
      const scopes = parseScopes(values.scopes);
      const rateLimitPerMinute = positiveInt(values['rate-limit'], '--rate-limit');
      if (rateLimitPerMinute === 0) throw new KildeError('USAGE', '--rate-limit must be at least 1');
      await withDatabase(async (knex) => {
        const { key, record } = await createPartnerKey(knex, { partner, scopes, rateLimitPerMinute });
        printNewKey(key, record);
      });
      return 0;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { partner: { type: 'string' } } });
      await withDatabase(async (knex) => table((await listPartnerKeys(knex, values.partner)).map(keyRow)));
      return 0;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id) throw new KildeError('USAGE', 'keys revoke ID');
      const revoked = await withDatabase((knex) => revokePartnerKey(knex, id));
      if (!revoked) throw new KildeError('NOT_FOUND', `No live key with id ${id}`);
      out(`revoked ${id}; API servers stop accepting it within their key cache time (10 s by default)`);
      return 0;
    }
    case 'rotate': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { 'overlap-hours': { type: 'string' } } });
      const id = positionals[0];
      if (!id) throw new KildeError('USAGE', 'keys rotate ID [--overlap-hours N]');
      const overlap = positiveInt(values['overlap-hours'], '--overlap-hours') ?? 24;
      const fresh = await withDatabase((knex) => rotatePartnerKey(knex, id, overlap));
      if (!fresh) throw new KildeError('NOT_FOUND', `No live key with id ${id}`);
      printNewKey(fresh.key, fresh.record);
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
      await withDatabase(async (knex) => {
        const status = await outboxStatus(knex);
        out(`outbox head: ${status.headSeq}`);
        table(status.consumers.map((s) => ({ ...s })));
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
    if (command === 'rebuild' && sub === 'read-store') {
      const { rebuildReadStore } = await import('./rebuild-read-store');
      const report = await withStrapi((strapi) => rebuildReadStore(strapi, progressBar));
      table([{ ...report }]);
      return 0;
    }
    if (command === 'keys') return await keysCommand(sub, rest);
    if (command === 'reindex') {
      const { rebuildSearchSnapshot } = await import('@kilde/api');
      const config = loadCmsConfig();
      await withDatabase(async (knex) => {
        const report = await rebuildSearchSnapshot(knex, join(config.dataDir, 'search', 'embedded.snapshot'), (done) => {
          process.stdout.write(`\rindexed ${done} documents`);
        });
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
