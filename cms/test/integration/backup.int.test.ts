import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as tar from 'tar';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import { loadSeedLibrary } from '@kilde/content';
import type * as BackupModule from '../../src/backup/backup';
import type * as WorkflowModule from '../../src/workflow';
import type * as SeedModule from '../../src/seed/load-seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const backup = require(join(cmsDir, 'dist', 'src', 'backup', 'backup')) as typeof BackupModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflow = require(join(cmsDir, 'dist', 'src', 'workflow')) as typeof WorkflowModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const seed = require(join(cmsDir, 'dist', 'src', 'seed', 'load-seed')) as typeof SeedModule;

jest.setTimeout(180_000);

const work = mkdtempSync(join(tmpdir(), 'kilde-backup-test-'));
const MEDIA = `/uploads/kilde-backup-test-${process.pid}.txt`;

/** Every table of a backup archive as its NDJSON lines, for comparing two backups. */
async function tablesOf(file: string): Promise<Map<string, string[]>> {
  const dir = mkdtempSync(join(work, 'x-'));
  await tar.x({ file, cwd: dir });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupModule.BackupManifest;
  const out = new Map<string, string[]>();
  for (const t of manifest.tables) {
    const lines: string[] = [];
    for await (const line of createInterface({ input: createReadStream(join(dir, 'tables', `${t.name}.ndjson`)) })) if (line) lines.push(line);
    out.set(t.name, lines);
  }
  return out;
}

describe('npx kilde backup and restore', () => {
  let source: TestCms | undefined;
  let target: TestCms | undefined;
  const first = join(work, 'first.tar.gz');
  const second = join(work, 'second.tar.gz');
  let webhookDocumentId: string;
  let sample: { id: string; slug: string };

  afterAll(async () => {
    await source?.stop().catch(() => undefined);
    await target?.stop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up a seeded instance: content, history, outbox, media and webhooks without secrets', async () => {
    source = await startCms();
    const s = source.strapi;
    // A slice of the seed library (every organisation and topic, some articles and questions in
    // all three languages) through the real publication path.
    const library = loadSeedLibrary();
    const keys = new Set([...new Set(library.articles.map((a) => a.key))].slice(0, 12));
    await workflow.runAs(
      workflow.systemActor('seed'),
      () => seed.loadSeed(s, { ...library, articles: library.articles.filter((a) => keys.has(a.key)), questions: library.questions.slice(0, 10) }),
      { changeNote: { kind: 'content-update', text: 'Kilde seed library (backup slice)' } },
    );
    const webhook = await s.documents('api::webhook-endpoint.webhook-endpoint' as never).create({
      data: { partner: 'ung.no', url: 'https://hooks.example.org/kilde', events: ['content.published'], enabled: true, secret: 'whsec_c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw==' } as never,
    });
    webhookDocumentId = (webhook as { documentId: string }).documentId;
    const publicDir = s.dirs.static.public;
    mkdirSync(join(publicDir, 'uploads'), { recursive: true });
    writeFileSync(join(publicDir, MEDIA), 'bilde');
    await s.db.query('plugin::upload.file').create({ data: { name: 'test.txt', hash: `kilde-backup-test-${process.pid}`, ext: '.txt', mime: 'text/plain', size: 0.01, url: MEDIA, provider: 'local' } });

    const row = (await s.db.connection('kilde_documents').where({ type: 'article', locale: 'nb' }).orderBy('doc_id').first()) as { doc_id: string; document: string };
    sample = { id: row.doc_id, slug: (JSON.parse(row.document) as { slug: string }).slug };

    const report = await backup.createBackup(s, first, { actor: 'cli:test' });
    expect(report.rows).toBeGreaterThan(100);
    expect(report.mediaFiles).toBe(1);

    const tables = await tablesOf(first);
    expect(tables.get('kilde_documents')!.length).toBeGreaterThan(40);
    expect(tables.get('kilde_outbox')!.length).toBeGreaterThan(40);
    expect(tables.has('articles')).toBe(true);
    // No secrets and no private questions in the archive.
    for (const name of tables.keys()) expect(name).not.toMatch(/^(admin_|kilde_partner_keys|kilde_questions|strapi_api_token)/);
    const raw = [...tables.values()].flat().join('\n');
    expect(raw).not.toContain('c2VjcmV0LXRoYXQtbXVzdC1ub3QtbGVhaw');
    expect(JSON.parse(tables.get('webhook_endpoints')![0]!)).toMatchObject({ url: 'https://hooks.example.org/kilde', secret: null });
    // The backup itself is audited (after its snapshot, so not inside it).
    expect(await s.db.connection('kilde_audit_log').where({ action: 'backup.create' })).toHaveLength(1);

    rmSync(join(publicDir, MEDIA));
    await source.stop();
    source = undefined;
  });

  it('refuses archives that are not Kilde backups, and changes nothing', async () => {
    target = await startCms();
    const junk = join(work, 'junk.tar.gz');
    writeFileSync(junk, 'not a tarball');
    await expect(backup.restoreBackup(target.strapi, junk)).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    await expect(backup.restoreBackup(target.strapi, join(work, 'missing.tar.gz'))).rejects.toMatchObject({ code: 'BACKUP_INVALID' });
    expect(await target.strapi.db.connection('kilde_documents').first()).toBeUndefined();
  });

  it('restores into an empty instance exactly: a second backup equals the first', async () => {
    const t = target!.strapi;
    const report = await backup.restoreBackup(t, first, { actor: 'cli:test' });
    expect(report.webhooksDisabled).toBe(1);
    expect(report.mediaFiles).toBe(1);
    expect(existsSync(join(t.dirs.static.public, MEDIA))).toBe(true);

    // Strapi sees the restored documents under their original ids.
    const article = (await t.documents('api::article.article').findFirst({ filters: { slug: sample.slug }, locale: 'nb', status: 'published' })) as { documentId: string } | null;
    expect(article?.documentId).toBe(sample.id);
    const stored = await t.db.connection('kilde_documents').where({ doc_id: sample.id, locale: 'nb' }).first();
    expect(JSON.parse(stored.document)).toMatchObject({ slug: sample.slug });

    // The webhook endpoint is back, with a new secret, disabled until someone rotates it.
    const endpoint = (await t.documents('api::webhook-endpoint.webhook-endpoint' as never).findOne({ documentId: webhookDocumentId })) as { enabled: boolean; secret: string; disabledReason: string };
    expect(endpoint.enabled).toBe(false);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint.disabledReason).toMatch(/rotate/);

    await backup.createBackup(t, second, { actor: 'cli:test' });
    const a = await tablesOf(first);
    const b = await tablesOf(second);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, rows] of a) {
      if (name === 'kilde_audit_log') {
        // History continues: the restore is recorded after what was restored.
        expect(b.get(name)!.slice(0, rows.length)).toEqual(rows);
        expect(b.get(name)!.slice(rows.length).map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['backup.restore']);
      } else if (name === 'webhook_endpoints') {
        // Restore disables webhook endpoints (their secrets are not in the backup); the rest is equal.
        const withoutState = (l: string) => ({ ...(JSON.parse(l) as Record<string, unknown>), enabled: null, disabled_reason: null });
        expect(b.get(name)!.map(withoutState)).toEqual(rows.map(withoutState));
      } else {
        expect({ name, rows: b.get(name) }).toEqual({ name, rows });
      }
    }
  });

  it('refuses to restore over an instance that holds data', async () => {
    await expect(backup.restoreBackup(target!.strapi, first)).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
  });
});
