import { join } from 'node:path';
import type { Knex } from 'knex';
import { createOutboxDispatcher, outboxStatus, replayConsumer, silentLogger, type OutboxEvent } from '@kilde/store';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as CmsIndex from '../../src/index';

// The running CMS's own dispatcher (same module instance Strapi loaded from cms/dist).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cmsIndex = require(join(cmsDir, 'dist', 'src', 'index')) as typeof CmsIndex;

jest.setTimeout(300_000);

describe('seed library and outbox delivery on a real CMS', () => {
  let cms: TestCms;
  let knex: Knex;

  beforeAll(async () => {
    cms = await startCms({ seed: true });
    knex = cms.strapi.db.connection;
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('publishes the whole seed library through the publication path', async () => {
    const counts = await knex('kilde_documents')
      .select('type', 'locale')
      .count<{ type: string; locale: string; n: number | string }[]>({ n: '*' })
      .where({ deleted: false })
      .groupBy('type', 'locale');
    const count = (type: string, locale: string): number =>
      Number(counts.find((c) => c.type === type && c.locale === locale)?.n ?? 0);
    expect(count('article', 'nb')).toBeGreaterThanOrEqual(40);
    expect(count('article', 'nn')).toBeGreaterThanOrEqual(15);
    expect(count('article', 'en')).toBeGreaterThanOrEqual(10);
    expect(count('question', 'nb') + count('question', 'nn') + count('question', 'en')).toBeGreaterThanOrEqual(150);
    expect(count('question', 'nn')).toBeGreaterThan(0);
    for (const locale of ['nb', 'nn', 'en']) {
      expect(count('topic', locale)).toBeGreaterThanOrEqual(12);
      expect(count('organisation', locale)).toBeGreaterThanOrEqual(6);
      expect(count('service', locale)).toBeGreaterThanOrEqual(15);
    }
    // Every published variant has exactly one live canonical document and at least one outbox row.
    const withoutOutbox = await knex('kilde_documents as d')
      .leftJoin('kilde_outbox as o', function join() {
        this.on('o.doc_id', '=', 'd.doc_id').andOn('o.locale', '=', 'd.locale');
      })
      .whereNull('o.seq')
      .select('d.doc_id');
    expect(withoutOutbox).toEqual([]);

    // Translations are linked: the nn klamydia article points at nb and en.
    const nn = await knex('kilde_documents').where({ type: 'article', locale: 'nn', slug: 'klamydia' }).first();
    expect(Object.keys(JSON.parse(nn.document).translations).sort()).toEqual(['en', 'nb']);

    // The revision-history consumer catches up with every outbox row, one revision each.
    expect(await cmsIndex.getDispatcher()?.drain(60_000)).toBe(true);
    const [revisions, outbox] = await Promise.all([
      knex('kilde_revisions').count({ n: '*' }).first(),
      knex('kilde_outbox').count({ n: '*' }).first(),
    ]);
    expect(Number(revisions?.n)).toBe(Number(outbox?.n));
  });

  it('retries a failing consumer with backoff, dead-letters it, and replays it without duplicates', async () => {
    let failing = true;
    const attempts = new Map<number, number>();
    const applied = new Map<string, number>();
    const flaky = {
      name: 'test-flaky-search',
      async handle(event: OutboxEvent) {
        attempts.set(event.seq, (attempts.get(event.seq) ?? 0) + 1);
        if (failing && event.locale === 'nn') throw new Error('search engine down');
        // Idempotent side effect keyed by (id, locale, version), as real consumers are.
        const key = `${event.id}:${event.locale}:${event.version}`;
        applied.set(key, (applied.get(key) ?? 0) + 1);
        return Promise.resolve();
      },
    };
    const dispatcher = createOutboxDispatcher({
      knex,
      consumers: [flaky],
      logger: silentLogger,
      pollIntervalMs: 20,
      backoff: { baseMs: 10, factor: 2, maxMs: 40, maxAttempts: 3, jitter: 0 },
    });
    try {
      expect(await dispatcher.drain(120_000)).toBe(true);
      const nnRows = await knex('kilde_outbox').where({ locale: 'nn' }).select<{ seq: number | string }[]>('seq');
      expect(nnRows.length).toBeGreaterThan(0);
      // Each nn row was tried maxAttempts times, then dead-lettered; the rest went through.
      for (const r of nnRows) expect(attempts.get(Number(r.seq))).toBe(3);
      let status = (await outboxStatus(knex)).consumers.find((c) => c.name === 'test-flaky-search');
      expect(status).toMatchObject({ dead: nnRows.length, lag: 0 });
      expect(status?.lastError).toMatch(/search engine down/);

      failing = false;
      await replayConsumer(knex, 'test-flaky-search', { dead: true });
      expect(await dispatcher.drain(120_000)).toBe(true);
      status = (await outboxStatus(knex)).consumers.find((c) => c.name === 'test-flaky-search');
      expect(status).toMatchObject({ dead: 0, replaying: 0 });
      // Every row's side effect happened exactly once, nn included.
      const total = await knex('kilde_outbox').count({ n: '*' }).first();
      expect(applied.size).toBe(Number(total?.n));
      expect([...applied.values()].every((n) => n === 1)).toBe(true);

      // Replaying everything again has no duplicate side effect in revision history either.
      await replayConsumer(knex, 'revision-history', { fromSeq: 1 });
      expect(await cmsIndex.getDispatcher()?.drain(60_000)).toBe(true);
      const [revisions, outbox] = await Promise.all([
        knex('kilde_revisions').count({ n: '*' }).first(),
        knex('kilde_outbox').count({ n: '*' }).first(),
      ]);
      expect(Number(revisions?.n)).toBe(Number(outbox?.n));
    } finally {
      await dispatcher.stop();
    }
  });
});
