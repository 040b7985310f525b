import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import * as tar from 'tar';
import { KildeError } from '@kilde/schemas';
import { MIGRATIONS_TABLE, migrations } from '@kilde/migrations';
import { recordAudit } from '@kilde/store';
import { newWebhookSecret } from '@kilde/api';

/** Written as `manifest.json` at the root of every backup. */
export interface BackupManifest {
  format: 'kilde-backup';
  version: 1;
  createdAt: string;
  engine: Engine;
  /** Kilde's migrations the source had applied; a restore target must have the same. */
  kildeMigrations: string[];
  tables: { name: string; rows: number; strippedColumns: string[] }[];
  media: { files: number; bytes: number };
  /** What a backup deliberately leaves out, so the reader of an archive knows. */
  excluded: string[];
}

type Engine = 'sqlite' | 'postgresql';
type Row = Record<string, unknown>;

export interface BackupReport {
  file: string;
  tables: number;
  rows: number;
  mediaFiles: number;
  bytes: number;
  seconds: number;
}

export interface RestoreReport {
  tables: number;
  rows: number;
  mediaFiles: number;
  seconds: number;
  /** Webhook endpoints that came without a secret and were disabled until one is rotated in. */
  webhooksDisabled: number;
}

/**
 * Tables a backup never holds, by name prefix, and why. Secrets stay out (admin accounts and their
 * sessions, API and transfer tokens, partner keys — partners get new keys after a restore);
 * private questions stay out (they are minors' words with a retention limit a backup would
 * outlive); bookkeeping the target creates itself stays out (migrations, Strapi's schema and
 * settings store, admin roles and permissions, which bootstrap recreates).
 */
const EXCLUDED_PREFIXES: readonly [string, string][] = [
  [
    'admin_',
    'admin accounts, roles and permissions (recreated by bootstrap; people are invited again)',
  ],
  ['strapi_api_token', 'API tokens (secrets)'],
  ['strapi_transfer_token', 'transfer tokens (secrets)'],
  ['strapi_sessions', 'sessions (secrets)'],
  ['up_users', 'Content API users (passwords)'],
  ['strapi_migrations', 'Strapi migration bookkeeping'],
  ['strapi_database_schema', 'Strapi schema bookkeeping'],
  ['strapi_core_store_settings', "Strapi's settings store (rebuilt at start)"],
  [MIGRATIONS_TABLE, 'Kilde migration bookkeeping'],
  ['kilde_partner_keys', 'partner and widget keys (secrets; issue new keys after a restore)'],
  ['kilde_leases', 'who runs a one-at-a-time job right now (meaningless on another instance)'],
  ['kilde_questions', 'private questions and answers (minors; short retention, never backed up)'],
  ['kilde_question_', 'answer service counters tied to private questions'],
];

/** Columns replaced by null in a backup: secrets inside otherwise useful rows. */
const STRIPPED_COLUMNS: Record<string, readonly string[]> = {
  webhook_endpoints: ['secret', 'previous_secret', 'previous_secret_expires_at'],
};
/** Strapi's authorship columns point at admin accounts, which are not in a backup. */
const AUTHOR_COLUMNS = ['created_by_id', 'updated_by_id'];

/** Join and component tables go after the tables they link (insert) and before them (delete). */
function isLinkTable(name: string): boolean {
  return /_(lnk|mph|cmps)$/.test(name);
}

function engineOf(knex: Knex): Engine {
  const client = String((knex.client as { config: { client: string } }).config.client);
  return client === 'pg' || client === 'postgres' || client === 'postgresql'
    ? 'postgresql'
    : 'sqlite';
}

async function listTables(db: Knex | Knex.Transaction, engine: Engine): Promise<string[]> {
  if (engine === 'postgresql') {
    const r = await db.raw<{ rows: { name: string }[] }>(
      'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
    );
    return r.rows.map((x) => x.name);
  }
  const rows = await db.raw<{ name: string }[]>(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
  );
  return rows.map((x) => x.name);
}

function excluded(name: string): boolean {
  return EXCLUDED_PREFIXES.some(([prefix]) => name === prefix || name.startsWith(prefix));
}

/** Values as JSON can carry them: dates as ISO strings, binary as base64 under a marker. */
function encodeValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  return value;
}

function decodeRow(row: Row, engine: Engine): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (v && typeof v === 'object' && '$base64' in v)
      out[k] = Buffer.from(String((v as { $base64: string }).$base64), 'base64');
    // PostgreSQL json columns come back parsed; the driver would write arrays as SQL arrays.
    else if (engine === 'postgresql' && v !== null && typeof v === 'object')
      out[k] = JSON.stringify(v);
    else out[k] = v;
  }
  return out;
}

/** Orders rows stably so two backups of the same data are byte-identical. */
async function primaryOrder(db: Knex | Knex.Transaction, table: string): Promise<string[]> {
  const info = (await db(table).columnInfo()) as Record<string, unknown>;
  const cols = Object.keys(info);
  for (const candidate of ['id', 'seq']) if (cols.includes(candidate)) return [candidate];
  return cols.sort();
}

/**
 * Writes a consistent backup of this Kilde instance to `file` (a `.tar.gz`): every content,
 * workflow, history, outbox, audit and configuration table as NDJSON (one read transaction, so
 * all tables are from one moment; REPEATABLE READ on PostgreSQL), and the uploaded media files.
 * Secrets and private questions are left out (see `EXCLUDED_PREFIXES`).
 * @remarks Rows are streamed table by table in pages, so memory stays flat with size.
 */
export async function createBackup(
  strapi: Core.Strapi,
  file: string,
  options: { actor?: string; onProgress?: (table: string, rows: number) => void } = {},
): Promise<BackupReport> {
  const started = Date.now();
  const knex = strapi.db.connection;
  const engine = engineOf(knex);
  const staging = await mkdtemp(join(tmpdir(), 'kilde-backup-'));
  try {
    await mkdir(join(staging, 'tables'));
    const manifest: BackupManifest = {
      format: 'kilde-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      engine,
      kildeMigrations: migrations.map((m) => m.name),
      tables: [],
      media: { files: 0, bytes: 0 },
      excluded: EXCLUDED_PREFIXES.map(([p, why]) => `${p}*: ${why}`),
    };
    let totalRows = 0;
    await knex.transaction(async (trx) => {
      if (engine === 'postgresql')
        await trx.raw('set transaction isolation level repeatable read, read only');
      const tables = (await listTables(trx, engine)).filter((t) => !excluded(t));
      for (const table of tables) {
        const order = await primaryOrder(trx, table);
        const stripped = [...(STRIPPED_COLUMNS[table] ?? [])];
        const out = createWriteStream(join(staging, 'tables', `${table}.ndjson`));
        let rows = 0;
        const pageSize = 1000;
        for (let offset = 0; ; offset += pageSize) {
          const page = (await trx(table)
            .select()
            .orderBy(order)
            .limit(pageSize)
            .offset(offset)) as Row[];
          for (const row of page) {
            const clean: Row = {};
            for (const [k, v] of Object.entries(row)) {
              clean[k] = stripped.includes(k) || AUTHOR_COLUMNS.includes(k) ? null : encodeValue(v);
            }
            if (!out.write(`${JSON.stringify(clean)}\n`)) await once(out, 'drain');
          }
          rows += page.length;
          if (page.length < pageSize) break;
        }
        out.end();
        await once(out, 'finish');
        manifest.tables.push({ name: table, rows, strippedColumns: stripped });
        totalRows += rows;
        options.onProgress?.(table, rows);
      }
      // Media: the files the `files` table points at (Strapi's local upload provider).
      if (tables.includes('files')) {
        const publicDir = strapi.dirs.static.public;
        const files = await trx('files').select<{ url: string | null; formats: unknown }[]>('url', 'formats');
        const urls = new Set<string>();
        for (const f of files) {
          if (f.url) urls.add(f.url);
          const formats =
            typeof f.formats === 'string'
              ? (JSON.parse(f.formats) as Record<string, { url?: string }>)
              : (f.formats as Record<string, { url?: string }> | null);
          for (const v of Object.values(formats ?? {})) if (v?.url) urls.add(v.url);
        }
        for (const url of urls) {
          if (!url.startsWith('/uploads/')) continue; // a remote provider keeps its own copies
          const source = resolve(publicDir, `.${url}`);
          if (!source.startsWith(resolve(publicDir) + sep) || !existsSync(source)) continue;
          const target = join(staging, 'media', url);
          await mkdir(dirname(target), { recursive: true });
          await copyFile(source, target);
          manifest.media.files += 1;
          manifest.media.bytes += (await stat(source)).size;
        }
      }
    });
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(dirname(resolve(file)), { recursive: true });
    await tar.c(
      { gzip: true, file: resolve(file), cwd: staging, portable: true },
      await readdir(staging),
    );
    await recordAudit(knex, {
      actor: options.actor ?? 'cli:unknown',
      action: 'backup.create',
      details: {
        file: basename(file),
        tables: manifest.tables.length,
        rows: totalRows,
        mediaFiles: manifest.media.files,
      },
    });
    return {
      file: resolve(file),
      tables: manifest.tables.length,
      rows: totalRows,
      mediaFiles: manifest.media.files,
      bytes: (await stat(resolve(file))).size,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Tables whose rows the target made itself at start and a restore replaces. */
const REPLACEABLE_WHEN_PRESENT = new Set([
  'i18n_locale',
  'up_roles',
  'up_permissions',
  'up_permissions_role_lnk',
  // A dispatcher that ran on the empty target registered its cursors at 0.
  'kilde_outbox_consumers',
  'kilde_outbox_deliveries',
]);

/** Whether the target holds anything a restore would overwrite (content, history, audit). */
async function assertEmptyTarget(trx: Knex.Transaction, tables: string[]): Promise<void> {
  for (const table of tables) {
    if (REPLACEABLE_WHEN_PRESENT.has(table)) continue;
    const row: unknown = await trx(table).first();
    if (row) {
      throw new KildeError(
        'RESTORE_TARGET_NOT_EMPTY',
        `Restore needs an empty Kilde instance, but table ${table} holds data. Start the CMS once on a new database with KILDE_SEED=never and restore into that.`,
        { status: 409 },
      );
    }
  }
}

async function* ndjsonRows(path: string): AsyncGenerator<Row> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield JSON.parse(line) as Row;
}

/**
 * Restores a backup into an empty instance (started once on a new database, seed off): one
 * transaction inserts every table's rows with their original ids (so document ids, versions,
 * outbox sequence numbers and change cursors are as they were), sequences are moved past them on
 * PostgreSQL, and media files are copied back. Webhook endpoints come without secrets: each gets
 * a new one and is disabled until an administrator rotates and re-enables it.
 * @throws KildeError `BACKUP_INVALID`, `BACKUP_INCOMPATIBLE` or `RESTORE_TARGET_NOT_EMPTY`; on any
 * failure nothing of the restore remains (the transaction rolls back; media are copied last).
 */
export async function restoreBackup(
  strapi: Core.Strapi,
  file: string,
  options: {
    actor?: string;
    onProgress?: (table: string, rows: number) => void;
    newWebhookSecret?: () => string;
  } = {},
): Promise<RestoreReport> {
  const started = Date.now();
  const knex = strapi.db.connection;
  const engine = engineOf(knex);
  if (!existsSync(file))
    throw new KildeError('BACKUP_INVALID', `No backup at ${file}`, { status: 400 });
  const staging = await mkdtemp(join(tmpdir(), 'kilde-restore-'));
  try {
    try {
      await tar.x({
        file,
        cwd: staging,
        strict: true,
        // Entries must stay inside the staging folder (tar already refuses `..`; be explicit).
        filter: (path) => !path.split('/').includes('..') && !path.startsWith('/'),
      });
    } catch (err) {
      throw new KildeError(
        'BACKUP_INVALID',
        `${basename(file)} is not a readable Kilde backup (${(err as Error).message})`,
        { status: 400 },
      );
    }
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(
        await readFile(join(staging, 'manifest.json'), 'utf8'),
      ) as BackupManifest;
    } catch {
      throw new KildeError('BACKUP_INVALID', `${basename(file)} has no readable manifest.json`, {
        status: 400,
      });
    }
    if (manifest.format !== 'kilde-backup' || manifest.version !== 1)
      throw new KildeError(
        'BACKUP_INVALID',
        `${basename(file)} is not a Kilde backup (format ${String(manifest.format)} ${String(manifest.version)})`,
        { status: 400 },
      );
    if (manifest.engine !== engine) {
      throw new KildeError(
        'BACKUP_INCOMPATIBLE',
        `The backup was taken on ${manifest.engine} and this instance runs ${engine}; restore into the same engine (column types differ).`,
        { status: 400 },
      );
    }
    const ours = migrations.map((m) => m.name);
    if (JSON.stringify(ours) !== JSON.stringify(manifest.kildeMigrations)) {
      throw new KildeError(
        'BACKUP_INCOMPATIBLE',
        `The backup's schema (${manifest.kildeMigrations.at(-1) ?? 'none'}) differs from this version's (${ours.at(-1) ?? 'none'}); restore with the version that wrote it, then upgrade.`,
        { status: 400 },
      );
    }
    const present = new Set(await listTables(knex, engine));
    const missing = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
    if (missing.length > 0)
      throw new KildeError(
        'BACKUP_INCOMPATIBLE',
        `This instance has no table ${missing.join(', ')}; is it the same version of Kilde?`,
        { status: 400 },
      );

    const ordered = [
      ...manifest.tables.filter((t) => !isLinkTable(t.name)),
      ...manifest.tables.filter((t) => isLinkTable(t.name)),
    ];
    let rows = 0;
    let webhooksDisabled = 0;
    await knex.transaction(async (trx) => {
      await assertEmptyTarget(
        trx,
        ordered.map((t) => t.name),
      );
      for (const t of [...ordered].reverse())
        if (REPLACEABLE_WHEN_PRESENT.has(t.name)) await trx(t.name).delete();
      for (const t of ordered) {
        let batch: Row[] = [];
        let count = 0;
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          await trx.batchInsert(t.name, batch as never, 200);
          count += batch.length;
          batch = [];
        };
        for await (const raw of ndjsonRows(join(staging, 'tables', `${t.name}.ndjson`))) {
          const row = decodeRow(raw, engine);
          if (t.name === 'webhook_endpoints') {
            row.secret = (options.newWebhookSecret ?? newWebhookSecret)();
            if (row.enabled === true || row.enabled === 1) webhooksDisabled += 1;
            row.enabled = engine === 'sqlite' ? 0 : false;
            row.disabled_reason =
              'Restored from a backup, which holds no secrets: rotate the signing secret, give it to the partner, then enable the endpoint.';
          }
          batch.push(row);
          if (batch.length >= 500) await flush();
        }
        await flush();
        if (count !== t.rows)
          throw new KildeError(
            'BACKUP_INVALID',
            `Table ${t.name}: the manifest says ${t.rows} rows, the archive holds ${count}`,
            { status: 400 },
          );
        rows += count;
        options.onProgress?.(t.name, count);
      }
      if (engine === 'postgresql') {
        // Serial columns must continue after the restored ids.
        const serials = await trx.raw<{ rows: { table_name: string; column_name: string }[] }>(
          "select table_name, column_name from information_schema.columns where table_schema = current_schema() and column_default like 'nextval(%'",
        );
        for (const s of serials.rows) {
          if (!manifest.tables.some((t) => t.name === s.table_name)) continue;
          await trx.raw(
            `select setval(pg_get_serial_sequence(?, ?), coalesce((select max(??) from ??), 0) + 1, false)`,
            [s.table_name, s.column_name, s.column_name, s.table_name],
          );
        }
      }
      await recordAudit(trx, {
        actor: options.actor ?? 'cli:unknown',
        action: 'backup.restore',
        details: {
          file: basename(file),
          createdAt: manifest.createdAt,
          tables: ordered.length,
          rows,
        },
      });
    });

    // Media last: the database is committed; files are copied only where none exists.
    let mediaFiles = 0;
    const mediaRoot = join(staging, 'media');
    if (existsSync(mediaRoot)) {
      const publicDir = resolve(strapi.dirs.static.public);
      const walk = async (dir: string): Promise<void> => {
        for (const entry of await readdir(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) await walk(path);
          else if (entry.isFile()) {
            const target = resolve(publicDir, relative(mediaRoot, path));
            if (!target.startsWith(publicDir + sep)) continue;
            await mkdir(dirname(target), { recursive: true });
            if (!existsSync(target)) await copyFile(path, target);
            mediaFiles += 1;
          }
        }
      };
      await walk(mediaRoot);
    }
    return {
      tables: ordered.length,
      rows,
      mediaFiles,
      seconds: (Date.now() - started) / 1000,
      webhooksDisabled,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
