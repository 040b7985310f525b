import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import {
  consumerCursor,
  defaultLeaseOwner,
  headSeq,
  outboxStatus,
  rewindConsumer,
  silentLogger,
  withLease,
  type StoreLogger,
} from '@kilde/store';
import {
  EmbeddedSearchEngine,
  createMeilisearchEngine,
  defaultIndexSettings,
  type SearchDocument,
  type SearchEngine,
} from '@kilde/search';
import { countSearchableDocuments, searchDocumentsFromReadStore } from './read-store-documents';
import { SHARED_SEARCH_CONSUMER } from './search-index-consumer';

export interface SnapshotMeta {
  /** Outbox seq the snapshot is complete up to. */
  lastSeq: number;
  /** Increases with every rebuild, so running API processes know to swap. */
  generation: number;
}

/** Reads the sidecar of a snapshot, if any. */
export function readSnapshotMeta(snapshotPath: string): SnapshotMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(`${snapshotPath}.meta.json`, 'utf8')) as Partial<SnapshotMeta>;
    return { lastSeq: meta.lastSeq ?? 0, generation: meta.generation ?? 0 };
  } catch {
    return undefined;
  }
}

/** Writes the sidecar atomically (temp file + rename). */
export function writeSnapshotMeta(snapshotPath: string, meta: SnapshotMeta): void {
  const tmp = `${snapshotPath}.meta.json.tmp`;
  writeFileSync(tmp, JSON.stringify(meta));
  renameSync(tmp, `${snapshotPath}.meta.json`);
}

/** The lease every reindex holds (table `kilde_leases`): one reindex at a time per database. */
export const REINDEX_LEASE = 'search-reindex';

/** How a reindex holds {@link REINDEX_LEASE}. */
export interface ReindexLockOptions {
  /** Who runs it, as a refused second reindex reports it; default `<hostname>:<pid>:<random>`. */
  owner?: string;
  /**
   * How long the lease lasts without renewal (renewed every third of it while the rebuild runs):
   * how long after a crash the next reindex has to wait. Default 60 s.
   */
  leaseMs?: number;
  /** Lease events and leftover rebuild indexes removed. */
  logger?: StoreLogger;
}

const DEFAULT_REINDEX_LEASE_MS = 60_000;

/**
 * Runs a rebuild under {@link REINDEX_LEASE}.
 * @throws LeaseHeldError when another reindex holds it (its owner and since when in the message).
 */
function underReindexLease<T>(
  knex: Knex,
  options: ReindexLockOptions,
  job: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withLease(
    knex,
    REINDEX_LEASE,
    {
      what: 'A search reindex',
      owner: options.owner ?? defaultLeaseOwner('reindex'),
      ttlMs: options.leaseMs ?? DEFAULT_REINDEX_LEASE_MS,
      logger: options.logger,
    },
    (lease) => job(lease.signal),
  );
}

/**
 * Rebuilds the embedded index from the read store into a new snapshot and swaps it in
 * atomically. Running API processes notice the new generation and load it; until then they keep
 * answering from the old index (zero downtime), and afterwards replay the outbox from the seq the
 * new snapshot was built at. Holds {@link REINDEX_LEASE} throughout, so two rebuilds never write
 * generations over each other.
 */
export async function rebuildSearchSnapshot(
  knex: Knex,
  snapshotPath: string,
  onProgress: (done: number, total: number) => void = () => undefined,
  lock: ReindexLockOptions = {},
): Promise<{ documents: number; lastSeq: number; generation: number; ms: number }> {
  return underReindexLease(knex, lock, (signal) =>
    rebuildSnapshotNow(knex, snapshotPath, onProgress, signal),
  );
}

async function rebuildSnapshotNow(
  knex: Knex,
  snapshotPath: string,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<{ documents: number; lastSeq: number; generation: number; ms: number }> {
  const started = Date.now();
  const { headSeq } = await outboxStatus(knex);
  const total = await countSearchableDocuments(knex);
  const engine = new EmbeddedSearchEngine();
  await engine.replaceAll(
    searchDocumentsFromReadStore(knex, (done) => onProgress(done, total)),
    { signal },
  );
  signal.throwIfAborted();
  mkdirSync(dirname(snapshotPath), { recursive: true });
  // saveSnapshot itself writes through a temp file and renames; the meta follows it.
  await engine.saveSnapshot(snapshotPath);
  const generation = (readSnapshotMeta(snapshotPath)?.generation ?? 0) + 1;
  writeSnapshotMeta(snapshotPath, { lastSeq: headSeq, generation });
  const { numberOfDocuments } = await engine.stats();
  await engine.close();
  return { documents: numberOfDocuments, lastSeq: headSeq, generation, ms: Date.now() - started };
}

/** Progress of a shared-index rebuild: documents read from the read store, then written to the new index. */
export type ReindexProgress = (phase: 'read' | 'indexed', done: number, total: number) => void;

/** What {@link rebuildSharedSearchIndex} did. */
export interface SharedReindexReport {
  engine: string;
  documents: number;
  /** The outbox seq the new index was built at; the consumer continues after it. */
  builtAtSeq: number;
  /** The consumer's cursor before (null: it had never run). */
  consumerCursorBefore: number | null;
  ms: number;
}

/** Options of {@link rebuildSharedSearchIndex}. */
export interface SharedReindexOptions extends ReindexLockOptions {
  consumerName?: string;
  onProgress?: ReindexProgress;
  /**
   * Set the consumer's cursor to the seq the index was built at (default true). False for the
   * consumer's own bootstrap: the dispatcher holding the consumer's lease moves the cursor itself,
   * in a write fenced on that lease, and a second writer would only race it.
   */
  moveConsumerCursor?: boolean;
  /** Aborts the rebuild before its swap, like losing the reindex lease does. */
  signal?: AbortSignal;
}

/**
 * Rebuilds a shared search index (Meilisearch) from the read store with zero downtime, and points
 * the outbox consumer at the seq the new index was built at.
 * @remarks Runs under {@link REINDEX_LEASE} (refused with `LeaseHeldError` while another reindex
 * holds it). Order matters. (0) Under the lease, delete rebuild indexes an earlier reindex that
 * died left behind (nobody else can be building one now). (1) Read the outbox head N: every change
 * up to N is in the read store by then (seq order is commit order), so the reads that follow see
 * it, or something newer. (2) `replaceAll` builds a new index beside the live one and swaps them
 * atomically (Meilisearch `swapIndexes`); searches are answered by the old index until the swap.
 * It gets a source function and reads the read store page by page, twice for Meilisearch (word
 * counts, then documents), so memory stays flat. A lease lost midway (this process stalled past
 * it) aborts the rebuild before the swap. (3) Rewind the consumer to N if it is past it: the
 * changes after N it already applied went into the index that was just replaced, so they are
 * applied again to the new one; changes it has not reached yet are left alone. Applying twice is
 * harmless (version check against the read store), so a publish during the rebuild is never
 * lost, whichever index it first landed in. Once swapped, the rewind happens even if the lease was
 * lost meanwhile: skipping it would lose those publishes. A rewind moves a cursor forward only out
 * of pruned history (below the retention watermark), where the consumer could never catch up by
 * replaying and the new index holds everything up to N.
 */
export async function rebuildSharedSearchIndex(
  knex: Knex,
  engine: SearchEngine,
  options: SharedReindexOptions = {},
): Promise<SharedReindexReport> {
  const logger = options.logger ?? silentLogger;
  const moveCursor = options.moveConsumerCursor !== false;
  return underReindexLease(knex, { ...options, logger }, async (leaseSignal) => {
    const signal = options.signal ? AbortSignal.any([leaseSignal, options.signal]) : leaseSignal;
    signal.throwIfAborted();
    const started = Date.now();
    const consumerName = options.consumerName ?? SHARED_SEARCH_CONSUMER;
    const onProgress = options.onProgress ?? (() => undefined);
    for (const uid of (await engine.removeLeftoverRebuilds?.()) ?? []) {
      logger.warn(
        { engine: engine.name, index: uid },
        'deleted a rebuild index an earlier reindex left behind',
      );
    }
    const builtAtSeq = await headSeq(knex);
    const total = await countSearchableDocuments(knex);
    let read = 0;
    let passes = 0;
    // A fresh read of the read store per call; only the first pass reports reading, the engine
    // reports indexing (the Meilisearch adapter reads twice).
    const source = (): AsyncIterable<SearchDocument> => {
      const first = passes++ === 0;
      return searchDocumentsFromReadStore(knex, (done) => {
        if (!first) return;
        read = done;
        onProgress('read', done, total);
      });
    };
    try {
      await engine.replaceAll(source, {
        signal,
        onProgress: (done) => onProgress('indexed', done, read),
      });
    } catch (error) {
      // Rewound all the same: a rebuild can fail after its swap (saving the vocabulary), and then
      // the publishes since N are only in the replaced index. Without a swap the rewind only
      // replays them into the live index, which is harmless. A consumer that has never run is
      // not created at N, though: it must still start from the beginning.
      try {
        if (moveCursor && (await consumerCursor(knex, consumerName)) !== null) {
          await rewindConsumer(knex, consumerName, builtAtSeq);
        }
      } catch (err) {
        logger.error(
          { consumer: consumerName, seq: builtAtSeq, err: (err as Error).message },
          'could not rewind the search consumer after a failed rebuild; replay it from this seq + 1',
        );
      }
      throw error;
    }
    const cursorBefore = moveCursor
      ? (await rewindConsumer(knex, consumerName, builtAtSeq, { closeGap: true })).previous
      : await consumerCursor(knex, consumerName);
    const { numberOfDocuments } = await engine.stats();
    return {
      engine: engine.name,
      documents: numberOfDocuments,
      builtAtSeq,
      consumerCursorBefore: cursorBefore,
      ms: Date.now() - started,
    };
  });
}

/**
 * The `search:meilisearch` consumer's bootstrap (see `OutboxConsumer.bootstrap`): when its cursor
 * lies in pruned history, rebuild the shared index from the read store and return the outbox seq
 * the rebuild covers, for the dispatcher to move the cursor there.
 * @remarks {@link rebuildSharedSearchIndex} under the same {@link REINDEX_LEASE}, so it never runs
 * beside an operator's reindex: while one runs this fails with `LeaseHeldError` and the dispatcher
 * retries later (by then that reindex has moved the cursor out of the gap itself, and the retry
 * finds no gap). It leaves the cursor alone: the caller holds the consumer's lease and moves it in
 * a fenced write, which a rewind here would only race.
 */
export async function bootstrapSharedSearchIndex(
  knex: Knex,
  engine: SearchEngine,
  options: { consumerName: string; signal: AbortSignal; logger?: StoreLogger },
): Promise<number> {
  const report = await rebuildSharedSearchIndex(knex, engine, {
    consumerName: options.consumerName,
    logger: options.logger,
    owner: defaultLeaseOwner(`bootstrap:${options.consumerName}`),
    moveConsumerCursor: false,
    signal: options.signal,
  });
  options.logger?.info(
    { consumer: options.consumerName, documents: report.documents, builtAtSeq: report.builtAtSeq, ms: report.ms },
    'shared search index rebuilt from the read store (history before the outbox watermark was pruned)',
  );
  return report.builtAtSeq;
}

/**
 * `npx kilde reindex` with `MEILI_URL`: {@link rebuildSharedSearchIndex} on the Meilisearch index
 * the API processes serve. Checks the server answers before taking the lease.
 */
export async function rebuildMeilisearchIndex(
  knex: Knex,
  connection: { host: string; apiKey?: string; indexUid: string },
  options: Omit<SharedReindexOptions, 'consumerName'> = {},
): Promise<SharedReindexReport> {
  const engine = await createMeilisearchEngine({ ...connection, settings: defaultIndexSettings });
  try {
    await engine.health();
    return await rebuildSharedSearchIndex(knex, engine, options);
  } finally {
    await engine.close();
  }
}
