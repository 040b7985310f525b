import { existsSync, mkdirSync, unwatchFile, watchFile } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { CursorExpiredError, listChanges, outboxStatus } from '@kilde/store';
import { createEmbeddedSearchEngine, type EmbeddedSearchEngine } from '@kilde/search';
import { applyChange } from './search-index-consumer';
import { searchDocumentsFromReadStore } from './read-store-documents';
import { readSnapshotMeta, writeSnapshotMeta } from './reindex';

export interface SearchRuntime {
  engine: EmbeddedSearchEngine;
  /** Outbox seq the index is complete up to. */
  readonly lastSeq: number;
  /** Applies everything in the outbox now (tests, benchmarks). */
  catchUp(): Promise<void>;
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
  snapshotIntervalMs?: number;
  pollIntervalMs?: number;
}

/**
 * Runs the embedded search engine inside the API process, following the outbox.
 * @remarks The index lives where queries arrive (the API). It follows the outbox read-only, by
 * seq, and keeps its position in the snapshot's sidecar rather than in the database: the API
 * then never writes to SQLite, whose WAL mode would otherwise make the CMS's read-then-write
 * transactions fail with SQLITE_BUSY. Outbox seq order is commit order (see @kilde/store), so
 * following by seq misses nothing. On start it loads the snapshot and continues from its seq;
 * without one it bulk-loads the read store and continues from the outbox head it saw before
 * reading. While this process is down, publishes wait in the outbox; on failure it retries
 * with backoff.
 */
export async function startSearchRuntime(options: SearchRuntimeOptions): Promise<SearchRuntime> {
  const { knex, logger, snapshotPath } = options;
  const pollMs = options.pollIntervalMs ?? 200;
  const meta = snapshotPath && existsSync(snapshotPath) ? readSnapshotMeta(snapshotPath) : undefined;
  const engine = await createEmbeddedSearchEngine({ snapshotPath: meta ? snapshotPath : undefined });
  let generation = meta?.generation ?? 0;
  let lastSeq = meta?.lastSeq ?? 0;
  /** Rebuilds the index from the read store and continues from the outbox head seen before reading. */
  async function rebuild(): Promise<void> {
    const { headSeq } = await outboxStatus(knex);
    const started = Date.now();
    await engine.replaceAll(searchDocumentsFromReadStore(knex));
    lastSeq = headSeq;
    logger.info({ documents: (await engine.stats()).numberOfDocuments, ms: Date.now() - started }, 'search index built from the read store');
  }
  if (!meta) await rebuild();
  let savedSeq = meta ? lastSeq : -1;

  // Polls, swaps and snapshots run one at a time, so a swap never races an apply.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function catchUpNow(): Promise<void> {
    for (;;) {
      const page = await listChanges(knex, { afterSeq: lastSeq, limit: 500 }).catch(async (err: unknown) => {
        // This follower is no outbox consumer, so pruning does not wait for it: a snapshot older
        // than the outbox's retained history (an API down for months, an old backup) cannot be
        // caught up event by event. The read store is complete, so rebuild from it.
        if (!(err instanceof CursorExpiredError)) throw err;
        logger.warn({ afterSeq: err.afterSeq, watermark: err.watermark }, 'search index position is older than the retained outbox; rebuilding from the read store');
        await rebuild();
        return undefined;
      });
      if (!page) continue;
      for (const change of page.changes) {
        await applyChange(knex, engine, change);
        lastSeq = change.seq;
      }
      if (!page.hasMore) return;
    }
  }

  let stopped = false;
  let delay = pollMs;
  let pollTimer: NodeJS.Timeout | undefined;
  const schedule = (): void => {
    if (stopped) return;
    pollTimer = setTimeout(() => {
      serial(catchUpNow).then(
        () => {
          delay = pollMs;
        },
        (err: unknown) => {
          delay = Math.min(delay * 2, 30_000);
          logger.warn({ err: (err as Error).message, retryInMs: delay }, 'search index could not follow the outbox');
        },
      ).finally(schedule);
    }, delay);
    pollTimer.unref();
  };
  schedule();

  async function saveNow(): Promise<void> {
    if (!snapshotPath || savedSeq === lastSeq) return;
    // Never overwrite a newer generation written by `kilde reindex`; swap to it instead.
    if ((readSnapshotMeta(snapshotPath)?.generation ?? 0) > generation) return swapNow();
    const seq = lastSeq;
    mkdirSync(dirname(snapshotPath), { recursive: true });
    await engine.saveSnapshot(snapshotPath);
    writeSnapshotMeta(snapshotPath, { lastSeq: seq, generation });
    savedSeq = seq;
  }

  async function swapNow(): Promise<void> {
    const next = snapshotPath ? readSnapshotMeta(snapshotPath) : undefined;
    if (!snapshotPath || !next || next.generation <= generation) return;
    // The old index keeps answering until loadSnapshot replaces it in one step.
    await engine.loadSnapshot(snapshotPath);
    generation = next.generation;
    lastSeq = next.lastSeq;
    savedSeq = next.lastSeq;
    await catchUpNow();
    logger.info({ generation }, 'search index swapped to a rebuilt snapshot');
  }

  const onMetaChange = (): void => {
    serial(swapNow).catch((err: unknown) => logger.error({ err }, 'search index swap failed'));
  };
  if (snapshotPath) watchFile(`${snapshotPath}.meta.json`, { interval: 1000 }, onMetaChange);

  const snapshotTimer = setInterval(() => {
    serial(saveNow).catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
  }, options.snapshotIntervalMs ?? 30_000);
  snapshotTimer.unref();

  return {
    engine,
    get lastSeq() {
      return lastSeq;
    },
    catchUp: () => serial(catchUpNow),
    checkForNewSnapshot: onMetaChange,
    snapshot: () => serial(saveNow),
    async close() {
      stopped = true;
      clearTimeout(pollTimer);
      clearInterval(snapshotTimer);
      if (snapshotPath) unwatchFile(`${snapshotPath}.meta.json`, onMetaChange);
      await serial(saveNow).catch((err: unknown) => logger.warn({ err }, 'search snapshot failed'));
      await engine.close();
    },
  };
}
