import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { ValidationError } from '@kilde/schemas';
import {
  CursorExpiredError,
  headSeq,
  listChanges,
  outboxStatus,
  outboxWatermark,
  pruneOutbox,
  publishDocument,
  replayConsumer,
} from '@kilde/store';
import { insertDeliveryState } from '../helpers/consumers';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { manyArticles } from '../helpers/fixtures';
import { recordingLogger } from '../helpers/logger';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const at = (daysAgo: number) => (): Date => new Date(NOW.getTime() - daysAgo * DAY_MS);
const now = (): Date => NOW;

describe.each(testDialects)('outbox retention on %s', (dialect) => {
  let database: TestDatabase;
  let db: Knex;

  beforeEach(async () => {
    ({ database, db } = await createMigratedDatabase(dialect));
  });

  afterEach(async () => {
    await database.cleanup();
  });

  /** Publishes `old` rows 100 days ago and `young` rows a day ago: seqs 1..old+young. */
  async function seedOutbox(old: number, young: number): Promise<void> {
    const drafts = manyArticles(old + young);
    for (const [i, draft] of drafts.entries()) {
      await publishDocument(db, draft, {}, { now: at(i < old ? 100 : 1) });
    }
  }

  async function setCursor(name: string, cursor: number): Promise<void> {
    await db(TABLES.outboxConsumers)
      .insert({ name, cursor, updated_at: NOW.toISOString() })
      .onConflict('name')
      .merge(['cursor']);
  }

  const addDelivery = (consumer: string, seq: number, status: 'retrying' | 'dead' | 'replaying') =>
    insertDeliveryState(db, { consumer, seq, status, at: NOW });

  async function storedSeqs(): Promise<number[]> {
    const rows = await db(TABLES.outbox).select('seq').orderBy('seq');
    return rows.map((r: { seq: number | string }) => Number(r.seq));
  }

  const range = (from: number, to: number): number[] =>
    Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('keeps what the slowest consumer still needs and young rows, deletes the rest', async () => {
    await seedOutbox(10, 3);
    await setCursor('fast', 13);
    await setCursor('slow', 5);

    const first = await pruneOutbox(db, { retentionDays: 90, now });
    expect(first).toMatchObject({
      deleted: 5,
      watermark: 5,
      oldestRetainedSeq: 6,
      minConsumerCursor: 5,
    });
    expect(await storedSeqs()).toEqual(range(6, 13));

    // The slow consumer catches up: the old rest goes, the three young rows stay.
    await setCursor('slow', 13);
    const second = await pruneOutbox(db, { retentionDays: 90, now });
    expect(second).toMatchObject({ deleted: 5, watermark: 10, oldestRetainedSeq: 11 });
    expect(await storedSeqs()).toEqual(range(11, 13));
    expect(await outboxWatermark(db)).toBe(10);
  });

  it('keeps rows that retrying, replaying or dead deliveries refer to', async () => {
    await seedOutbox(10, 3);
    await setCursor('fast', 13);
    await setCursor('slow', 13);
    await addDelivery('fast', 2, 'dead');
    await addDelivery('slow', 4, 'replaying');
    await addDelivery('fast', 7, 'retrying');

    const result = await pruneOutbox(db, { retentionDays: 90, now });
    expect(result).toMatchObject({ deleted: 7, watermark: 10, oldestRetainedSeq: 2 });
    expect(await storedSeqs()).toEqual([2, 4, 7, 11, 12, 13]);
  });

  it('never deletes the newest row, so the head seq keeps its meaning', async () => {
    await seedOutbox(6, 0);
    await setCursor('only', 6);
    const result = await pruneOutbox(db, { retentionDays: 90, now });
    expect(result).toMatchObject({ deleted: 5, watermark: 5, oldestRetainedSeq: 6 });
    expect(await headSeq(db)).toBe(6);
  });

  it('prunes nothing before any consumer has run', async () => {
    await seedOutbox(4, 0);
    const result = await pruneOutbox(db, { retentionDays: 90, now });
    expect(result).toMatchObject({ deleted: 0, watermark: 0, minConsumerCursor: null });
    expect(await storedSeqs()).toEqual(range(1, 4));
  });

  it('deletes in batches, moves the watermark with each, and is idempotent; a dry run deletes nothing', async () => {
    await seedOutbox(10, 2);
    await setCursor('only', 12);
    const logger = recordingLogger();

    const dry = await pruneOutbox(db, { retentionDays: 90, now, dryRun: true, logger });
    expect(dry).toMatchObject({ dryRun: true, deleted: 0, wouldDelete: 10, watermark: 0 });
    expect(await storedSeqs()).toEqual(range(1, 12));

    const run = await pruneOutbox(db, { retentionDays: 90, now, batchSize: 3, logger });
    expect(run).toMatchObject({ deleted: 10, batches: 4, watermark: 10, oldestRetainedSeq: 11 });
    const again = await pruneOutbox(db, { retentionDays: 90, now, batchSize: 3, logger });
    expect(again).toMatchObject({ deleted: 0, watermark: 10, oldestRetainedSeq: 11 });
    expect(await storedSeqs()).toEqual([11, 12]);

    // Counts and sequence numbers only: no payload, actor or document field reaches the log.
    const logged = JSON.stringify(logger.entries);
    expect(logged).toContain('"deleted":10');
    expect(logged).not.toMatch(/Artikkel|art-0/);

    const status = await outboxStatus(db, { now });
    expect(status).toMatchObject({ headSeq: 12, watermark: 10, oldestRetainedSeq: 11 });
  });

  it('concurrent prunes (two connections on PostgreSQL) delete each row once and agree on the watermark', async () => {
    await seedOutbox(40, 1);
    await setCursor('only', 41);
    // A second "process": its own pool on PostgreSQL (on SQLite one process owns the file, and
    // its single connection interleaves the runs' transactions).
    const other = dialect === 'postgresql' ? await database.connect() : db;
    const results = await Promise.all([
      pruneOutbox(db, { retentionDays: 90, now, batchSize: 4 }),
      pruneOutbox(other, { retentionDays: 90, now, batchSize: 4 }),
      pruneOutbox(db, { retentionDays: 90, now, batchSize: 4 }),
    ]);
    // A run that found its batch taken by another ends early; the others carry on.
    const deleted = results.reduce((sum, r) => sum + r.deleted, 0);
    const leftover = await pruneOutbox(db, { retentionDays: 90, now, batchSize: 4 });
    expect(deleted + leftover.deleted).toBe(40);
    expect(await storedSeqs()).toEqual([41]);
    expect(await outboxWatermark(db)).toBe(40);
  }, 60_000);

  it('listChanges refuses a position below the watermark and serves one at or after it', async () => {
    await seedOutbox(10, 3);
    await setCursor('only', 13);
    await addDelivery('only', 3, 'dead');
    await pruneOutbox(db, { retentionDays: 90, now });

    for (const afterSeq of [0, 2, 9]) {
      const err: unknown = await listChanges(db, { afterSeq, limit: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CursorExpiredError);
      expect(err).toMatchObject({ code: 'CURSOR_EXPIRED', status: 410, watermark: 10 });
    }
    const page = await listChanges(db, { afterSeq: 10, limit: 100 });
    expect(page.changes.map((c) => c.seq)).toEqual([11, 12, 13]);
    const later = await listChanges(db, { afterSeq: 12, limit: 100 });
    expect(later.changes.map((c) => c.seq)).toEqual([13]);
  });

  it('refuses to replay a consumer from pruned history', async () => {
    await seedOutbox(6, 1);
    await setCursor('only', 7);
    await pruneOutbox(db, { retentionDays: 90, now });
    await expect(replayConsumer(db, 'only', { fromSeq: 3 })).rejects.toBeInstanceOf(
      CursorExpiredError,
    );
    await expect(replayConsumer(db, 'only', { fromSeq: 7 })).resolves.toMatchObject({ cursor: 6 });
  });

  it('refuses a retention shorter than a day', async () => {
    await expect(pruneOutbox(db, { retentionDays: 0, now })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
