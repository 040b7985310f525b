import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  dir: string;
  drop(): Promise<void>;
}

/**
 * A throwaway database for one test file: a SQLite file in a temp folder by default, or a fresh
 * PostgreSQL database when `KILDE_TEST_PG_URL` is set (CI runs the integration suite both ways).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-test-'));
  const pgBase = process.env.KILDE_TEST_PG_URL;
  if (!pgBase) {
    return { url: `sqlite:${join(dir, 'kilde.db')}`, dir, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `kilde_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: `${pgBase.replace(/\/$/, '')}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `${pgBase.replace(/\/$/, '')}/${name}`,
    dir,
    async drop() {
      const c = new Client({ connectionString: `${pgBase.replace(/\/$/, '')}/postgres` });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
