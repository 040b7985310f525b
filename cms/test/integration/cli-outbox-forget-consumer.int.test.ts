import type { Knex } from 'knex';
import { AUDIT_TABLE, TABLES } from '@kilde/migrations';
import { createDatabase, publishDocument, runMigrations } from '@kilde/store';
// The API suites' article fixture: one valid draft shape for every package's tests.
import { article } from '../../../api/test/helpers/fixtures';
import { runKilde } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

const DAY_MS = 86_400_000;

describe('npx kilde outbox forget-consumer', () => {
  let db: TestDatabase;
  let knex: Knex;
  const kilde = (...args: string[]) => runKilde(db, args);
  const names = async (): Promise<string[]> => (await knex(TABLES.outboxConsumers).select('name').orderBy('name')).map((r: { name: string }) => r.name);
  const deliveries = async (): Promise<string[]> =>
    (await knex(TABLES.outboxDeliveries).select('consumer', 'seq').orderBy(['consumer', 'seq'])).map((r: { consumer: string; seq: number | string }) => `${r.consumer}@${Number(r.seq)}`);

  beforeAll(async () => {
    db = await createTestDatabase();
    knex = await createDatabase({ url: db.url });
    await runMigrations(knex);
    // Seqs 1–4 published 100 days ago, 5 today. revision-history has handled everything; a
    // search:meilisearch consumer left behind at seq 1 has not moved for 30 days; webhooks runs.
    for (let i = 1; i <= 5; i += 1) {
      const when = new Date(Date.now() - (i <= 4 ? 100 : 0) * DAY_MS);
      await publishDocument(knex, article(`f${i}`), {}, { now: () => when });
    }
    const long = new Date(Date.now() - 30 * DAY_MS).toISOString();
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    await knex(TABLES.outboxConsumers).insert([
      { name: 'revision-history', cursor: 5, updated_at: new Date().toISOString() },
      { name: 'search:meilisearch', cursor: 1, updated_at: long, lease_owner: null, lease_expires_at: long },
      { name: 'webhooks', cursor: 2, updated_at: long, lease_owner: 'cms-1:99:cafe', lease_expires_at: inAMinute },
    ]);
    const row = (consumer: string, seq: number, status: string) => ({
      consumer, seq, status, attempts: 3, next_attempt_at: null, last_error: 'boom', updated_at: long,
    });
    await knex(TABLES.outboxDeliveries).insert([row('search:meilisearch', 2, 'dead'), row('search:meilisearch', 3, 'retrying'), row('webhooks', 3, 'retrying')]);
  }, 60_000);
  afterAll(async () => {
    try {
      await knex?.destroy();
    } finally {
      await db?.drop();
    }
  });

  it('shows stale consumers in status and names them when they hold pruning back', () => {
    const status = kilde('outbox', 'status');
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/stale: "search:meilisearch" is 4 row\(s\) behind without progress for \d+ h \(threshold 24 h\); no dispatcher holds it\. If it no longer exists: npx kilde outbox forget-consumer search:meilisearch/);
    // webhooks is stale too, but it holds its lease: stuck, not gone.
    expect(status.stdout).toMatch(/stale: "webhooks" .* it holds its lease, so it runs but is stuck/);
    expect(status.stdout).not.toMatch(/stale: "revision-history"/);

    const prune = kilde('outbox', 'prune', '--dry-run');
    expect(prune.status).toBe(0);
    expect(prune.stdout).toContain('held back by stale consumer "search:meilisearch" (cursor 1, 3 old row(s) kept)');
    expect(prune.stdout).toContain('held back by stale consumer "webhooks" (cursor 2, 2 old row(s) kept, lease held)');
  }, 60_000);

  it('asks for --yes, refuses unknown and running consumers, then removes one with an audit entry', async () => {
    const bare = kilde('outbox', 'forget-consumer');
    expect(bare.status).toBe(64);
    expect(bare.stderr).toContain('Usage: kilde outbox forget-consumer NAME [--yes]');

    const preview = kilde('outbox', 'forget-consumer', 'search:meilisearch');
    expect(preview.status).toBe(1);
    expect(preview.stdout).toContain('Would remove consumer "search:meilisearch" (cursor 1, 4 outbox row(s) not handled) and its delivery rows: 1 retrying, 0 replaying, 1 dead.');
    expect(preview.stderr).toContain('run again with --yes');

    const unknown = kilde('outbox', 'forget-consumer', 'search:typo', '--yes');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No outbox consumer named "search:typo"');

    const running = kilde('outbox', 'forget-consumer', 'webhooks', '--yes');
    expect(running.status).toBe(1);
    expect(running.stderr).toContain('Outbox consumer "webhooks" is running: cms-1:99:cafe holds its lease until');
    expect(await names()).toEqual(['revision-history', 'search:meilisearch', 'webhooks']);
    expect(await deliveries()).toEqual(['search:meilisearch@2', 'search:meilisearch@3', 'webhooks@3']);

    const done = kilde('outbox', 'forget-consumer', 'search:meilisearch', '--yes');
    expect(done.status).toBe(0);
    expect(done.stdout).toContain('Removed consumer "search:meilisearch"');
    expect(await names()).toEqual(['revision-history', 'webhooks']);
    expect(await deliveries()).toEqual(['webhooks@3']);
    const audit = await knex(AUDIT_TABLE).where({ action: 'outbox.forget-consumer' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subject_id: 'search:meilisearch', outcome: 'success' });
    expect(String(audit[0].actor)).toMatch(/^cli:/);
  }, 90_000);
});
