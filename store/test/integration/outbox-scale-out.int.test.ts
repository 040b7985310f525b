import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { listDeliveries, outboxStatus, publishDocument } from '@kilde/store';
import type { OutboxConsumer, OutboxDispatcher, OutboxDispatcherOptions } from '@kilde/store';
import { gate, recordingConsumer, trackedDispatchers, waitFor } from '../helpers/consumers';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { manyArticles } from '../helpers/fixtures';
import { manualClock, recordingLogger } from '../helpers/logger';

// Several dispatcher processes on one database: the lease decides who delivers, and every state
// change a dispatcher makes is fenced by it, so one that lost its lease cannot write anymore.
describe.each(testDialects)('outbox dispatchers scaled out on %s', (dialect) => {
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

  /** A second "process": its own knex pool on PostgreSQL (on SQLite one process owns the file). */
  async function otherConnection(): Promise<Knex> {
    return dialect === 'postgresql' ? database.connect() : db;
  }

  const dispatcher = (
    knex: Knex,
    consumers: OutboxConsumer[],
    options: Partial<OutboxDispatcherOptions> = {},
  ): OutboxDispatcher => tracked.create(consumers, { knex, ...options });

  async function publishMany(count: number, prefix = 'art'): Promise<void> {
    for (const draft of manyArticles(count, prefix)) await publishDocument(db, draft);
  }

  it('a dispatcher whose lease was taken over mid-delivery writes no delivery state afterwards', async () => {
    await publishMany(3);
    // Two clocks: the stalled owner's and the one of the process that takes over.
    const stalledClock = manualClock();
    const nextClock = manualClock();
    const held = gate();
    let heldCalls = 0;
    const stalled: OutboxConsumer = {
      name: 'webhooks',
      async handle(event) {
        if (event.seq !== 1) return;
        heldCalls += 1;
        await held.promise;
        // The receiver failed after all: a live owner would record a retry.
        throw new Error('receiver answered 502');
      },
    };
    const first = dispatcher(db, [stalled], {
      owner: 'stalled',
      now: stalledClock.now,
      leaseMs: 30_000,
    });
    first.start();
    await waitFor(() => heldCalls === 1, 5000, 'the first delivery to start');

    // The owner stalls past its lease; another process takes the consumer over and delivers.
    nextClock.advance(60_000);
    const survivor = recordingConsumer('webhooks');
    const next = dispatcher(await otherConnection(), [survivor], {
      owner: 'next',
      now: nextClock.now,
      leaseMs: 30_000,
    });
    expect(await next.drain(5000)).toBe(true);
    expect(survivor.received.map((e) => e.seq)).toEqual([1, 2, 3]);

    // Now the stalled handler returns with a failure. Its owner lost the lease: the failure must
    // not be recorded (it would show a phantom retry for an event already delivered) and the
    // owner must not go on delivering.
    held.open();
    await first.stop();
    expect(await listDeliveries(db, { consumer: 'webhooks' })).toEqual([]);
    const [status] = (await outboxStatus(db)).consumers;
    expect(status).toMatchObject({ cursor: 3, retrying: 0, dead: 0, leaseOwner: 'next' });
    expect(heldCalls).toBe(1);
    expect(await next.drain(1000)).toBe(true);
  });

  it('a stale owner cannot dead-letter and skip an event another process already owns', async () => {
    await publishMany(2);
    const stalledClock = manualClock();
    const nextClock = manualClock();
    const held = gate();
    let calls = 0;
    const first = dispatcher(
      db,
      [
        {
          name: 'search-index',
          async handle() {
            calls += 1;
            await held.promise;
            throw new Error('engine down');
          },
        },
      ],
      // One attempt only: the failure would dead-letter the event and move the cursor past it.
      { owner: 'stalled', now: stalledClock.now, leaseMs: 30_000, backoff: { maxAttempts: 1 } },
    );
    first.start();
    await waitFor(() => calls === 1, 5000, 'the first delivery to start');

    // Someone else takes over but is itself held, so the cursor is still 0 when the stale owner
    // finishes: only the lease tells them apart.
    nextClock.advance(60_000);
    const nextHeld = gate();
    const received: number[] = [];
    const next = dispatcher(
      await otherConnection(),
      [
        {
          name: 'search-index',
          async handle(event) {
            await nextHeld.promise;
            received.push(event.seq);
          },
        },
      ],
      { owner: 'next', now: nextClock.now, leaseMs: 30_000 },
    );
    next.start();
    await waitFor(
      async () => (await outboxStatus(db)).consumers[0]?.leaseOwner === 'next',
      5000,
      'the takeover',
    );
    held.open();
    await first.stop();
    expect(await listDeliveries(db, { consumer: 'search-index' })).toEqual([]);
    expect((await outboxStatus(db)).consumers[0]).toMatchObject({ cursor: 0, dead: 0 });

    nextHeld.open();
    expect(await next.drain(5000)).toBe(true);
    expect(received).toEqual([1, 2]);
  });

  it('three dispatchers share 600 events: each delivered exactly once per consumer, in order', async () => {
    const names = ['search-index', 'webhooks', 'revision-mirror'];
    const delivered = new Map<string, number[]>(names.map((n) => [n, []]));
    const inFlight = new Map<string, number>();
    let maxInFlight = 0;
    const consumersFor = (): OutboxConsumer[] =>
      names.map((name) => ({
        name,
        async handle(event) {
          inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
          maxInFlight = Math.max(maxInFlight, inFlight.get(name) ?? 0);
          await new Promise((resolve) => setImmediate(resolve));
          delivered.get(name)?.push(event.seq);
          inFlight.set(name, (inFlight.get(name) ?? 1) - 1);
        },
      }));
    const runners: OutboxDispatcher[] = [];
    for (const owner of ['a', 'b', 'c']) {
      runners.push(dispatcher(await otherConnection(), consumersFor(), { owner, batchSize: 25 }));
    }
    const phases: Record<string, number> = {};
    const timed = async (phase: string, step: () => Promise<unknown>): Promise<void> => {
      const started = Date.now();
      await step();
      phases[phase] = Date.now() - started;
    };
    for (const runner of runners) runner.start();
    await timed('publish first 300', () => publishMany(300, 'first'));
    // One dispatcher leaves and comes back while events keep arriving.
    await timed('stop one dispatcher', async () => runners[0]?.stop());
    await timed('publish second 300', () => publishMany(300, 'second'));
    runners[0]?.start();
    let drained: boolean[] = [];
    await timed('drain', async () => {
      drained = await Promise.all(runners.map((r) => r.drain(60_000)));
    });
    if (!drained.every(Boolean)) {
      // Say where the time went and what the dispatchers complained about.
      const complaints = logger.entries.filter((e) => e.level === 'warn' || e.level === 'error');
      throw new Error(
        `not drained: ${JSON.stringify({ phases, complaints: complaints.slice(0, 20) }, null, 1)}`,
      );
    }

    const expected = Array.from({ length: 600 }, (_, i) => i + 1);
    for (const name of names) expect(delivered.get(name)).toEqual(expected);
    expect(maxInFlight).toBe(1);
  }, 120_000); // covers the 60 s drain budget, so a slow drain reports itself instead of timing out

  if (dialect === 'postgresql') {
    it('does not queue behind a consumer row another process has locked (SKIP LOCKED)', async () => {
      await publishMany(2);
      const consumer = recordingConsumer('search-index');
      const d = dispatcher(db, [consumer], { owner: 'one' });
      expect(await d.drain(5000)).toBe(true);
      await d.stop();
      await publishMany(1, 'late');

      // Another dispatcher is in the middle of a state change on this consumer: its row is locked.
      const other = await database.connect();
      const trx = await other.transaction();
      try {
        await trx(TABLES.outboxConsumers).where({ name: 'search-index' }).forUpdate().first();
        const started = Date.now();
        expect(await d.drain(300)).toBe(false);
        // The round skipped the locked consumer instead of waiting for the lock.
        expect(Date.now() - started).toBeLessThan(3000);
        expect(consumer.received.map((e) => e.seq)).toEqual([1, 2]);
      } finally {
        await trx.commit();
      }
      expect(await d.drain(5000)).toBe(true);
      expect(consumer.received.map((e) => e.seq)).toEqual([1, 2, 3]);
    });
  }
});
