import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { headSeq, outboxStatus, rewindConsumer } from '@kilde/store';
import {
  EmbeddedSearchEngine,
  createMeilisearchEngine,
  defaultIndexSettings,
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

/**
 * Rebuilds the embedded index from the read store into a new snapshot and swaps it in
 * atomically. Running API processes notice the new generation and load it; until then they keep
 * answering from the old index (zero downtime), and afterwards replay the outbox from the seq the
 * new snapshot was built at.
 */
export async function rebuildSearchSnapshot(
  knex: Knex,
  snapshotPath: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ documents: number; lastSeq: number; generation: number; ms: number }> {
  const started = Date.now();
  const { headSeq } = await outboxStatus(knex);
  const total = await countSearchableDocuments(knex);
  const engine = new EmbeddedSearchEngine();
  await engine.replaceAll(searchDocumentsFromReadStore(knex, (done) => onProgress(done, total)));
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

/**
 * Rebuilds a shared search index (Meilisearch) from the read store with zero downtime, and points
 * the outbox consumer at the seq the new index was built at.
 * @remarks Order matters. (1) Read the outbox head N first: every change up to N is in the read
 * store by then (seq order is commit order), so the read that follows sees it, or something newer.
 * (2) `replaceAll` builds a new index beside the live one and swaps them atomically (Meilisearch
 * `swapIndexes`); searches are answered by the old index until the swap. (3) Rewind the consumer
 * to N if it is past it: the changes after N it already applied went into the index that was just
 * replaced, so they are applied again to the new one; changes it has not reached yet are left
 * alone. Applying twice is harmless (version check against the read store), so a publish during
 * the rebuild is never lost, whichever index it first landed in.
 */
export async function rebuildSharedSearchIndex(
  knex: Knex,
  engine: SearchEngine,
  options: { consumerName?: string; onProgress?: ReindexProgress } = {},
): Promise<SharedReindexReport> {
  const started = Date.now();
  const consumerName = options.consumerName ?? SHARED_SEARCH_CONSUMER;
  const onProgress = options.onProgress ?? (() => undefined);
  const builtAtSeq = await headSeq(knex);
  const total = await countSearchableDocuments(knex);
  let read = 0;
  const docs = searchDocumentsFromReadStore(knex, (done) => {
    read = done;
    onProgress('read', done, total);
  });
  await engine.replaceAll(docs, { onProgress: (done) => onProgress('indexed', done, read) });
  const rewound = await rewindConsumer(knex, consumerName, builtAtSeq);
  const { numberOfDocuments } = await engine.stats();
  return {
    engine: engine.name,
    documents: numberOfDocuments,
    builtAtSeq,
    consumerCursorBefore: rewound.previous,
    ms: Date.now() - started,
  };
}

/**
 * `npx kilde reindex` with `MEILI_URL`: {@link rebuildSharedSearchIndex} on the Meilisearch index
 * the API processes serve. Checks the server answers before reading the read store.
 */
export async function rebuildMeilisearchIndex(
  knex: Knex,
  connection: { host: string; apiKey?: string; indexUid: string },
  options: { onProgress?: ReindexProgress } = {},
): Promise<SharedReindexReport> {
  const engine = await createMeilisearchEngine({ ...connection, settings: defaultIndexSettings });
  try {
    await engine.health();
    return await rebuildSharedSearchIndex(knex, engine, options);
  } finally {
    await engine.close();
  }
}
