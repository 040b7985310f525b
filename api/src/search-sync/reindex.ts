import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Knex } from 'knex';
import { outboxStatus } from '@kilde/store';
import { EmbeddedSearchEngine } from '@kilde/search';
import { searchDocumentsFromReadStore } from './read-store-documents';

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
  onProgress: (done: number) => void = () => undefined,
): Promise<{ documents: number; lastSeq: number; generation: number; ms: number }> {
  const started = Date.now();
  const { headSeq } = await outboxStatus(knex);
  const engine = new EmbeddedSearchEngine();
  await engine.replaceAll(searchDocumentsFromReadStore(knex, onProgress));
  mkdirSync(dirname(snapshotPath), { recursive: true });
  // saveSnapshot itself writes through a temp file and renames; the meta follows it.
  await engine.saveSnapshot(snapshotPath);
  const generation = (readSnapshotMeta(snapshotPath)?.generation ?? 0) + 1;
  writeSnapshotMeta(snapshotPath, { lastSeq: headSeq, generation });
  const { numberOfDocuments } = await engine.stats();
  await engine.close();
  return { documents: numberOfDocuments, lastSeq: headSeq, generation, ms: Date.now() - started };
}
