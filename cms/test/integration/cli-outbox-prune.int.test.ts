import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { createDatabase, outboxStatus, publishDocument, runMigrations } from '@kilde/store';
// The API suites' article fixture: one valid draft shape for every package's tests.
import { article } from '../../../api/test/helpers/fixtures';
import { runKilde } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

const DAY_MS = 86_400_000;

describe('npx kilde outbox prune', () => {
  let db: TestDatabase;
  let knex: Knex;
  const kilde = (env: Record<string, string>, ...args: string[]) => runKilde(db, args, { env });

  beforeAll(async () => {
    db = await createTestDatabase();
    knex = await createDatabase({ url: db.url });
    await runMigrations(knex);
    // Seqs 1–4 published 40 days ago, 5 today; one consumer has handled everything.
    for (let i = 1; i <= 5; i += 1) {
      const when = new Date(Date.now() - (i <= 4 ? 40 : 0) * DAY_MS);
      await publishDocument(knex, article(`p${i}`), {}, { now: () => when });
    }
    await knex(TABLES.outboxConsumers).insert({ name: 'revision-history', cursor: 5, updated_at: new Date().toISOString() });
  }, 60_000);
  afterAll(async () => {
    try {
      await knex?.destroy();
    } finally {
      await db?.drop();
    }
  });

  it('stops on an invalid KILDE_OUTBOX_RETENTION_DAYS, naming it', () => {
    const bad = kilde({ KILDE_OUTBOX_RETENTION_DAYS: '0' }, 'outbox', 'prune');
    expect(bad.status).toBe(78);
    expect(bad.stderr).toContain('KILDE_OUTBOX_RETENTION_DAYS');
  });

  it('counts with --dry-run, then deletes past the retention and shows the watermark in status', async () => {
    const dry = kilde({ KILDE_OUTBOX_RETENTION_DAYS: '30' }, 'outbox', 'prune', '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/wouldDelete[\s\S]*\n30\s+\S+\s+4\s/);
    expect((await outboxStatus(knex)).watermark).toBe(0);

    // The default (90 days) keeps 40-day-old rows.
    const kept = kilde({}, 'outbox', 'prune');
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/deleted[\s\S]*\n90\s+\S+\s+0\s/);

    const run = kilde({ KILDE_OUTBOX_RETENTION_DAYS: '30' }, 'outbox', 'prune');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/deleted[\s\S]*\n30\s+\S+\s+4\s/);
    expect(await outboxStatus(knex)).toMatchObject({ headSeq: 5, watermark: 4, oldestRetainedSeq: 5 });

    const status = kilde({}, 'outbox', 'status');
    expect(status.stdout).toContain('outbox head: 5; oldest kept: 5; history starts after: 4');
  }, 120_000);
});
