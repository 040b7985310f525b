import { AUDIT_TABLE } from '@kilde/migrations';
import { iterateAudit, listAudit, recordAudit, runMigrations } from '@kilde/store';
import { createTestDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';

describe.each(testDialects)('audit log on %s', (dialect) => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });

  afterEach(async () => {
    await database.cleanup();
  });

  it('records entries and lists them newest first, filtered and paged', async () => {
    const db = await database.connect();
    await runMigrations(db);
    await recordAudit(db, { actor: 'admin:1', actorName: 'Ada', action: 'auth.login', at: '2026-01-01T10:00:00.000Z' });
    await recordAudit(db, {
      actor: 'admin:2',
      action: 'content.publish',
      subjectType: 'article',
      subjectId: 'abc:nb',
      details: { version: 3 },
      requestId: 'req-1',
      at: '2026-01-02T10:00:00.000Z',
    });
    await recordAudit(db, { actor: 'partner:k1', action: 'partner-key.revoke', outcome: 'failure', at: '2026-01-03T10:00:00.000Z' });

    const all = await listAudit(db);
    expect(all.entries.map((e) => e.action)).toEqual(['partner-key.revoke', 'content.publish', 'auth.login']);
    expect(all.entries[1]).toMatchObject({ details: { version: 3 }, requestId: 'req-1', subjectId: 'abc:nb', outcome: 'success' });

    expect((await listAudit(db, { actor: 'admin:' })).entries.map((e) => e.actor)).toEqual(['admin:2', 'admin:1']);
    expect((await listAudit(db, { action: 'content.' })).entries).toHaveLength(1);
    expect((await listAudit(db, { outcome: 'failure' })).entries.map((e) => e.actor)).toEqual(['partner:k1']);
    expect((await listAudit(db, { from: '2026-01-02', to: '2026-01-02' })).entries.map((e) => e.action)).toEqual(['content.publish']);

    const first = await listAudit(db, {}, { limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).not.toBeNull();
    const second = await listAudit(db, {}, { limit: 2, before: first.nextBefore ?? undefined });
    expect(second.entries.map((e) => e.action)).toEqual(['auth.login']);
    expect(second.nextBefore).toBeNull();

    const exported: string[] = [];
    for await (const e of iterateAudit(db, {}, 2)) exported.push(e.action);
    expect(exported).toEqual(['auth.login', 'content.publish', 'partner-key.revoke']);
  });

  it('refuses to change or delete history, even with direct SQL', async () => {
    const db = await database.connect();
    await runMigrations(db);
    await recordAudit(db, { actor: 'admin:1', action: 'role.update' });
    // Awaited by hand: Jest's `rejects` on a knex builder (a thenable, not a Promise) has proved
    // unreliable when several suites share a worker.
    const refusal = async (query: PromiseLike<unknown>): Promise<string> => {
      try {
        await query;
        return 'no error';
      } catch (err) {
        return String((err as Error | undefined)?.message ?? err);
      }
    };
    expect(await refusal(db(AUDIT_TABLE).update({ actor: 'admin:9' }))).toMatch(/append-only/);
    expect(await refusal(db(AUDIT_TABLE).delete())).toMatch(/append-only/);
    expect((await listAudit(db)).entries.map((e) => e.actor)).toEqual(['admin:1']);
  });
});
