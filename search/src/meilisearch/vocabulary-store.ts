import type { VocabularyJson } from '../norwegian/vocabulary';
import type { MeilisearchClient, Task } from './client';

const CHUNK = 5000;

interface Manifest {
  uid: 'manifest';
  chunks: number;
  savedAt: string;
}

interface Chunk {
  uid: string;
  surfaces: Array<[string, number]>;
  keys: Array<[string, number]>;
  display: Array<[string, string]>;
}

/**
 * Persists the corpus vocabulary next to the search index, in a small companion index, so a
 * process that only searches (the API) splits compounds and suggests spellings with the words
 * the indexing process (the CMS's outbox consumer) saw.
 *
 * @remarks
 * Chunks are written first and the manifest last, so a reader never sees a manifest pointing at
 * chunks that are not there yet; stale chunks beyond the manifest are ignored.
 */
export class VocabularyStore {
  constructor(
    private readonly client: MeilisearchClient,
    readonly indexUid: string,
    private readonly waitTask: (task: Promise<Task>) => Promise<void>,
  ) {}

  async save(vocabulary: VocabularyJson): Promise<void> {
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
    const manifest: Manifest = { uid: 'manifest', chunks: n, savedAt: new Date().toISOString() };
    await this.waitTask(index.addDocuments([manifest], { primaryKey: 'uid' }).waitTask());
  }

  /** The saved vocabulary, or `null` when none was saved yet. */
  async load(): Promise<VocabularyJson | null> {
    const index = this.client.index(this.indexUid);
    let manifest: Manifest;
    try {
      manifest = (await index.getDocument('manifest')) as unknown as Manifest;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const out: VocabularyJson = { surfaces: [], keys: [], display: [] };
    for (let i = 0; i < manifest.chunks; i++) {
      const chunk = (await index.getDocument(`c${i}`)) as unknown as Chunk;
      out.surfaces.push(...chunk.surfaces);
      out.keys.push(...chunk.keys);
      out.display.push(...chunk.display);
    }
    return out;
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  return code === 'index_not_found' || code === 'document_not_found';
}
