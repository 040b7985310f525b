import { TABLES } from '@kilde/migrations';
import { CursorExpiredError, pruneOutbox, publishDocument } from '@kilde/store';
import { exportRows, type ExportRow } from '../../src/import-export/export';
import { article } from '../helpers/fixtures';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

type Json = Record<string, any>;
const FEED = `query($since: String) { changes(since: $since, first: 100) {
  edges { node { id version } }
  pageInfo { endCursor }
} }`;
const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const cursor = (seq: number): string => Buffer.from(`kc1:${seq}`, 'utf8').toString('base64url');

/**
 * Partners whose cursor points into pruned outbox history (SQLite, or PostgreSQL with
 * KILDE_TEST_PG_URL): `changes` and the delta export answer 410 CURSOR_EXPIRED and say how to
 * recover; a cursor at or after the watermark sees no difference.
 */
describe('the change feed after outbox pruning', () => {
  let t: TestApi;
  let key: string;

  beforeAll(async () => {
    t = await startApi();
    key = await t.key(['read:content', 'read:questions', 'export']);
    // Seqs 1–6 are 100 days old, 7–8 a day old; with the only consumer caught up, 1–6 go and
    // the watermark becomes 6.
    for (let i = 1; i <= 8; i += 1) {
      const when = new Date(NOW.getTime() - (i <= 6 ? 100 : 1) * DAY_MS);
      await publishDocument(
        t.knex,
        article(`r${i}`, { title: `Artikkel ${i}` }),
        {},
        { now: () => when },
      );
    }
    await t
      .knex(TABLES.outboxConsumers)
      .insert({ name: 'search-index', cursor: 8, updated_at: NOW.toISOString() });
    const pruned = await pruneOutbox(t.knex, { retentionDays: 90, now: () => NOW });
    expect(pruned).toMatchObject({ deleted: 6, watermark: 6 });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('GraphQL changes: a cursor below the watermark, or none, is 410 CURSOR_EXPIRED with the way back', async () => {
    for (const since of [cursor(2), cursor(5), undefined]) {
      const r = await gql(t.url, key, FEED, since === undefined ? {} : { since });
      expect(r.status).toBe(410);
      expect(codeOf(r)).toBe('CURSOR_EXPIRED');
      expect(r.body.errors?.[0]?.message).toMatch(/full export.*X-Kilde-Changes-Cursor/);
      // The message speaks of what the partner sent: their cursor, or no cursor at all.
      expect(r.body.errors?.[0]?.message).toMatch(
        since === undefined ? /without `since`/ : /This `since` cursor/,
      );
      expect(r.body.errors?.[0]?.extensions).toEqual({
        code: 'CURSOR_EXPIRED',
        argumentName: 'since',
      });
    }
  });

  it('GraphQL changes: a cursor at or after the watermark works as before', async () => {
    const atWatermark = await gql<Json>(t.url, key, FEED, { since: cursor(6) });
    expect(atWatermark.status).toBe(200);
    expect(atWatermark.body.errors).toBeUndefined();
    expect(atWatermark.body.data!.changes.edges.map((e: Json) => e.node.id as unknown)).toEqual([
      'r7',
      'r8',
    ]);
    const later = await gql<Json>(t.url, key, FEED, { since: cursor(7) });
    expect(later.body.data!.changes.edges.map((e: Json) => e.node.id as unknown)).toEqual(['r8']);
  });

  it('delta export: an expired cursor is 410 CURSOR_EXPIRED; a full export gives a cursor that works', async () => {
    const auth = { authorization: `Bearer ${key}` };
    const expired = await fetch(`${t.url}/v1/export?since=${cursor(3)}`, { headers: auth });
    expect(expired.status).toBe(410);
    const body = (await expired.json()) as Json;
    expect(body.error.code).toBe('CURSOR_EXPIRED');
    expect(body.error.message).toMatch(/full export.*X-Kilde-Changes-Cursor/);

    const delta = await fetch(`${t.url}/v1/export?since=${cursor(6)}`, { headers: auth });
    expect(delta.status).toBe(200);
    const ids = (await delta.text())
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as Json).id as unknown);
    expect(ids).toEqual(['r7', 'r8']);

    // The recovery the message describes: a full export, then `changes` from its cursor.
    const full = await fetch(`${t.url}/v1/export`, { headers: auth });
    expect(full.status).toBe(200);
    expect((await full.text()).trim().split('\n')).toHaveLength(8);
    const next = full.headers.get('x-kilde-changes-cursor');
    const resumed = await gql<Json>(t.url, key, FEED, { since: next });
    expect(resumed.status).toBe(200);
    expect(resumed.body.data!.changes.edges).toEqual([]);
  });
});

/**
 * A long delta export can meet the daily prune: rows after its cursor that it has not reached
 * yet may go while it streams. It must stop rather than finish short.
 */
describe('a delta export that a prune overtakes', () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await startApi();
    // Seqs 1–10, all 100 days old; the only consumer has handled them all.
    for (let i = 1; i <= 10; i += 1) {
      const when = new Date(NOW.getTime() - 100 * DAY_MS);
      await publishDocument(t.knex, article(`o${i}`), {}, { now: () => when });
    }
    await t
      .knex(TABLES.outboxConsumers)
      .insert({ name: 'search-index', cursor: 10, updated_at: NOW.toISOString() });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('throws CURSOR_EXPIRED at the next page instead of skipping the pruned rows', async () => {
    // Two outbox rows per page, so the prune lands between pages.
    const rows = exportRows(t.knex, { types: ['article'], afterSeq: 0 }, { pageSize: 2 });
    const seen: string[] = [];
    const first = await rows.next();
    seen.push((first.value as ExportRow).id);

    const pruned = await pruneOutbox(t.knex, { retentionDays: 90, now: () => NOW });
    expect(pruned).toMatchObject({ deleted: 9, watermark: 9 });

    const rest = (async () => {
      for await (const row of rows) seen.push(row.id);
    })();
    await expect(rest).rejects.toBeInstanceOf(CursorExpiredError);
    // The first page went out whole; nothing after the pruned gap was passed off as complete.
    expect(seen).toEqual(['o1', 'o2']);
  });

  it('exports every change when nothing is pruned meanwhile (the same paging)', async () => {
    const ids: string[] = [];
    for await (const row of exportRows(
      t.knex,
      { types: ['article'], afterSeq: 9 },
      { pageSize: 2 },
    ))
      ids.push(row.id);
    expect(ids).toEqual(['o10']);
  });
});
