import { existsSync, mkdirSync, unwatchFile, watchFile } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { TABLES } from '@kilde/migrations';
import { createOutboxDispatcher, outboxStatus, replayConsumer, type OutboxDispatcher } from '@kilde/store';
import { createEmbeddedSearchEngine, type EmbeddedSearchEngine } from '@kilde/search';
import { createSearchIndexConsumer } from './search-index-consumer';
import { searchDocumentsFromReadStore } from './read-store-documents';
import { readSnapshotMeta, writeSnapshotMeta } from './reindex';

export interface SearchRuntime {
  engine: EmbeddedSearchEngine;
  dispatcher: OutboxDispatcher;
  /** Swaps to a newer snapshot generation if one was written (also checked every second). */
  checkForNewSnapshot(): void;
  /** Saves a snapshot now (also done periodically and on close). */
  snapshot(): Promise<void>;
  close(): Promise<void>;
}

export interface SearchRuntimeOptions {
  knex: Knex;
  logger: Logger;
  /** Where the embedded index is kept between restarts; no snapshots when omitted. */
  snapshotPath?: string;
  consumerName?: string;
  snapshotIntervalMs?: number;
  pollIntervalMs?: number;
}


/**
 * Runs the embedded search engine inside the API process, fed by the outbox.
 * @remarks The index lives where queries arrive (the API), so this process runs its own outbox
 * dispatcher with one consumer. On start it loads the snapshot and replays the outbox from the
 * snapshot's last seq; without a snapshot it bulk-loads the read store and continues from the
 * outbox head it saw before reading, so nothing published meanwhile is missed. While the engine
 * is down (process stopped), publishes simply wait in the outbox.
 */
export async function startSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const { knex, logger, snapshotPath } = options;
  const name = options.consumerName ?? 'search-index';
  const meta = snapshotPath && existsSync(snapshotPath) ? readSnapshotMeta(snapshotPath) : undefined;
  let generation = meta?.generation ?? 0;
  const engine = await createEmbeddedSearchEngine({ snapshotPath: meta ? snapshotPath : undefined });

  let lastSeq = meta?.lastSeq ?? 0;
  const status = await outboxStatus(knex);
  const known = status.consumers.find((c) => c.name === name);
  if (!meta) {
    const head = status.headSeq;
    const started = Date.now();
    await engine.replaceAll(searchDocumentsFromReadStore(knex));
    lastSeq = head;
    const now = new Date().toISOString();
    await knex(TABLES.outboxConsumers)
      .insert({ name, cursor: head, updated_at: now })
      .onConflict('name')
      .merge({ cursor: head, updated_at: now });
    await knex(TABLES.outboxDeliveries).where({ consumer: name }).del();
    logger.info({ documents: (await engine.stats()).numberOfDocuments, ms: Date.now() - started }, 'search index built from the read store');
  } else if (known && known.cursor > lastSeq) {
    await replayConsumer(knex, name, { fromSeq: lastSeq + 1 });
  }

  let savedSeq = meta ? lastSeq : -1;
  const consumer = createSearchIndexConsumer(knex, engine, {
    name,
    onApplied: (seq) => {
      lastSeq = Math.max(lastSeq, seq);
    },
  });
  const dispatcher = createOutboxDispatcher({
    knex,
    consumers: [consumer],
    logger,
    pollIntervalMs: options.pollIntervalMs ?? 200,
  });
  dispatcher.start();

  async function snapshot(): Promise<void> {
    if (!snapshotPath || savedSeq === lastSeq) return;
    // Never overwrite a newer generation written by `kilde reindex`; swap to it instead.
    if ((readSnapshotMeta(snapshotPath)?.generation ?? 0) > generation) return onMetaChange();
    // The seq is read in the same tick the engine state is captured, so the snapshot holds at
    // least everything up to it; replaying from there on restart is idempotent.
    const seq = lastSeq;
    mkdirSync(dirname(snapshotPath), { recursive: true });
    await engine.saveSnapshot(snapshotPath);
    writeSnapshotMeta(snapshotPath, { lastSeq: seq, generation });
    savedSeq = seq;
  }

  // `npx kilde reindex` writes a new snapshot generation: swap to it and replay what came after.
  let swapping = false;
  function onMetaChange(): void {
    const next = snapshotPath ? readSnapshotMeta(snapshotPath) : undefined;
    if (!snapshotPath || !next || next.generation <= generation || swapping) return;
    swapping = true;
    (async () => {
      await engine.loadSnapshot(snapshotPath);
      generation = next.generation;
      lastSeq = next.lastSeq;
      savedSeq = next.lastSeq;
      await replayConsumer(knex, name, { fromSeq: next.lastSeq + 1 });
      dispatcher.wake();
      logger.info({ generation }, 'search index swapped to a rebuilt snapshot');
    })()
      .catch((err: unknown) => logger.error({ err }, 'search index swap failed'))
      .finally(() => {
        swapping = false;
      });
  }
  if (snapshotPath) watchFile(`${snapshotPath}.meta.json`, { interval: 1000 }, onMetaChange);

  const timer = setInterval(() => {
    snapshot().catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
  }, options.snapshotIntervalMs ?? 30_000);
  timer.unref();

  return {
    engine,
    dispatcher,
    snapshot,
    checkForNewSnapshot: onMetaChange,
    async close() {
      clearInterval(timer);
      if (snapshotPath) unwatchFile(`${snapshotPath}.meta.json`, onMetaChange);
      await dispatcher.stop();
      await snapshot().catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
      await engine.close();
    },
  };
}
