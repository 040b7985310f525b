import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import {
  ConsumerNotFoundError,
  createRevisionHistoryConsumer,
  getRevision,
  listDeliveries,
  listRevisions,
  outboxStatus,
  publishDocument,
  replayConsumer,
  rewindConsumer,
  consumerCursor,
  tombstoneDocument,
} from '@kilde/store';
import type { OutboxConsumer, OutboxDispatcher, OutboxDispatcherOptions } from '@kilde/store';
import { gate, recordingConsumer, trackedDispatchers, waitFor } from '../helpers/consumers';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { articleDraft, manyArticles } from '../helpers/fixtures';
import { manualClock, recordingLogger } from '../helpers/logger';

describe.each(testDialects)('outbox dispatcher on %s', (dialect) => {
  let database: TestDatabase;
  let db: Knex;
  const tracked = trackedDispatchers(() => ({ knex: db, logger }));
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    ({ database, db } = await createMigratedDatabase(dialect));
    logger = recordingLogger();
  });

  afterEach(async () => {
    try {
      await tracked.stopAll();
    } finally {
      await database.cleanup();
    }
  });

  const dispatcher = (
    consumers: OutboxConsumer[],
    options: Partial<OutboxDispatcherOptions> = {},
  ): OutboxDispatcher => tracked.create(consumers, options);

  async function publishMany(count: number, prefix = 'art'): Promise<void> {
    for (const draft of manyArticles(count, prefix)) await publishDocument(db, draft);
  }

  async function revisionCount(): Promise<number> {
    const rows = await db(TABLES.revisions).count<{ n: number | string }[]>({ n: '*' });
    return Number(rows[0]?.n ?? 0);
  }

  it('delivers every event to every consumer in seq order and records history', async () => {
    await publishMany(4);
    await publishDocument(
      db,
      articleDraft({ id: 'art-001', slug: 'art-001', title: 'Ny tittel', translations: {} }),
    );
    await tombstoneDocument(
      db,
      { type: 'article', id: 'art-002', locale: 'nb' },
      { actor: 'editor-1' },
      'deleted',
    );

    const first = recordingConsumer('search-index');
    const second = recordingConsumer('webhooks');
    const d = dispatcher([first, second, createRevisionHistoryConsumer(db)]);
    expect(await d.drain(5000)).toBe(true);

    for (const consumer of [first, second]) {
      expect(consumer.received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const [upsert] = first.received;
    expect(upsert).toMatchObject({ op: 'upsert', event: 'published', id: 'art-000', version: 1 });
    expect(upsert?.document).toMatchObject({ id: 'art-000', title: 'Artikkel 000' });
    expect(first.received[4]).toMatchObject({ event: 'updated', id: 'art-001', version: 2 });
    expect(first.received[5]).toMatchObject({
      op: 'delete',
      event: 'deleted',
      id: 'art-002',
      version: 2,
      actor: 'editor-1',
    });
    expect(first.received[5]?.document).toBeUndefined();
    expect(first.received[5]).toHaveProperty('deletedAt');

    const status = await outboxStatus(db);
    expect(status.headSeq).toBe(6);
    for (const consumer of status.consumers) {
      expect(consumer).toMatchObject({
        cursor: 6,
        lag: 0,
        oldestUndeliveredAgeSeconds: null,
        dead: 0,
      });
    }

    expect(await listRevisions(db, { id: 'art-001', locale: 'nb' })).toEqual([
      expect.objectContaining({ version: 2, event: 'updated', op: 'upsert' }),
      expect.objectContaining({ version: 1, event: 'published' }),
    ]);
    expect(await listRevisions(db, { id: 'art-002', locale: 'nb' })).toEqual([
      expect.objectContaining({
        version: 2,
        event: 'deleted',
        op: 'delete',
        contentHash: null,
        actor: 'editor-1',
      }),
      expect.objectContaining({ version: 1, event: 'published' }),
    ]);
    const v1 = await getRevision(db, { id: 'art-001', locale: 'nb', version: 1 });
    expect(v1?.json).toBe(first.received[1]?.payload);
    expect(await getRevision(db, { id: 'art-001', locale: 'nb', version: 9 })).toBeNull();
  });

  it('retries a failing consumer with exponential backoff, then dead-letters it and moves on', async () => {
    await publishMany(2);
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    const flaky = recordingConsumer('flaky', { failWhen: (e) => e.seq === 1 });
    const healthy = recordingConsumer('healthy');
    const d = dispatcher([flaky, healthy], {
      now: clock.now,
      backoff: { baseMs: 1000, factor: 2, maxMs: 60_000, maxAttempts: 3, jitter: 0 },
    });

    expect(await d.drain(60)).toBe(false);
    // The healthy consumer is not held back by the failing one.
    expect(healthy.received.map((e) => e.seq)).toEqual([1, 2]);
    expect(flaky.calls).toEqual([[1, 'failed']]);
    expect(await listDeliveries(db, { consumer: 'flaky' })).toEqual([
      expect.objectContaining({
        seq: 1,
        status: 'retrying',
        attempts: 1,
        nextAttemptAt: '2026-03-01T12:00:01.000Z',
        lastError: 'Error: search engine down',
      }),
    ]);

    // Not due yet: nothing is retried however often the dispatcher looks.
    expect(await d.drain(30)).toBe(false);
    expect(flaky.calls).toHaveLength(1);

    clock.advance(1000);
    expect(await d.drain(30)).toBe(false);
    expect(flaky.calls).toHaveLength(2);
    expect((await listDeliveries(db, { consumer: 'flaky' }))[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: '2026-03-01T12:00:03.000Z', // 2 s after the second attempt
    });

    clock.advance(1999);
    expect(await d.drain(30)).toBe(false);
    expect(flaky.calls).toHaveLength(2);

    clock.advance(1);
    // Third failure: dead-lettered, the cursor moves on, seq 2 is delivered.
    expect(await d.drain(2000)).toBe(true);
    expect(flaky.calls).toEqual([
      [1, 'failed'],
      [1, 'failed'],
      [1, 'failed'],
      [2, 'ok'],
    ]);
    const status = (await outboxStatus(db, { now: clock.now })).consumers.find(
      (c) => c.name === 'flaky',
    );
    expect(status).toMatchObject({
      cursor: 2,
      lag: 0,
      retrying: 0,
      dead: 1,
      lastError: 'Error: search engine down',
    });
    expect(await listDeliveries(db, { consumer: 'flaky', status: 'dead' })).toEqual([
      expect.objectContaining({ seq: 1, attempts: 3, nextAttemptAt: null }),
    ]);

    const warnings = logger.entries.filter(
      (e) => e.message === 'outbox delivery failed; will retry',
    );
    const deadLetters = logger.entries.filter((e) => e.message === 'outbox event dead-lettered');
    expect(warnings).toHaveLength(2);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]?.fields).toMatchObject({
      consumer: 'flaky',
      seq: 1,
      id: 'art-000',
      attempts: 3,
    });
    // Logs carry ids, never document text.
    expect(JSON.stringify(logger.entries)).not.toContain('Artikkel 000');
  });

  it('never dead-letters a failure the consumer calls transient; it arrives once the outage ends', async () => {
    await publishMany(2);
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    const outage = new Error('engine unreachable');
    let down = true;
    const received: number[] = [];
    const calls: number[] = [];
    const consumer: OutboxConsumer = {
      name: 'search:test',
      isTransient: (err) => err === outage,
      handle(event) {
        calls.push(event.seq);
        if (down) return Promise.reject(outage);
        received.push(event.seq);
        return Promise.resolve();
      },
    };
    const d = dispatcher([consumer], {
      now: clock.now,
      backoff: { baseMs: 1000, factor: 2, maxMs: 4000, maxAttempts: 2, jitter: 0 },
    });
    // Far more attempts than maxAttempts: still retrying, nothing skipped, seq 2 waits behind 1.
    for (let i = 0; i < 6; i += 1) {
      await d.drain(30);
      clock.advance(4000);
    }
    expect(calls.length).toBeGreaterThanOrEqual(6);
    expect(new Set(calls)).toEqual(new Set([1]));
    expect(await listDeliveries(db, { consumer: 'search:test' })).toEqual([
      expect.objectContaining({ seq: 1, status: 'retrying', attempts: calls.length }),
    ]);
    expect(await listDeliveries(db, { consumer: 'search:test', status: 'dead' })).toEqual([]);

    down = false;
    clock.advance(4000);
    expect(await d.drain(2000)).toBe(true);
    expect(received).toEqual([1, 2]);
    expect((await outboxStatus(db)).consumers[0]).toMatchObject({
      cursor: 2,
      dead: 0,
      retrying: 0,
    });

    // A failure it does not call transient still counts toward maxAttempts.
    await publishMany(1, 'bad');
    consumer.handle = () => Promise.reject(new Error('document refused'));
    expect(await d.drain(30)).toBe(false);
    clock.advance(4000);
    expect(await d.drain(2000)).toBe(true);
    expect(await listDeliveries(db, { consumer: 'search:test', status: 'dead' })).toEqual([
      expect.objectContaining({ seq: 3, attempts: 2 }),
    ]);
  });

  it('reports lag and the age of the oldest undelivered event while a consumer is stuck', async () => {
    const clock = manualClock('2026-03-01T12:00:00.000Z');
    for (const draft of manyArticles(3)) await publishDocument(db, draft, {}, clock);
    const stuck = recordingConsumer('stuck', { failWhen: () => true });
    const d = dispatcher([stuck], { now: clock.now, backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await d.drain(30);
    clock.advance(90_000);
    const [status] = (await outboxStatus(db, { now: clock.now })).consumers;
    expect(status).toMatchObject({
      name: 'stuck',
      cursor: 0,
      headSeq: 3,
      lag: 3,
      oldestUndeliveredAgeSeconds: 90,
      retrying: 1,
      dead: 0,
    });
  });

  it('replays dead-lettered events once the fault is gone, without duplicating history', async () => {
    await publishMany(3);
    const flaky = recordingConsumer('flaky', { failWhen: (e) => e.seq === 2 });
    const history = createRevisionHistoryConsumer(db);
    const d = dispatcher([flaky, history], { backoff: { maxAttempts: 1 } });
    expect(await d.drain(2000)).toBe(true);
    expect(flaky.received.map((e) => e.seq)).toEqual([1, 3]);
    expect(await revisionCount()).toBe(3);

    flaky.failWhen = () => false;
    expect(await replayConsumer(db, 'flaky', { dead: true })).toEqual({
      consumer: 'flaky',
      mode: 'dead',
      rows: 1,
    });
    expect(await d.drain(2000)).toBe(true);
    expect(flaky.received.map((e) => e.seq)).toEqual([1, 3, 2]);
    expect(await listDeliveries(db, { consumer: 'flaky' })).toEqual([]);
    expect((await outboxStatus(db)).consumers.find((c) => c.name === 'flaky')).toMatchObject({
      dead: 0,
      replaying: 0,
      cursor: 3,
    });

    // Replaying history from the start redelivers everything; the inserts are no-ops.
    expect(await replayConsumer(db, 'revision-history', { fromSeq: 1 })).toMatchObject({
      mode: 'fromSeq',
      cursor: 0,
    });
    expect(await d.drain(2000)).toBe(true);
    expect(await revisionCount()).toBe(3);
    expect(
      (await outboxStatus(db)).consumers.find((c) => c.name === 'revision-history'),
    ).toMatchObject({
      cursor: 3,
    });

    await expect(replayConsumer(db, 'nobody', { dead: true })).rejects.toBeInstanceOf(
      ConsumerNotFoundError,
    );
    await expect(replayConsumer(db, 'flaky', { fromSeq: 0 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('replays from a seq: the consumer receives those events again, in order', async () => {
    await publishMany(4);
    const consumer = recordingConsumer('search-index');
    const d = dispatcher([consumer]);
    await d.drain(2000);
    await replayConsumer(db, 'search-index', { fromSeq: 3 });
    await d.drain(2000);
    expect(consumer.received.map((e) => e.seq)).toEqual([1, 2, 3, 4, 3, 4]);
  });

  it('rewinds a consumer for a rebuild: creates it at the seq, only ever moves it back', async () => {
    await publishMany(5);
    // Never ran: created at the rebuild's seq, so it starts after what the rebuild read.
    expect(await rewindConsumer(db, 'search:test', 3)).toEqual({
      consumer: 'search:test',
      previous: null,
      cursor: 3,
    });
    expect(await consumerCursor(db, 'search:test')).toBe(3);
    const consumer = recordingConsumer('search:test', { failWhen: (e) => e.seq === 5 });
    const d = dispatcher([consumer], { backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await d.drain(50);
    expect(consumer.received.map((e) => e.seq)).toEqual([4]);
    expect(await listDeliveries(db, { consumer: 'search:test' })).toEqual([
      expect.objectContaining({ seq: 5, status: 'retrying' }),
    ]);

    // Ahead of the rebuild: moved back, retry state after it dropped, the events come again.
    expect(await rewindConsumer(db, 'search:test', 2)).toEqual({
      consumer: 'search:test',
      previous: 4,
      cursor: 2,
    });
    expect(await listDeliveries(db, { consumer: 'search:test' })).toEqual([]);
    // Behind it: left alone.
    expect(await rewindConsumer(db, 'search:test', 4)).toMatchObject({ previous: 2, cursor: 2 });
    consumer.failWhen = () => false;
    expect(await d.drain(2000)).toBe(true);
    expect(consumer.received.map((e) => e.seq)).toEqual([4, 3, 4, 5]);
    await expect(rewindConsumer(db, 'search:test', -1)).rejects.toBeInstanceOf(ValidationError);
  });

  it('lets two dispatchers share a database and deliver each event exactly once per consumer', async () => {
    await publishMany(40);
    const delivered = new Map<string, number[]>();
    const inFlight = new Map<string, number>();
    let maxInFlight = 0;
    const consumersFor = (): OutboxConsumer[] =>
      ['search-index', 'webhooks', 'revision-history'].map((name) => ({
        name,
        async handle(event) {
          inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
          maxInFlight = Math.max(maxInFlight, inFlight.get(name) ?? 0);
          // Yield so both dispatchers get the chance to interleave.
          await new Promise((resolve) => setImmediate(resolve));
          delivered.set(name, [...(delivered.get(name) ?? []), event.seq]);
          inFlight.set(name, (inFlight.get(name) ?? 1) - 1);
        },
      }));
    const otherDb = await database.connect();
    const one = dispatcher(consumersFor(), { owner: 'one' });
    const two = dispatcher(consumersFor(), { knex: otherDb, owner: 'two' });

    one.start();
    two.start();
    if (dialect === 'postgresql') {
      // Publishing while both run. (On SQLite a second connection in the same process would
      // block the event loop waiting for the write lock; there one process owns the file.)
      await publishMany(10, 'more');
      one.wake();
    }
    const total = dialect === 'postgresql' ? 50 : 40;
    expect((await Promise.all([one.drain(10_000), two.drain(10_000)])).every(Boolean)).toBe(true);

    await one.stop();
    // With `one` gone (and its leases released) `two` takes over at once.
    if (dialect === 'postgresql') await publishMany(5, 'late');
    const expected = dialect === 'postgresql' ? total + 5 : total;
    expect(await two.drain(10_000)).toBe(true);

    for (const name of ['search-index', 'webhooks', 'revision-history']) {
      const seqs = delivered.get(name) ?? [];
      expect(seqs).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    }
    // Never two deliveries to the same consumer at once, across both dispatchers.
    expect(maxInFlight).toBe(1);
  });

  it('takes over a consumer whose owner died once its lease expires', async () => {
    await publishMany(1);
    const clock = manualClock();
    const crashed = dispatcher([recordingConsumer('search-index')], {
      owner: 'crashed',
      now: clock.now,
      leaseMs: 30_000,
    });
    await crashed.drain(1000); // holds the lease, then "dies" without stop()
    await publishMany(1, 'after');

    const survivor = recordingConsumer('search-index');
    const next = dispatcher([survivor], { owner: 'survivor', now: clock.now, leaseMs: 30_000 });
    expect(await next.drain(40)).toBe(false);
    expect(survivor.received).toEqual([]);

    clock.advance(30_001);
    expect(await next.drain(2000)).toBe(true);
    expect(survivor.received.map((e) => e.seq)).toEqual([2]);
    expect((await outboxStatus(db)).consumers[0]).toMatchObject({ leaseOwner: 'survivor' });
  });

  it('keeps delivering to other consumers while one is slow', async () => {
    await publishMany(5);
    const held = gate();
    const slow: OutboxConsumer = { name: 'slow-webhook', handle: () => held.promise };
    const fast = recordingConsumer('search-index');
    const d = dispatcher([slow, fast]);
    d.start();
    try {
      await waitFor(() => fast.received.length === 5, 5000, 'the fast consumer');
      const status = await outboxStatus(db);
      expect(status.consumers.find((c) => c.name === 'slow-webhook')).toMatchObject({ cursor: 0 });
    } finally {
      held.open();
    }
  });

  it('stop() waits for the in-flight delivery, then delivers nothing more and frees the lease', async () => {
    await publishMany(3);
    const held = gate();
    const handled: number[] = [];
    let entered = false;
    const consumer: OutboxConsumer = {
      name: 'search-index',
      async handle(event) {
        entered = true;
        await held.promise;
        handled.push(event.seq);
      },
    };
    const d = dispatcher([consumer]);
    d.start();
    await waitFor(() => entered, 5000, 'the first delivery');

    let stopped = false;
    const stopping = d.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    held.open();
    await stopping;

    expect(handled).toEqual([1]);
    const [status] = (await outboxStatus(db)).consumers;
    expect(status).toMatchObject({ cursor: 1, leaseOwner: null });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(handled).toEqual([1]);
  });

  it('wake() delivers at once even with a long poll interval', async () => {
    const consumer = recordingConsumer('search-index');
    const d = dispatcher([consumer], { pollIntervalMs: 60_000 });
    d.start();
    await waitFor(
      async () => (await outboxStatus(db)).consumers.length === 1,
      5000,
      'registration',
    );
    await publishMany(1);
    d.wake();
    await waitFor(() => consumer.received.length === 1, 2000, 'the woken delivery');
  });

  it('counts a handler that hangs past handlerTimeoutMs as failed', async () => {
    await publishMany(1);
    const never: OutboxConsumer = {
      name: 'hangs',
      handle: () => new Promise<void>(() => undefined),
    };
    const d = dispatcher([never], { handlerTimeoutMs: 20, backoff: { maxAttempts: 1 } });
    expect(await d.drain(2000)).toBe(true);
    expect(await listDeliveries(db, { consumer: 'hangs' })).toEqual([
      expect.objectContaining({
        status: 'dead',
        lastError: 'Error: handler timed out after 20 ms',
      }),
    ]);
  });

  it("starts a 'latest' consumer after the existing history", async () => {
    await publishMany(3);
    const webhook = recordingConsumer('partner-webhook', { startAt: 'latest' });
    const d = dispatcher([webhook]);
    expect(await d.drain(2000)).toBe(true);
    await publishMany(1, 'new');
    expect(await d.drain(2000)).toBe(true);
    expect(webhook.received.map((e) => e.id)).toEqual(['new-000']);
  });

  it('rejects duplicate consumer names', () => {
    expect(() => dispatcher([recordingConsumer('x'), recordingConsumer('x')])).toThrow(
      ValidationError,
    );
  });
});
