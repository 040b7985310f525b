import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { TABLES } from '@kilde/migrations';
import { createDatabase, headSeq, pruneOutbox, publishDocument, runMigrations, tombstoneDocument } from '@kilde/store';
import type { ArticleDocument, DraftDocument } from '@kilde/schemas';
import { startSearchRuntime, type SearchRuntime } from '../../src/search-sync/search-runtime';
import type * as Reindex from '../../src/search-sync/reindex';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';

jest.setTimeout(60_000);

function article(id: string, locale: 'nb' | 'nn', title: string, body: string): DraftDocument<ArticleDocument> {
  return {
    id, type: 'article', locale, translations: {}, title, slug: id, summary: title, body,
    topics: [], audience: ['16-17'], provider: null, professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: [], sources: [{ title: 'Kilde', kind: 'other', url: 'https://example.org/k' }], images: [], snomed: [],
    licence: 'CC-BY-4.0', lastReviewed: '2026-01-01', nextReviewDue: '2027-01-01', reviewIntervalMonths: 12,
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

describe('search index fed by the outbox', () => {
  let db: TestDatabase;
  let knex: Knex;
  let runtime: SearchRuntime | undefined;
  const logger = pino({ level: 'silent' });
  const ids = async (q: string): Promise<string[]> =>
    (await runtime!.engine.search({ q, limit: 20 })).hits.map((h) => h.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    knex = await createDatabase({ url: db.url });
    await runMigrations(knex);
    await publishDocument(knex, article('sovn', 'nb', 'Søvn og skjerm', '## Lys\n\nSkjermlys om kvelden gjør det vanskelig å sove.\n'));
  });
  afterAll(async () => {
    try {
      await runtime?.close();
      await knex?.destroy();
    } finally {
      await db?.drop();
    }
  });

  it('builds from the read store, then follows publishes and unpublishes within 2 s', async () => {
    const snapshotPath = join(db.dir, 'search', 'embedded.snapshot');
    runtime = await startSearchRuntime({ knex, logger, snapshotPath, pollIntervalMs: 50 });
    expect(await ids('søvn')).toEqual(['article:sovn:nb']);

    // An nn article found by a bokmål query with a typo.
    await publishDocument(knex, article('angst-skule', 'nn', 'Angst på skulen', '## Kva er angst\n\nMange kjenner angst når dei skal til skulen.\n'));
    const ms = await until(async () => (await ids('angst skolen')).includes('article:angst-skule:nn'), 2_000);
    expect(ms).toBeLessThan(2_000);

    await tombstoneDocument(knex, { type: 'article', id: 'sovn', locale: 'nb' }, {}, 'unpublished');
    await until(async () => !(await ids('søvn')).includes('article:sovn:nb'), 2_000);
  });

  it('catches up after the engine was down: publishes wait in the outbox and arrive on restart', async () => {
    const snapshotPath = join(db.dir, 'search', 'embedded.snapshot');
    await runtime!.close(); // engine down (and snapshot written)
    runtime = undefined;
    await publishDocument(knex, article('klamydia', 'nb', 'Hva er klamydia', '## Test\n\nKlamydia er en kjønnssykdom som kan testes og behandles.\n'));
    runtime = await startSearchRuntime({ knex, logger, snapshotPath, pollIntervalMs: 50 });
    await until(async () => (await ids('klamydia')).includes('article:klamydia:nb'), 5_000);
    // Restored from the snapshot, not rebuilt: the earlier nn article is still there.
    expect(await ids('angst')).toContain('article:angst-skule:nn');
  });

  it('rebuilds from the read store when its snapshot is older than the retained outbox', async () => {
    const snapshotPath = join(db.dir, 'search', 'embedded.snapshot');
    await runtime!.close(); // snapshot written at the current head
    runtime = undefined;
    await publishDocument(knex, article('pruned', 'nb', 'Kviser i ansiktet', '## Hud\n\nKviser er vanlig i tenårene.\n'));
    await publishDocument(knex, article('kept', 'nb', 'Svette og lukt', '## Hud\n\nSvette er kroppens kjøling.\n'));
    // Every consumer is past everything, and a year has gone by: the event of `pruned` is gone.
    const head = await headSeq(knex);
    await knex(TABLES.outboxConsumers).insert({ name: 'caught-up', cursor: head, updated_at: new Date().toISOString() });
    const later = new Date(Date.now() + 365 * 86_400_000);
    const pruned = await pruneOutbox(knex, { retentionDays: 90, now: () => later });
    expect(pruned.watermark).toBe(head - 1);

    runtime = await startSearchRuntime({ knex, logger, snapshotPath, pollIntervalMs: 50 });
    await until(async () => (await ids('kviser')).includes('article:pruned:nb'), 5_000);
    expect(await ids('svette')).toEqual(['article:kept:nb']);
    expect(runtime.lastSeq).toBe(head);
  });
});

describe('reindex with zero downtime', () => {
  it('answers every query while a rebuilt snapshot is swapped in', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { rebuildSearchSnapshot } = require('../../src/search-sync/reindex') as typeof Reindex;
    const db = await createTestDatabase();
    const knex = await createDatabase({ url: db.url });
    const snapshotPath = join(db.dir, 'search', 'embedded.snapshot');
    let runtime: SearchRuntime | undefined;
    try {
      await runMigrations(knex);
      for (let i = 0; i < 200; i += 1) {
        await publishDocument(knex, article(`a${i}`, i % 3 === 0 ? 'nn' : 'nb', `Søvn og stress ${i}`, `## Del ${i}\n\nSøvn hjelper mot stress og uro.\n`));
      }
      runtime = await startSearchRuntime({ knex, logger: pino({ level: 'silent' }), snapshotPath, pollIntervalMs: 50 });
      let answered = 0;
      let failed = 0;
      let stop = false;
      const load = (async () => {
        while (!stop) {
          const r = await runtime.engine.search({ q: 'søvn stress', limit: 10 }).catch(() => null);
          if (r && r.totalHits > 0) answered += 1;
          else failed += 1;
          await new Promise((res) => setImmediate(res));
        }
      })();
      await publishDocument(knex, article('ny', 'nb', 'Eksamensangst', '## Eksamen\n\nEksamensangst er vanlig.\n'));
      const report = await rebuildSearchSnapshot(knex, snapshotPath);
      expect(report.documents).toBe(201);
      runtime.checkForNewSnapshot();
      await until(async () => (await runtime!.engine.search({ q: 'eksamensangst' })).totalHits === 1, 5_000);
      stop = true;
      await load;
      expect(failed).toBe(0);
      expect(answered).toBeGreaterThan(10);
    } finally {
      await runtime?.close();
      await knex.destroy();
      await db.drop();
    }
  });
});
