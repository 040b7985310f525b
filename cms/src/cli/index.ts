import { join } from 'node:path';
import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import { parseArgs } from 'node:util';
import { ConfigError, KildeError } from '@kilde/schemas';
import { createDatabase, outboxStatus, replayConsumer, runMigrations } from '@kilde/store';
import { loadCmsConfig } from '../settings/load-config';

const usage = `Usage: kilde <command>

  outbox status                          cursor, lag, retries and dead letters per consumer
  outbox replay --consumer NAME          redeliver dead-lettered rows of a consumer
  outbox replay --consumer NAME --from-seq N
                                         redeliver everything from outbox row N on
  rebuild read-store                     rebuild every canonical document from the CMS
  generate-corpus --articles N --questions M [--seed S] [--out DIR] [--format ndjson|markdown]
                                         deterministic benchmark corpus
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
