import type { Knex } from 'knex';
import { createDatabase, runMigrations } from '@kilde/store';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';
import {
  claimDueDeliveries,
  recordAttempt,
  releaseClaims,
  renewClaim,
  type DeliveryRow,
} from '../../src/webhooks/claims';

const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

/**
 * The claim statements themselves, on the database the suite runs on (SQLite, or PostgreSQL with
 * KILDE_TEST_PG_URL — there with two pools racing, as two nodes would).
 */
describe('webhook delivery claims', () => {
  let database: TestDatabase;
  let a: Knex;
  let b: Knex;
  const pg = Boolean(process.env.KILDE_TEST_PG_URL);

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await createDatabase({ url: database.url });
    await runMigrations(a);
    // On SQLite one process owns the file (better-sqlite3 blocks the event loop while it waits
    // for the write lock); a second pool there would only measure that.
    b = pg ? await createDatabase({ url: database.url }) : a;
  });

  afterAll(async () => {
    if (b !== a) await b?.destroy();
    await a?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await a('kilde_webhook_attempts').del();
    await a('kilde_webhook_deliveries').del();
  });

  let eventNo = 0;
  /** Queues deliveries: `items` × `versions` for each endpoint, in version order per item. */
  async function queue(endpoints: string[], items: number, versions: number): Promise<void> {
    const rows = [];
    for (let v = 1; v <= versions; v += 1)
      for (let i = 0; i < items; i += 1)
        for (const endpoint of endpoints) {
          eventNo += 1;
          rows.push({
            endpoint_id: endpoint,
            event_id: `00000000-0000-4000-8000-${String(eventNo).padStart(12, '0')}`,
            seq: eventNo,
            event: v === 1 ? 'content.published' : 'content.updated',
            doc_type: 'article',
            doc_id: `doc-${i}`,
            locale: 'nb',
            version: v,
            payload: '{}',
            status: 'pending',
            attempts: 0,
            next_attempt_at: T0.toISOString(),
            created_at: T0.toISOString(),
          });
        }
    for (let i = 0; i < rows.length; i += 100)
      await a('kilde_webhook_deliveries').insert(rows.slice(i, i + 100));
  }

  const claim = (db: Knex, owner: string, now: Date, endpointIds = ['e1', 'e2'], limit = 50) =>
    claimDueDeliveries(db, { owner, endpointIds, now, claimMs: 10_000, limit });

  const deliver = (db: Knex, d: DeliveryRow, owner: string, now: Date) =>
    recordAttempt(db, {
      delivery: d,
      owner,
      at: now,
      status: 200,
      responseMs: 3,
      error: null,
      next: { status: 'delivered' },
    });

  it('gives each due delivery to one sender, one version per item at a time, under racing claims', async () => {
    await queue(['e1', 'e2'], 20, 3);
    const seen = new Map<number, string>();
    const order: string[] = [];
    // Rounds of two senders claiming at the same moment, then delivering what they got.
    for (let round = 0; round < 100; round += 1) {
      // Small batches, so both senders get rows whichever of them locks first.
      const [ra, rb] = await Promise.all([
        claim(a, 'node-a', T0, ['e1', 'e2'], 7),
        claim(b, 'node-b', T0, ['e1', 'e2'], 7),
      ]);
      const got = [
        ...ra.map((d) => [d, 'node-a'] as const),
        ...rb.map((d) => [d, 'node-b'] as const),
      ];
      if (got.length === 0) break;
      const items = got.map(([d]) => `${d.endpoint_id}/${d.doc_id}`);
      // Never two versions of one item in flight.
      expect(new Set(items).size).toBe(items.length);
      for (const [d, owner] of got) {
        expect(seen.has(d.id)).toBe(false);
        seen.set(d.id, owner);
        expect(d).toMatchObject({ claimed_by: owner, claimed_until: at(10_000).toISOString() });
        order.push(`${d.endpoint_id}/${d.doc_id}@${d.version}`);
      }
      await Promise.all(got.map(([d, owner]) => deliver(owner === 'node-a' ? a : b, d, owner, T0)));
    }
    expect(seen.size).toBe(2 * 20 * 3);
    for (const e of ['e1', 'e2'])
      for (let i = 0; i < 20; i += 1)
        expect(order.filter((o) => o.startsWith(`${e}/doc-${i}@`))).toEqual([
          `${e}/doc-${i}@1`,
          `${e}/doc-${i}@2`,
          `${e}/doc-${i}@3`,
        ]);
    if (pg) expect(new Set(seen.values())).toEqual(new Set(['node-a', 'node-b']));
    const left = await a('kilde_webhook_deliveries').whereNot({ status: 'delivered' });
    expect(left).toEqual([]);
  });

  it('holds a later version while an earlier one waits for a retry, and skips disabled endpoints', async () => {
    await queue(['e1'], 1, 2);
    const [v1] = await claim(a, 'node-a', T0);
    expect(v1?.version).toBe(1);
    await recordAttempt(a, {
      delivery: v1 as DeliveryRow,
      owner: 'node-a',
      at: T0,
      status: 503,
      responseMs: 4,
      error: 'HTTP 503',
      next: { status: 'pending', nextAttemptAt: at(60_000) },
    });
    // Version 1 is not due for a minute; version 2 must not overtake it meanwhile.
    expect(await claim(b, 'node-b', at(30_000))).toEqual([]);
    // An endpoint the caller does not list (disabled) is never claimed.
    expect(await claim(b, 'node-b', at(61_000), ['e2'])).toEqual([]);
    const [again] = await claim(b, 'node-b', at(61_000));
    expect(again).toMatchObject({ version: 1, attempts: 1, last_error: 'HTTP 503' });
  });

  it('lets another sender take a claim once it has run out, and fences the sender that lost it', async () => {
    await queue(['e1'], 1, 1);
    const [mine] = await claim(a, 'crashed', T0);
    expect(mine).toBeDefined();
    // Held: nobody else gets it before it runs out.
    expect(await claim(b, 'node-b', at(9_999))).toEqual([]);
    // Run out: taken over.
    const [taken] = await claim(b, 'node-b', at(10_001));
    expect(taken).toMatchObject({ id: mine?.id, claimed_by: 'node-b' });
    // The sender that stalled can neither renew nor record the row any more …
    expect(await renewClaim(a, mine!.id, 'crashed', at(20_000))).toBe(false);
    expect(await deliver(a, mine!, 'crashed', at(10_002))).toBe(false);
    // … though its attempt is logged, as it happened.
    expect(
      await a('kilde_webhook_attempts').where({ delivery_id: mine!.id }).select('sent_by'),
    ).toEqual([{ sent_by: 'crashed' }]);
    // The new holder renews and records.
    expect(await renewClaim(b, taken!.id, 'node-b', at(20_000))).toBe(true);
    expect(await deliver(b, taken!, 'node-b', at(10_003))).toBe(true);
    expect(await a('kilde_webhook_deliveries').where({ id: mine!.id }).first()).toMatchObject({
      status: 'delivered',
      attempts: 1,
      claimed_by: null,
      claimed_until: null,
    });
  });

  it('gives claims back at the end of a round, so another sender need not wait them out', async () => {
    await queue(['e1', 'e2'], 3, 1);
    expect(await claim(a, 'node-a', T0)).toHaveLength(6);
    expect(await claim(b, 'node-b', T0)).toEqual([]);
    expect(await releaseClaims(a, 'node-a')).toBe(6);
    expect(await claim(b, 'node-b', T0)).toHaveLength(6);
  });
});
