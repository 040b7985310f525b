import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knex from 'knex';
import type { Knex } from 'knex';
import { createDatabase, runMigrations } from '@kilde/store';

/** The databases the integration suites run on: SQLite always, PostgreSQL when configured. */
export type TestDialect = 'sqlite' | 'postgresql';

export const testDialects: TestDialect[] = process.env.KILDE_TEST_PG_URL
  ? ['sqlite', 'postgresql']
  : ['sqlite'];

/** A throwaway database: a temp SQLite file, or a freshly created PostgreSQL database. */
export interface TestDatabase {
  dialect: TestDialect;
  url: string;
  /** Opens another knex instance on the same database (a second "process"). */
  connect(): Promise<Knex>;
  /** Destroys every instance opened with `connect` and deletes the database. */
  cleanup(): Promise<void>;
}

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const opened: Knex[] = [];
  const connectTo = (url: string) => async (): Promise<Knex> => {
    const db = await createDatabase({ url });
    opened.push(db);
    return db;
  };
  const destroyAll = async (): Promise<void> => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
  };

  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kilde-store-'));
    const url = `sqlite://${join(dir, 'test.db')}`;
    return {
      dialect,
      url,
      connect: connectTo(url),
      async cleanup() {
        try {
          await destroyAll();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  }

  const adminUrl = process.env.KILDE_TEST_PG_URL;
  if (!adminUrl) throw new Error('KILDE_TEST_PG_URL is not set');
  const name = `kilde_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database "${name}"`);
  } finally {
    await admin.destroy();
  }
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  return {
    dialect,
    url,
    connect: connectTo(url),
    async cleanup() {
      try {
        await destroyAll();
      } finally {
        const dropper = knex({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
        try {
          await dropper.raw(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.destroy();
        }
      }
    },
  };
}

/** A migrated throwaway database and one knex instance on it. */
export async function createMigratedDatabase(
  dialect: TestDialect,
): Promise<{ database: TestDatabase; db: Knex }> {
  const database = await createTestDatabase(dialect);
  try {
    const db = await database.connect();
    await runMigrations(db);
    return { database, db };
  } catch (err) {
    await database.cleanup();
    throw err;
  }
}
