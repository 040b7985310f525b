import type { Knex } from 'knex';
import { MIGRATIONS_TABLE, migrations } from '@kilde/migrations';
import type { KildeMigration } from '@kilde/migrations';
import { withDatabaseErrors } from '../database/database-errors';
import { MigrationsLockedError } from '../errors/migrations-locked-error';
import { dialectOf } from '../shared/queryable';

/** Where the schema stands against the migrations this build ships. */
export interface MigrationStatus {
  /** True when every shipped migration is applied and nothing unknown is. */
  current: boolean;
  /** Applied migrations, in the order they ran. */
  applied: string[];
  /** Shipped migrations not yet applied, in the order they will run. */
  pending: string[];
  /** Applied migrations this build does not know: the database was migrated by a newer build. */
  unknown: string[];
}

/** Options for `runMigrations` and `rollbackMigrations`. */
export interface MigrateOptions {
  /** How long to wait for another process's migration run to finish; default 60 s. */
  lockTimeoutMs?: number;
}

const migrationSource: Knex.MigrationSource<KildeMigration> = {
  getMigrations: () => Promise.resolve([...migrations]),
  getMigrationName: (migration) => migration.name,
  getMigration: (migration) => Promise.resolve(migration),
};

const migratorConfig: Knex.MigratorConfig = { migrationSource, tableName: MIGRATIONS_TABLE };

// pg_advisory_xact_lock key serialising creation of knex's bookkeeping tables ('kmig').
const BOOKKEEPING_LOCK_KEY = 0x6b6d6967;

/**
 * Applies every pending migration.
 * @remarks Safe to call from several processes at once (CMS and API both migrate at boot): knex
 * takes a row lock in `kilde_migrations_lock`; a process that finds it taken waits and retries
 * until `lockTimeoutMs`, then finds nothing left to do.
 */
export async function runMigrations(
  knex: Knex,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  return withDatabaseErrors('Running migrations', () =>
    withLockRetry(knex, options, async () => {
      const [, log] = (await knex.migrate.latest(migratorConfig)) as [number, string[]];
      return { applied: log };
    }),
  );
}

/**
 * Reverts the last batch of migrations, or all of them with `{ all: true }`.
 * @remarks For tests and for rolling back a failed deploy; every shipped migration is reversible.
 */
export async function rollbackMigrations(
  knex: Knex,
  options: MigrateOptions & { all?: boolean } = {},
): Promise<{ reverted: string[] }> {
  return withDatabaseErrors('Rolling back migrations', () =>
    withLockRetry(knex, options, async () => {
      const [, log] = (await knex.migrate.rollback(migratorConfig, options.all === true)) as [
        number,
        string[],
      ];
      return { reverted: log };
    }),
  );
}

/** Lists applied and pending migrations without changing anything. */
export async function migrationStatus(knex: Knex): Promise<MigrationStatus> {
  return withDatabaseErrors('Reading migration status', async () => {
    // Read the table directly: knex's own `migrate.list` creates its tables as a side effect.
    const applied = (await knex.schema.hasTable(MIGRATIONS_TABLE))
      ? (await knex(MIGRATIONS_TABLE).select<{ name: string }[]>('name').orderBy('id')).map(
          (row) => row.name,
        )
      : [];
    const known = migrations.map((m) => m.name);
    const pending = known.filter((name) => !applied.includes(name));
    const unknown = applied.filter((name) => !known.includes(name));
    return { current: pending.length === 0 && unknown.length === 0, applied, pending, unknown };
  });
}

/**
 * Frees the migration lock left behind by a crashed run.
 * @remarks Only call this when no other process is migrating.
 */
export async function unlockMigrations(knex: Knex): Promise<void> {
  await withDatabaseErrors(
    'Unlocking migrations',
    () => knex.migrate.forceFreeMigrationsLock(migratorConfig) as Promise<void>,
  );
}

async function withLockRetry<T>(
  knex: Knex,
  options: MigrateOptions,
  run: () => Promise<T>,
): Promise<T> {
  const timeoutMs = options.lockTimeoutMs ?? 60_000;
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      await ensureBookkeepingTables(knex);
      return await run();
    } catch (err) {
      const waited = Date.now() - started;
      if (!isContention(err)) throw err;
      if (waited >= timeoutMs) {
        if (err instanceof Error && err.name === 'MigrationLocked') {
          throw new MigrationsLockedError(waited, err);
        }
        throw err;
      }
      const delay = Math.min(50 * 2 ** attempt, 1000) + Math.floor(Math.random() * 50);
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, timeoutMs - waited)));
    }
  }
}

/**
 * Creates knex's bookkeeping tables (same shape knex itself would create) under a lock.
 * @remarks knex checks-then-creates these tables without a lock. Two processes migrating a fresh
 * database can both insert the single lock row, after which every later run fails with
 * "Migration table is already locked". Creating them first, serialised, closes that race.
 */
async function ensureBookkeepingTables(knex: Knex): Promise<void> {
  const lockTable = `${MIGRATIONS_TABLE}_lock`;
  if ((await knex.schema.hasTable(MIGRATIONS_TABLE)) && (await knex.schema.hasTable(lockTable))) {
    const rows = await knex(lockTable).count<{ n: number | string }[]>({ n: '*' });
    if (Number(rows[0]?.n ?? 0) === 1) return;
  }
  await knex.transaction(async (trx) => {
    if (dialectOf(trx) === 'postgresql') {
      await trx.raw('select pg_advisory_xact_lock(?::bigint)', [BOOKKEEPING_LOCK_KEY]);
    }
    if (!(await trx.schema.hasTable(MIGRATIONS_TABLE))) {
      await trx.schema.createTable(MIGRATIONS_TABLE, (t) => {
        t.increments();
        t.string('name');
        t.integer('batch');
        t.timestamp('migration_time');
      });
    }
    if (!(await trx.schema.hasTable(lockTable))) {
      await trx.schema.createTable(lockTable, (t) => {
        t.increments('index').primary();
        t.integer('is_locked');
      });
    }
    const rows = await trx(lockTable).select<{ index: number }[]>('index').orderBy('index');
    if (rows.length === 0) await trx(lockTable).insert({ is_locked: 0 });
  });
}

/** Errors another process's concurrent migration run can cause; they go away on retry. */
function isContention(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'MigrationLocked') return true;
  const code: unknown = 'code' in err ? err.code : undefined;
  // SQLite: writer busy or snapshot stale. PostgreSQL: deadlock, serialization failure, or a
  // concurrent CREATE TABLE (duplicate table / pg_type unique violation).
  if (typeof code === 'string' && /^(SQLITE_BUSY|40P01|40001|42P07|23505)/.test(code)) return true;
  return /already exists/i.test(err.message);
}
