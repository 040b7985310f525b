import { createDatabase, findPartnerKey, listAudit, listPartnerKeys } from '@kilde/store';
import { runKilde } from '../helpers/cli';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';


describe('npx kilde keys', () => {
  let db: TestDatabase;
  const kilde = (...args: string[]) => runKilde(db, args);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates, lists, rotates and revokes partner keys', async () => {
    const created = kilde('keys', 'create', '--partner', 'Helsenorge', '--scopes', 'read:content,search', '--rate-limit', '600');
    expect(created.status).toBe(0);
    const key = /key:\s+(kilde_\S+)/.exec(created.stdout)?.[1];
    const id = /key id:\s+(\S+)/.exec(created.stdout)?.[1];
    expect(key).toMatch(/^kilde_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/);
    expect(created.stdout).toContain('only time the key is shown');

    const knex = await createDatabase({ url: db.url });
    try {
      expect(await findPartnerKey(knex, key!)).toMatchObject({ id, partner: 'Helsenorge', scopes: ['read:content', 'search'], rateLimitPerMinute: 600 });

      const listed = kilde('keys', 'list');
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain(id);
      expect(listed.stdout).toContain('read:content,search');
      expect(listed.stdout).not.toContain(key);

      const rotated = kilde('keys', 'rotate', id!, '--overlap-hours', '2');
      expect(rotated.status).toBe(0);
      const fresh = /key:\s+(kilde_\S+)/.exec(rotated.stdout)?.[1];
      expect(fresh).not.toBe(key);
      expect(await findPartnerKey(knex, fresh!)).toMatchObject({ partner: 'Helsenorge', rateLimitPerMinute: 600 });
      const old = (await listPartnerKeys(knex)).find((k) => k.id === id);
      const hours = (Date.parse(old!.expiresAt!) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(1.9);
      expect(hours).toBeLessThanOrEqual(2);

      expect(kilde('keys', 'revoke', id!).status).toBe(0);
      expect(await findPartnerKey(knex, key!)).toBeNull();
      expect(kilde('keys', 'revoke', id!).status).toBe(1);
      expect(kilde('keys', 'usage').status).toBe(0);

      // Each change is in the audit log, attributed to the account that ran the CLI.
      const { entries } = await listAudit(knex, { action: 'partner-key.' });
      expect(entries.map((e) => e.action)).toEqual(['partner-key.revoke', 'partner-key.rotate', 'partner-key.create']);
      expect(entries.every((e) => e.actor.startsWith('cli:') && e.subjectId === id)).toBe(true);
      expect(JSON.stringify(entries)).not.toContain(key);
    } finally {
      await knex.destroy();
    }
  });

  it('refuses unknown scopes and missing arguments', () => {
    const bad = kilde('keys', 'create', '--partner', 'X', '--scopes', 'read:everything');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown: read:everything');
    expect(kilde('keys', 'create', '--scopes', 'read:content').stderr).toContain('--partner NAME is required');
    expect(kilde('keys', 'frobnicate').status).toBe(64);
  });
});
