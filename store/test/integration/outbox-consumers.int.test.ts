import type { Knex } from 'knex';
import { Registry } from 'prom-client';
import { AUDIT_TABLE, TABLES } from '@kilde/migrations';
import {
  ConsumerLeaseHeldError,
  ConsumerNotFoundError,
  createOutboxDispatcher,
  forgetConsumer,
  outboxStatus,
  pruneOutbox,
  publishDocument,
  registerStoreMetrics,
} from '@kilde/store';
import type { OutboxDispatcher } from '@kilde/store';
import { insertDeliveryState, recordingConsumer } from '../helpers/consumers';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { manyArticles } from '../helpers/fixtures';
import { manualClock, recordingLogger } from '../helpers/logger';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const iso = (ms: number): string => ago(ms).toISOString();
const now = (): Date => NOW;

describe.each(testDialects)('outbox consumer health and forget-consumer on %s', (dialect) => {
  let database: TestDatabase;
  let db: Knex;
  const dispatchers: OutboxDispatcher[] = [];

  beforeEach(async () => {
    ({ database, db } = await createMigratedDatabase(dialect));
  });

  afterEach(async () => {
    try {
      await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    } finally {
      await database.cleanup();
    }
  });

  /** Publishes one article per entry, each created that long before NOW: seqs 1..n. */
  async function publishAged(...agesMs: number[]): Promise<void> {
    const drafts = manyArticles(agesMs.length);
    for (const [i, draft] of drafts.entries()) {
      await publishDocument(db, draft, {}, { now: () => ago(agesMs[i] ?? 0) });
    }
  }

  async function addConsumer(
    name: string,
    cursor: number,
    fields: { progressAgoMs?: number; leaseOwner?: string; leaseExpiresAt?: string } = {},
  ): Promise<void> {
    await db(TABLES.outboxConsumers).insert({
      name,
      cursor,
      updated_at: iso(fields.progressAgoMs ?? 0),
      lease_owner: fields.leaseOwner ?? null,
      lease_expires_at: fields.leaseExpiresAt ?? null,
    });
  }

  const addDelivery = (consumer: string, seq: number, status: 'retrying' | 'dead' | 'replaying') =>
    insertDeliveryState(db, { consumer, seq, status, at: NOW });

  const consumerNames = async (): Promise<string[]> =>
    (await db(TABLES.outboxConsumers).select('name').orderBy('name')).map(
      (r: { name: string }) => r.name,
    );
  const deliveryKeys = async (): Promise<string[]> =>
    (await db(TABLES.outboxDeliveries).select('consumer', 'seq').orderBy(['consumer', 'seq'])).map(
      (r: { consumer: string; seq: number | string }) => `${r.consumer}@${Number(r.seq)}`,
    );

  it('marks a consumer stale only when it is behind without progress past the threshold', async () => {
    // Seqs 1–3 are 10 days old, seq 4 an hour old.
    await publishAged(10 * DAY_MS, 10 * DAY_MS, 10 * DAY_MS, HOUR_MS);
    await addConsumer('gone', 1, { progressAgoMs: 30 * HOUR_MS }); // behind, silent for 30 h
    await addConsumer('busy', 2, { progressAgoMs: 5 * HOUR_MS }); // behind, moved 5 h ago
    await addConsumer('idle', 4, { progressAgoMs: 20 * DAY_MS }); // caught up, quiet for weeks
    await addConsumer('woke', 3, { progressAgoMs: 20 * DAY_MS }); // caught up until seq 4 came

    const status = await outboxStatus(db, { now });
    const byName = new Map(status.consumers.map((c) => [c.name, c]));
    expect(byName.get('gone')).toMatchObject({
      lag: 3,
      stale: true,
      stalledSeconds: 30 * 3600,
      leaseHeld: false,
      progressAt: iso(30 * HOUR_MS),
    });
    expect(byName.get('busy')).toMatchObject({ lag: 2, stale: false, stalledSeconds: 5 * 3600 });
    expect(byName.get('idle')).toMatchObject({ lag: 0, stale: false, stalledSeconds: 0 });
    // Behind since seq 4 was written an hour ago, not since its last progress three weeks ago.
    expect(byName.get('woke')).toMatchObject({ lag: 1, stale: false, stalledSeconds: 3600 });

    // The threshold is a setting.
    const lenient = await outboxStatus(db, { now, staleAfterHours: 48 });
    expect(lenient.consumers.find((c) => c.name === 'gone')?.stale).toBe(false);
    const strict = await outboxStatus(db, { now, staleAfterHours: 4 });
    expect(strict.consumers.filter((c) => c.stale).map((c) => c.name)).toEqual(['busy', 'gone']);
  });

  it('records progress only when the cursor moves, and keeps when the lease was last held', async () => {
    await publishAged(0, 0);
    const clock = manualClock(NOW.toISOString());
    const consumer = recordingConsumer('index');
    const dispatcher = createOutboxDispatcher({
      knex: db,
      consumers: [consumer],
      logger: recordingLogger(),
      pollIntervalMs: 5,
      leaseMs: 30_000,
      now: clock.now,
    });
    dispatchers.push(dispatcher);
    expect(await dispatcher.drain(10_000)).toBe(true);
    const first = (await outboxStatus(db, { now: clock.now })).consumers[0];
    expect(first).toMatchObject({ cursor: 2, progressAt: NOW.toISOString(), leaseHeld: true });

    // An hour later the lease is taken again (it had expired), but nothing new is delivered.
    clock.advance(HOUR_MS);
    expect(await dispatcher.drain(10_000)).toBe(true);
    const later = (await outboxStatus(db, { now: clock.now })).consumers[0];
    expect(later).toMatchObject({ progressAt: NOW.toISOString(), leaseHeld: true });
    expect(later?.leaseExpiresAt).toBe(new Date(clock.now().getTime() + 30_000).toISOString());

    await dispatcher.stop();
    const stopped = (await outboxStatus(db, { now: clock.now })).consumers[0];
    expect(stopped).toMatchObject({ leaseOwner: null, leaseHeld: false });
    expect(stopped?.leaseExpiresAt).toBe(clock.now().toISOString());
  });

  it('names stale consumers that hold pruning back in a warning, and only those', async () => {
    await publishAged(...Array<number>(6).fill(100 * DAY_MS), 0);
    await addConsumer('search:meilisearch', 2, { progressAgoMs: 60 * DAY_MS });
    await addConsumer('webhooks', 3, { progressAgoMs: HOUR_MS }); // lagging but moving
    await addConsumer('revision-history', 7);
    const logger = recordingLogger();

    const result = await pruneOutbox(db, { retentionDays: 90, now, logger });
    expect(result).toMatchObject({ deleted: 2, watermark: 2 });
    expect(result.staleConsumers).toEqual([
      {
        name: 'search:meilisearch',
        cursor: 2,
        rowsHeldBack: 4,
        stalledSeconds: 60 * 86_400,
        leaseHeld: false,
      },
    ]);
    const warnings = logger.entries.filter((e) => e.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('stale consumer');
    expect(warnings[0]?.fields).toMatchObject({ name: 'search:meilisearch', rowsHeldBack: 4 });
    // Counts and names only: no lease owner (host names) and no row content.
    expect(Object.keys(warnings[0]?.fields ?? {}).sort()).toEqual(
      ['cursor', 'leaseHeld', 'name', 'rowsHeldBack', 'stalledSeconds', 'staleAfterHours'].sort(),
    );
  });

  it('forgets exactly one consumer, after which pruning passes its old cursor', async () => {
    await publishAged(...Array<number>(8).fill(100 * DAY_MS), 0);
    await addConsumer('search:meilisearch', 2, {
      progressAgoMs: 60 * DAY_MS,
      leaseOwner: 'api-1:42:abcd',
      leaseExpiresAt: iso(59 * DAY_MS), // crashed long ago: the lease expired
    });
    await addConsumer('revision-history', 9);
    await addDelivery('search:meilisearch', 3, 'retrying');
    await addDelivery('search:meilisearch', 4, 'dead');
    await addDelivery('search:meilisearch', 5, 'replaying');
    await addDelivery('revision-history', 6, 'dead');

    expect(await pruneOutbox(db, { retentionDays: 90, now })).toMatchObject({ deleted: 2 });

    // A dry run counts and removes nothing.
    const preview = await forgetConsumer(db, 'search:meilisearch', { dryRun: true, now });
    expect(preview).toEqual({
      consumer: 'search:meilisearch',
      dryRun: true,
      cursor: 2,
      lag: 7,
      deliveries: { retrying: 1, replaying: 1, dead: 1 },
    });
    expect(await consumerNames()).toEqual(['revision-history', 'search:meilisearch']);

    const removed = await forgetConsumer(db, 'search:meilisearch', { actor: 'cli:ops', now });
    expect(removed).toMatchObject({ dryRun: false, cursor: 2, lag: 7 });
    expect(await consumerNames()).toEqual(['revision-history']);
    expect(await deliveryKeys()).toEqual(['revision-history@6']);

    const audit = await db(AUDIT_TABLE).where({ action: 'outbox.forget-consumer' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'cli:ops',
      subject_type: 'outbox-consumer',
      subject_id: 'search:meilisearch',
    });
    expect(JSON.parse(String(audit[0].details))).toEqual({
      cursor: 2,
      lag: 7,
      retrying: 1,
      replaying: 1,
      dead: 1,
    });

    // Rows 3–8 were held only by the forgotten consumer (row 6 stays: a dead letter refers to it).
    const after = await pruneOutbox(db, { retentionDays: 90, now });
    expect(after).toMatchObject({ deleted: 5, watermark: 8, minConsumerCursor: 9 });
    const seqs = (await db(TABLES.outbox).select('seq').orderBy('seq')).map(
      (r: { seq: number | string }) => Number(r.seq),
    );
    expect(seqs).toEqual([6, 9]);

    await expect(forgetConsumer(db, 'search:meilisearch', { now })).rejects.toBeInstanceOf(
      ConsumerNotFoundError,
    );
  });

  it('refuses to forget a consumer whose lease is held, and changes nothing', async () => {
    await publishAged(0, 0);
    await addConsumer('webhooks', 0, {
      progressAgoMs: 40 * HOUR_MS,
      leaseOwner: 'cms-2:7:beef',
      leaseExpiresAt: new Date(NOW.getTime() + 20_000).toISOString(),
    });
    await addDelivery('webhooks', 1, 'retrying');

    for (const dryRun of [true, false]) {
      const refused = forgetConsumer(db, 'webhooks', { dryRun, actor: 'cli:ops', now });
      await expect(refused).rejects.toBeInstanceOf(ConsumerLeaseHeldError);
      await expect(refused).rejects.toMatchObject({
        code: 'OUTBOX_CONSUMER_RUNNING',
        details: { consumer: 'webhooks', leaseOwner: 'cms-2:7:beef' },
      });
    }
    expect(await consumerNames()).toEqual(['webhooks']);
    expect(await deliveryKeys()).toEqual(['webhooks@1']);
    expect(await db(AUDIT_TABLE).where({ action: 'outbox.forget-consumer' })).toHaveLength(0);

    // Once that lease has expired (the process died), it can go.
    const later = (): Date => new Date(NOW.getTime() + 21_000);
    await expect(forgetConsumer(db, 'webhooks', { now: later })).resolves.toMatchObject({
      deliveries: { retrying: 1, replaying: 0, dead: 0 },
    });
    expect(await consumerNames()).toEqual([]);
  });

  it('exposes stall, last progress and lease per consumer on /metrics, and drops a forgotten one', async () => {
    // Metrics read with the real clock: seq 1 was written 30 hours ago.
    const realNow = Date.now();
    await publishDocument(
      db,
      manyArticles(1)[0]!,
      {},
      { now: () => new Date(realNow - 30 * HOUR_MS) },
    );
    await db(TABLES.outboxConsumers).insert([
      { name: 'gone', cursor: 0, updated_at: new Date(realNow - 40 * HOUR_MS).toISOString() },
      {
        name: 'live',
        cursor: 1,
        updated_at: new Date(realNow - HOUR_MS).toISOString(),
        lease_owner: 'cms-1:1:aaaa',
        lease_expires_at: new Date(realNow + 60_000).toISOString(),
      },
    ]);
    const registry = new Registry();
    registerStoreMetrics(registry, db);
    const value = async (metric: string, consumer: string): Promise<number | undefined> => {
      const found = (await registry.getSingleMetric(metric)?.get())?.values.find(
        (v) => v.labels.consumer === consumer,
      );
      return found?.value;
    };

    const stalled = await value('kilde_outbox_stalled_seconds', 'gone');
    expect(stalled).toBeGreaterThanOrEqual(30 * 3600);
    expect(stalled).toBeLessThan(30 * 3600 + 60);
    expect(await value('kilde_outbox_stalled_seconds', 'live')).toBe(0);
    expect(await value('kilde_outbox_lease_held', 'gone')).toBe(0);
    expect(await value('kilde_outbox_lease_held', 'live')).toBe(1);
    expect(await value('kilde_outbox_last_progress_timestamp_seconds', 'live')).toBe(
      Math.floor((realNow - HOUR_MS) / 1000),
    );
    expect(await value('kilde_outbox_lease_expires_timestamp_seconds', 'gone')).toBe(0);
    expect(await value('kilde_outbox_lag_events', 'gone')).toBe(1);

    await forgetConsumer(db, 'gone');
    // The gauges share one database read per second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await value('kilde_outbox_lag_events', 'gone')).toBeUndefined();
    expect(await value('kilde_outbox_stalled_seconds', 'gone')).toBeUndefined();
    expect(await value('kilde_outbox_lease_held', 'live')).toBe(1);
  });

  it('refuses while a real dispatcher runs the consumer and allows it after a clean stop', async () => {
    await publishAged(0);
    const dispatcher = createOutboxDispatcher({
      knex: db,
      consumers: [recordingConsumer('webhooks')],
      logger: recordingLogger(),
      pollIntervalMs: 5,
    });
    dispatchers.push(dispatcher);
    dispatcher.start();
    expect(await dispatcher.drain(10_000)).toBe(true);
    await expect(forgetConsumer(db, 'webhooks')).rejects.toBeInstanceOf(ConsumerLeaseHeldError);
    expect((await outboxStatus(db)).consumers[0]?.leaseHeld).toBe(true);

    await dispatcher.stop();
    await expect(forgetConsumer(db, 'webhooks')).resolves.toMatchObject({ cursor: 1, lag: 0 });
    expect(await consumerNames()).toEqual([]);
  });
});
