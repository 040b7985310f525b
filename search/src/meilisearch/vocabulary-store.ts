import { randomUUID } from 'node:crypto';
import type { VocabularyJson } from '../norwegian/vocabulary';
import type { MeilisearchClient, Task } from './client';

const CHUNK = 5000;

interface Manifest {
  uid: 'manifest';
  chunks: number;
  savedAt: string;
  /** Random per save: a process compares it with the one it last saw or wrote. */
  revision?: string;
}

/** A saved vocabulary and the revision it was saved under. */
export interface SavedVocabulary {
  vocabulary: VocabularyJson;
  revision: string;
}

interface Chunk {
  uid: string;
  surfaces: Array<[string, number]>;
  keys: Array<[string, number]>;
  display: Array<[string, string]>;
}

/**
 * Persists the corpus vocabulary next to the search index, in a small companion index, so a
 * process that only searches splits compounds and suggests spellings with the words the writing
 * process (the API process holding the search consumer's outbox lease) saw.
 *
 * @remarks
 * Chunks are written first and the manifest last, so a reader never sees a manifest pointing at
 * chunks that are not there yet; stale chunks beyond the manifest are ignored. Each save gets a
 * new `revision`, so a process can ask cheaply (one document) whether someone else saved since
 * it last loaded: the writer changes hands when the outbox lease moves, and `kilde reindex`
 * saves a rebuilt vocabulary from another process.
 */
export class VocabularyStore {
  constructor(
    private readonly client: MeilisearchClient,
    readonly indexUid: string,
    private readonly waitTask: (task: Promise<Task>) => Promise<void>,
  ) {}

  /** Saves the vocabulary and resolves with its new revision. */
  async save(vocabulary: VocabularyJson): Promise<string> {
    const index = this.client.index(this.indexUid);
    const n = Math.max(
      1,
      Math.ceil(
        Math.max(vocabulary.surfaces.length, vocabulary.keys.length, vocabulary.display.length) /
          CHUNK,
      ),
    );
    const chunks: Chunk[] = [];
    for (let i = 0; i < n; i++) {
      chunks.push({
        uid: `c${i}`,
        surfaces: vocabulary.surfaces.slice(i * CHUNK, (i + 1) * CHUNK),
        keys: vocabulary.keys.slice(i * CHUNK, (i + 1) * CHUNK),
        display: vocabulary.display.slice(i * CHUNK, (i + 1) * CHUNK),
      });
    }
    await this.waitTask(index.addDocuments(chunks, { primaryKey: 'uid' }).waitTask());
    const manifest: Manifest = {
      uid: 'manifest',
      chunks: n,
      savedAt: new Date().toISOString(),
      revision: randomUUID(),
    };
    await this.waitTask(index.addDocuments([manifest], { primaryKey: 'uid' }).waitTask());
    return revisionOf(manifest);
  }

  /** The revision of the saved vocabulary, or `null` when none was saved yet. */
  async revision(): Promise<string | null> {
    const manifest = await this.manifest();
    return manifest ? revisionOf(manifest) : null;
  }

  /** The saved vocabulary, or `null` when none was saved yet. */
  async load(): Promise<SavedVocabulary | null> {
    const manifest = await this.manifest();
    if (!manifest) return null;
    const index = this.client.index(this.indexUid);
    const out: VocabularyJson = { surfaces: [], keys: [], display: [] };
    for (let i = 0; i < manifest.chunks; i++) {
      const chunk = (await index.getDocument(`c${i}`)) as unknown as Chunk;
      out.surfaces.push(...chunk.surfaces);
      out.keys.push(...chunk.keys);
      out.display.push(...chunk.display);
    }
    return { vocabulary: out, revision: revisionOf(manifest) };
  }

  private async manifest(): Promise<Manifest | null> {
    try {
      return (await this.client
        .index(this.indexUid)
        .getDocument('manifest')) as unknown as Manifest;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}

/** Manifests saved before revisions existed are told apart by their save time. */
function revisionOf(manifest: Manifest): string {
  return manifest.revision ?? manifest.savedAt;
}

function isNotFound(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return code === 'index_not_found' || code === 'document_not_found';
}
