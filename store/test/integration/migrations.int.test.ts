import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, migrations } from '@kilde/migrations';
import {
  DatabaseError,
  DatabaseUrlError,
  createDatabase,
  migrationStatus,
  rollbackMigrations,
  runMigrations,
} from '@kilde/store';
import { createTestDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';

const allNames = migrations.map((m) => m.name);
const kildeTables = Object.values(TABLES);

describe.each(testDialects)('migrations on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });

  afterEach(async () => {
    await database.cleanup();
  });

  it('goes up, down and up again, and status tells where it stands', async () => {
    const db = await database.connect();
    expect(await migrationStatus(db)).toEqual({
      current: false,
      applied: [],
      pending: allNames,
      unknown: [],
    });

    expect(await runMigrations(db)).toEqual({ applied: allNames });
    expect(await migrationStatus(db)).toEqual({
      current: true,
      applied: allNames,
      pending: [],
      unknown: [],
    });
    for (const table of kildeTables) expect(await db.schema.hasTable(table)).toBe(true);
    expect(await runMigrations(db)).toEqual({ applied: [] });

    expect(await rollbackMigrations(db, { all: true })).toEqual({
      reverted: [...allNames].reverse(),
    });
    for (const table of kildeTables) expect(await db.schema.hasTable(table)).toBe(false);
    expect((await migrationStatus(db)).pending).toEqual(allNames);

    await runMigrations(db);
    expect((await migrationStatus(db)).current).toBe(true);
  });

  it('0011 adds the webhook claim columns and takes them away again, keeping the deliveries', async () => {
    const db = await database.connect();
    await runMigrations(db);
    const claims = migrations.find((m) => m.name === '0011_webhook_delivery_claims');
    if (!claims) throw new Error('migration 0011_webhook_delivery_claims is missing');
    const deliveries = 'kilde_webhook_deliveries';
    const attempts = 'kilde_webhook_attempts';
    const row = {
      endpoint_id: 'ep1',
      event_id: '00000000-0000-4000-8000-000000000001',
      seq: 7,
      event: 'content.published',
      doc_type: 'article',
      doc_id: 'doc1',
      locale: 'nb',
      version: 2,
      payload: '{"type":"content.published"}',
      status: 'pending',
      attempts: 1,
      next_attempt_at: '2026-01-01T00:00:00.000Z',
      created_at: '2026-01-01T00:00:00.000Z',
    };
    await db(deliveries).insert({
      ...row,
      claimed_by: 'node-a:1:abc',
      claimed_until: '2026-01-01T00:01:00.000Z',
    });
    await db(attempts).insert({
      delivery_id: 1,
      endpoint_id: 'ep1',
      attempt: 1,
      status: 503,
      response_ms: 12,
      created_at: '2026-01-01T00:00:00.000Z',
      sent_by: 'node-a:1:abc',
    });

    await db.transaction((trx) => claims.down(trx));
    for (const column of ['claimed_by', 'claimed_until'])
      expect(await db.schema.hasColumn(deliveries, column)).toBe(false);
    expect(await db.schema.hasColumn(attempts, 'sent_by')).toBe(false);
    // The queue itself survives the way down (SQLite rebuilds the table to drop a column).
    expect(await db(deliveries).select(Object.keys(row))).toEqual([
      { ...row, seq: dialect === 'postgresql' ? '7' : 7 },
    ]);
    expect(await db(attempts).count({ n: '*' })).toEqual([
      { n: dialect === 'postgresql' ? '1' : 1 },
    ]);
    // The unique key still holds after the rebuild. (Compared by message: better-sqlite3's error
    // class belongs to whichever test file loaded the native module first.)
    const again = await db(deliveries)
      .insert(row)
      .then(
        () => 'inserted',
        (err: unknown) => String((err as { message?: unknown }).message),
      );
    expect(again).toMatch(/UNIQUE constraint failed|duplicate key value/);

    await db.transaction((trx) => claims.up(trx));
    expect(await db(deliveries).first('claimed_by', 'claimed_until')).toEqual({
      claimed_by: null,
      claimed_until: null,
    });
    expect(await db.schema.hasColumn(attempts, 'sent_by')).toBe(true);
    expect((await migrationStatus(db)).current).toBe(true);
  });

  it('reports migrations applied by a newer build as unknown', async () => {
    const db = await database.connect();
    await runMigrations(db);
    await db('kilde_migrations').insert({
      name: '9999_from_the_future',
      batch: 2,
      migration_time: new Date(),
    });
    expect(await migrationStatus(db)).toMatchObject({
      current: false,
      pending: [],
      unknown: ['9999_from_the_future'],
    });
  });

  it('is safe to run from two processes at once on a fresh database', async () => {
    // Two knex instances stand in for two processes. better-sqlite3 blocks the event loop while
    // it waits for SQLite's write lock, so on SQLite two instances in one process would stall
    // each other; there the two runs share one instance (one process), which still exercises
    // knex's lock and the bookkeeping-table race.
    const first = await database.connect();
    const second = dialect === 'sqlite' ? first : await database.connect();
    const results = await Promise.all([runMigrations(first), runMigrations(second)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([...allNames].sort());
    expect(await migrationStatus(first)).toMatchObject({ current: true, applied: allNames });
    expect(await first('kilde_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
  });
});

describe('createDatabase', () => {
  it('sets WAL, a busy timeout and foreign keys on SQLite connections', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      const db = await database.connect();
      const pragma = async (name: string): Promise<unknown> =>
        Object.values((await db.raw<Record<string, unknown>[]>(`pragma ${name}`))[0] ?? {})[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('foreign_keys')).toBe(1);
    } finally {
      await database.cleanup();
    }
  });

  it('fails with DATABASE_UNAVAILABLE when PostgreSQL cannot be reached', async () => {
    const attempt = createDatabase({ url: 'postgres://kilde@127.0.0.1:1/kilde' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseError);
    await expect(attempt).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
  });

  it('fails with DATABASE_UNAVAILABLE when the SQLite file cannot be created', async () => {
    // A regular file where the folder should be: mkdir fails with ENOTDIR on any machine.
    const dir = mkdtempSync(join(tmpdir(), 'kilde-notadir-'));
    try {
      writeFileSync(join(dir, 'file'), '');
      await expect(
        createDatabase({ url: `sqlite://${join(dir, 'file', 'sub', 'k.db')}` }),
      ).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unsupported URL scheme', async () => {
    await expect(createDatabase({ url: 'mysql://h/db' })).rejects.toBeInstanceOf(DatabaseUrlError);
  });
});
