import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import {
  consumerCursor,
  headSeq,
  listDeliveries,
  pruneOutbox,
  publishDocument,
  rewindConsumer,
} from '@kilde/store';
import type { OutboxConsumer, OutboxDispatcher, OutboxDispatcherOptions } from '@kilde/store';
import {
  insertDeliveryState,
  recordingConsumer,
  trackedDispatchers,
  waitFor,
} from '../helpers/consumers';
import type { RecordingConsumer } from '../helpers/consumers';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { manyArticles } from '../helpers/fixtures';
import { recordingLogger } from '../helpers/logger';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => (): Date => new Date(Date.now() - days * DAY_MS);

/** A recording consumer with a `bootstrap` hook that runs `rebuild` and counts its calls. */
function bootstrapping(
  name: string,
  rebuild: (signal: AbortSignal, call: number) => Promise<number>,
): RecordingConsumer & { bootstraps: number; deliveredBeforeEachBootstrap: number[] } {
  const consumer = Object.assign(recordingConsumer(name), {
    bootstraps: 0,
    deliveredBeforeEachBootstrap: [] as number[],
    bootstrap(signal: AbortSignal): Promise<number> {
      consumer.bootstraps += 1;
      consumer.deliveredBeforeEachBootstrap.push(consumer.received.length);
      return rebuild(signal, consumer.bootstraps);
    },
  });
  return consumer;
}

describe.each(testDialects)(
  'outbox history gap (consumer registered after pruning) on %s',
  (dialect) => {
    let database: TestDatabase;
    let db: Knex;
    const tracked = trackedDispatchers(() => ({ knex: db, logger }));
    let logger: ReturnType<typeof recordingLogger>;

    beforeEach(async () => {
      ({ database, db } = await createMigratedDatabase(dialect));
      logger = recordingLogger();
      // Ten rows published 100 days ago, which a caught-up consumer has passed: pruning leaves only
      // the head (seq 10) and records "history starts after seq 9". Then two young rows, 11 and 12.
      for (const draft of manyArticles(10, 'old')) {
        await publishDocument(db, draft, {}, { now: daysAgo(100) });
      }
      await db(TABLES.outboxConsumers).insert({
        name: 'caught-up',
        cursor: 10,
        updated_at: new Date().toISOString(),
      });
      const pruned = await pruneOutbox(db, { retentionDays: 90 });
      expect(pruned).toMatchObject({ deleted: 9, watermark: 9, oldestRetainedSeq: 10 });
      for (const draft of manyArticles(2, 'young')) await publishDocument(db, draft);
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

    async function publishOne(prefix: string): Promise<void> {
      for (const draft of manyArticles(1, prefix)) await publishDocument(db, draft);
    }

    const messages = (pattern: RegExp) => logger.entries.filter((e) => pattern.test(e.message));

    it('bootstraps a consumer whose cursor lies below the watermark, then delivers only what follows', async () => {
      const consumer = bootstrapping('index', async () => {
        // Head first, then the state: a publish during the rebuild (seq 13) comes through the stream.
        const head = await headSeq(db);
        await publishOne('during');
        return head;
      });
      expect(await dispatcher([consumer]).drain(10_000)).toBe(true);

      expect(consumer.bootstraps).toBe(1);
      expect(consumer.deliveredBeforeEachBootstrap).toEqual([0]);
      // Not 10, 11, 12: the rebuild covers them (and rows 1–9 are gone).
      expect(consumer.received.map((e) => e.seq)).toEqual([13]);
      expect(await consumerCursor(db, 'index')).toBe(13);
      expect(messages(/bootstrapped$/)).toEqual([
        {
          level: 'info',
          message: 'outbox consumer bootstrapped',
          fields: { consumer: 'index', cursor: 0, watermark: 9, seq: 12 },
        },
      ]);
    });

    it('retries a failing bootstrap with backoff and delivers nothing until it succeeds', async () => {
      const consumer = bootstrapping('index', (_signal, call) =>
        call <= 2 ? Promise.reject(new Error('engine down')) : headSeq(db),
      );
      const running = dispatcher([consumer]);
      running.start();
      await waitFor(
        async () => (await consumerCursor(db, 'index')) === 12,
        10_000,
        'the bootstrap',
      );

      expect(consumer.bootstraps).toBe(3);
      expect(consumer.deliveredBeforeEachBootstrap).toEqual([0, 0, 0]);
      expect(consumer.received).toEqual([]);
      expect(messages(/bootstrap failed/).map((e) => [e.level, e.fields])).toEqual([
        ['warn', { consumer: 'index', err: 'Error: engine down' }],
        ['warn', { consumer: 'index', err: 'Error: engine down' }],
      ]);
      // The next publish arrives as usual.
      await publishOne('after');
      running.wake();
      await waitFor(() => consumer.received.length === 1, 5_000, 'the next publish');
      expect(consumer.received.map((e) => e.seq)).toEqual([13]);
    });

    it('refuses a covered seq that would leave part of the gap, and retries', async () => {
      const consumer = bootstrapping('index', (_signal, call) =>
        Promise.resolve(call === 1 ? 5 : 12),
      );
      expect(await dispatcher([consumer]).drain(10_000)).toBe(true);
      expect(consumer.bootstraps).toBe(2);
      expect(consumer.received).toEqual([]);
      expect(messages(/bootstrap failed/)[0]?.fields.err).toMatch(/seq 5, outside the watermark 9/);
    });

    it('moves the cursor only if nobody moved it meanwhile: an operator reindex wins', async () => {
      const consumer = bootstrapping('index', async () => {
        // As `npx kilde reindex` would, finishing while the bootstrap runs: its index covers 11.
        await rewindConsumer(db, 'index', 11, { closeGap: true });
        return 12;
      });
      expect(await dispatcher([consumer]).drain(10_000)).toBe(true);

      expect(consumer.bootstraps).toBe(1);
      // From the operator's cursor, not the bootstrap's.
      expect(consumer.received.map((e) => e.seq)).toEqual([12]);
      expect(messages(/cursor moved or its lease was lost/)).toHaveLength(1);
    });

    it('moves no cursor when the lease was lost during the bootstrap, and aborts its signal', async () => {
      let aborted = false;
      const consumer = bootstrapping('index', async (signal) => {
        // Another process takes the consumer over (this one stalled past its lease).
        await db(TABLES.outboxConsumers)
          .where({ name: 'index' })
          .update({
            lease_owner: 'thief',
            lease_expires_at: new Date(Date.now() + 60_000).toISOString(),
          });
        await waitFor(() => signal.aborted, 5_000, 'the abort');
        aborted = true;
        return headSeq(db);
      });
      expect(await dispatcher([consumer], { leaseMs: 150 }).drain(1_000)).toBe(false);

      expect(aborted).toBe(true);
      expect(await consumerCursor(db, 'index')).toBe(0);
      expect(consumer.received).toEqual([]);
    });

    it('stop() aborts a running bootstrap instead of waiting for it; the cursor stays', async () => {
      let started = false;
      const consumer = bootstrapping('index', (signal) => {
        started = true;
        return new Promise<number>((_, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        });
      });
      const running = dispatcher([consumer]);
      running.start();
      await waitFor(() => started, 5_000, 'the bootstrap');
      await running.stop();

      expect(await consumerCursor(db, 'index')).toBe(0);
      expect(messages(/bootstrap interrupted by stop/)).toHaveLength(1);
      expect(messages(/bootstrap failed/)).toEqual([]);
    });

    it('two dispatchers starting together bootstrap once', async () => {
      const calls: string[] = [];
      const consumerFor = (owner: string): OutboxConsumer => ({
        name: 'index',
        handle: () => Promise.resolve(),
        async bootstrap() {
          calls.push(owner);
          const head = await headSeq(db);
          await new Promise((resolve) => setTimeout(resolve, 100));
          return head;
        },
      });
      const one = dispatcher([consumerFor('one')], { owner: 'one' });
      const two = dispatcher([consumerFor('two')], {
        knex: await database.connect(),
        owner: 'two',
      });
      one.start();
      two.start();
      expect((await Promise.all([one.drain(10_000), two.drain(10_000)])).every(Boolean)).toBe(true);
      // The holder stops; the other takes the lease over, checks again and finds no gap.
      await one.stop();
      expect(await two.drain(10_000)).toBe(true);

      expect(calls).toHaveLength(1);
      expect(await consumerCursor(db, 'index')).toBe(12);
    });

    it('a consumer without the hook warns, naming cursor and watermark, and starts at the oldest row kept', async () => {
      const plain = recordingConsumer('webhooks-like');
      const first = dispatcher([plain]);
      expect(await first.drain(10_000)).toBe(true);
      expect(plain.received.map((e) => e.seq)).toEqual([10, 11, 12]);
      expect(messages(/starts after pruned history/).map((e) => [e.level, e.fields])).toEqual([
        ['warn', { consumer: 'webhooks-like', cursor: 0, watermark: 9 }],
      ]);

      // Once past the watermark there is no gap: a later lease acquisition says nothing.
      await first.stop();
      expect(await dispatcher([recordingConsumer('webhooks-like')]).drain(10_000)).toBe(true);
      expect(messages(/starts after pruned history/)).toHaveLength(1);
    });

    it("a 'latest' consumer registered after pruning has no gap: no bootstrap, no warning", async () => {
      const latest = Object.assign(recordingConsumer('partner', { startAt: 'latest' }), {
        bootstrap: () => Promise.reject(new Error('must not run')),
      });
      expect(await dispatcher([latest]).drain(10_000)).toBe(true);
      expect(await consumerCursor(db, 'partner')).toBe(12);
      expect(messages(/pruned history|bootstrap/)).toEqual([]);
    });

    it('rewindConsumer with closeGap moves a cursor out of pruned history, and only from there', async () => {
      await db(TABLES.outboxConsumers).insert([
        { name: 'gapped', cursor: 0, updated_at: new Date().toISOString() },
        { name: 'behind', cursor: 9, updated_at: new Date().toISOString() },
      ]);
      await insertDeliveryState(db, {
        consumer: 'gapped',
        seq: 10,
        status: 'retrying',
        at: new Date(),
      });
      await insertDeliveryState(db, {
        consumer: 'gapped',
        seq: 12,
        status: 'dead',
        at: new Date(),
      });

      expect(await rewindConsumer(db, 'gapped', 11)).toMatchObject({ previous: 0, cursor: 0 });
      expect(await rewindConsumer(db, 'gapped', 11, { closeGap: true })).toMatchObject({
        previous: 0,
        cursor: 11,
      });
      expect(await consumerCursor(db, 'gapped')).toBe(11);
      // Retry state the rebuild covers is gone; a dead letter after it stays replayable.
      expect(
        (await listDeliveries(db, { consumer: 'gapped' })).map((d) => [d.seq, d.status]),
      ).toEqual([[12, 'dead']]);
      // At the watermark (9) a cursor has seen all it needs: it replays from there, not skipped.
      expect(await rewindConsumer(db, 'behind', 11, { closeGap: true })).toMatchObject({
        previous: 9,
        cursor: 9,
      });
    });
  },
);
