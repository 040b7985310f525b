import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { createDatabase } from '@kilde/store';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

jest.setTimeout(300_000);

const bin = join(__dirname, '..', '..', 'bin', 'kilde.js');
// Large enough that the import is still running when the test kills it: new drafts are written
// in bulk, a page of records per transaction, so a few hundred records take well under a second.
const N = 2000;

const article = (i: number): Record<string, unknown> => ({
  type: 'article',
  locale: 'nb',
  externalId: `cli-${i}`,
  title: `Artikkel ${i}`,
  slug: `artikkel-${i}`,
  summary: 'Et kort sammendrag.',
  body: '## Overskrift\n\nLitt tekst om temaet.\n',
  topics: [{ id: 'topic-cli' }],
  audience: ['16-17'],
  provider: { id: 'org-cli' },
  professionallyResponsible: { name: 'Kari Nordmann', profession: 'nurse' },
  authors: ['Kari Nordmann'],
  sources: [{ title: 'Kilde', kind: 'other', url: 'https://example.org/kilde' }],
  images: [],
  snomed: [],
  licence: 'CC-BY-4.0',
  lastReviewed: '2026-01-01',
  nextReviewDue: '2027-01-01',
  reviewIntervalMonths: 12,
});

describe('npx kilde import / export', () => {
  let db: TestDatabase;
  let knex: Knex;
  let dir: string;
  const env = () => ({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    KILDE_DATA_DIR: db.dir,
    LOG_LEVEL: 'silent',
  });
  const kilde = (...args: string[]) => {
    const run = spawnSync(process.execPath, [bin, ...args], {
      env: env(),
      encoding: 'utf8',
      timeout: 240_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const drafts = async (): Promise<string[]> =>
    (
      (await knex('articles')
        .select('external_id')
        .whereNull('published_at')
        .where('external_id', 'like', 'cli-%')) as { external_id: string }[]
    ).map((r) => r.external_id);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'kilde-cli-import-'));
    writeFileSync(
      join(dir, 'base.ndjson'),
      [
        {
          type: 'organisation',
          locale: 'nb',
          id: 'org-cli',
          name: 'CLI-leverandør',
          description: '',
          orgNumber: null,
          url: null,
          logo: null,
          defaultLicence: 'CC-BY-4.0',
        },
        {
          type: 'topic',
          locale: 'nb',
          id: 'topic-cli',
          title: 'Tema',
          slug: 'tema',
          description: '',
          parent: null,
          reviewIntervalMonths: 12,
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    writeFileSync(
      join(dir, 'articles.ndjson'),
      Array.from({ length: N }, (_, i) => JSON.stringify(article(i))).join('\n') + '\n',
    );
  });
  afterAll(async () => {
    await knex?.destroy();
    await db?.drop();
  });

  it('imports with a summary table, dry-runs, and a killed import finishes on rerun with no half-written record', async () => {
    const base = kilde('import', join(dir, 'base.ndjson'), '--publish');
    expect(base.stderr).not.toMatch(/Error/);
    expect(base.status).toBe(0);
    expect(base.stdout).toMatch(/job\s+status\s+mode\s+records\s+created/);
    expect(base.stdout).toMatch(/completed\s+atomic\s+2\s+2/);
    knex = await createDatabase({ url: db.url });

    const dry = kilde('import', join(dir, 'articles.ndjson'), '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`dry-run\\s+atomic\\s+${N}\\s+${N}\\s+0`));
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(await drafts()).toEqual([]);

    // Start an import and kill it (SIGKILL: no cleanup at all) once some records are in.
    const child = spawn(
      process.execPath,
      [bin, 'import', join(dir, 'articles.ndjson'), '--mode', 'partial'],
      { env: env(), stdio: 'ignore' },
    );
    const exited = new Promise((r) => child.once('exit', r));
    let jobId = '';
    for (let i = 0; i < 2400; i += 1) {
      const job = (await knex('kilde_import_jobs')
        .where({ requested_by: 'cli', mode: 'partial' })
        .first()) as { id: string } | undefined;
      if (job) {
        jobId = job.id;
        const done = Number(
          (
            (await knex('kilde_import_items')
              .where({ job_id: job.id })
              .whereNot({ status: 'pending' })
              .count({ n: '*' })
              .first()) as { n: number }
          ).n,
        );
        if (done >= 20) break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    await exited;
    expect(jobId).not.toBe('');

    // Every record is either complete (draft + identity + item status) or absent.
    const landed = await drafts();
    expect(landed.length).toBeGreaterThanOrEqual(20);
    expect(landed.length).toBeLessThan(N);
    expect(new Set(landed).size).toBe(landed.length);
    const identities = (await knex('kilde_import_identities')
      .where('external_id', 'like', 'cli-%')
      .pluck('external_id')) as string[];
    expect(identities.sort()).toEqual([...landed].sort());
    const doneItems = Number(
      (
        (await knex('kilde_import_items')
          .where({ job_id: jobId })
          .whereNot({ status: 'pending' })
          .count({ n: '*' })
          .first()) as { n: number }
      ).n,
    );
    expect(doneItems).toBe(landed.length);

    // `--resume` finishes the same job.
    const resumed = kilde('import', '--resume', jobId);
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`${jobId}\\s+completed\\s+partial\\s+${N}\\s+${N}`));
    const all = await drafts();
    expect(all.length).toBe(N);
    expect(new Set(all).size).toBe(N);

    // And the same import again changes nothing.
    const again = kilde('import', join(dir, 'articles.ndjson'));
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`completed\\s+atomic\\s+${N}\\s+0\\s+0\\s+${N}`));
    expect((await drafts()).length).toBe(N);
  });

  it('exports to a file and prints the cursor for the next delta', () => {
    const out = join(dir, 'export.ndjson');
    const run = kilde('export', '--out', out, '--type', 'topic,organisation');
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/2 documents exported/);
    expect(run.stderr).toMatch(/next delta: kilde export --since \S+/);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(['org-cli', 'topic-cli']);
    // Written under a temporary name and renamed once complete: nothing of that is left over.
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(kilde('export', '--format', 'xml').status).toBe(1);
  });
});
