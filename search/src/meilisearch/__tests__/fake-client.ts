import type { MeilisearchClient } from '../client';

/** One call the adapter made. */
export interface Call {
  index?: string;
  method: string;
  args: unknown[];
}

type TaskOutcome = 'succeeded' | 'failed';

/**
 * A stand-in for the official client that records calls and answers like Meilisearch would
 * (enqueued tasks with `waitTask`, search responses). Only what the adapter uses.
 */
export class FakeMeilisearch {
  calls: Call[] = [];
  indexes = new Set<string>();
  documents = new Map<string, Map<string, Record<string, unknown>>>();
  nextTaskOutcome: TaskOutcome = 'succeeded';
  searchResponse: Record<string, unknown> = {
    hits: [],
    processingTimeMs: 1,
    totalHits: 0,
    page: 1,
    hitsPerPage: 20,
    totalPages: 0,
  };
  failWith: unknown = null;
  /** Called with every call as it is made. */
  onRecord: ((call: Call) => void) | undefined;
  /** How long `waitTask` takes, to let tasks overlap (0: at once). */
  taskDelayMs = 0;
  /** Tasks being waited for right now, and the most at any one time. */
  waiting = 0;
  maxWaiting = 0;
  private taskUid = 0;

  get client(): MeilisearchClient {
    return this as unknown as MeilisearchClient;
  }

  private task(
    indexUid: string | null,
    type: string,
    outcome?: { status: TaskOutcome; code: string },
  ) {
    const uid = this.taskUid++;
    const status = outcome?.status ?? this.nextTaskOutcome;
    const code = outcome?.code ?? 'invalid_settings';
    const enqueued = Promise.resolve({
      taskUid: uid,
      indexUid,
      status: 'enqueued',
      type,
      enqueuedAt: '',
    });
    return Object.assign(enqueued, {
      waitTask: async () => {
        this.waiting += 1;
        this.maxWaiting = Math.max(this.maxWaiting, this.waiting);
        if (this.taskDelayMs > 0) await new Promise((r) => setTimeout(r, this.taskDelayMs));
        this.waiting -= 1;
        return {
          uid,
          indexUid,
          status,
          type,
          error:
            status === 'failed'
              ? { code, message: 'bad', type: 'invalid_request', link: '' }
              : null,
        };
      },
    });
  }

  private record(method: string, args: unknown[], index?: string): void {
    if (this.failWith) throw this.failWith as Error;
    this.calls.push({ index, method, args });
    this.onRecord?.({ index, method, args });
  }

  getRawIndex(uid: string) {
    this.record('getRawIndex', [uid]);
    if (!this.indexes.has(uid)) {
      return Promise.reject(
        Object.assign(new Error(`Index \`${uid}\` not found.`), {
          name: 'MeilisearchApiError',
          cause: { code: 'index_not_found' },
          response: { status: 404 },
        }),
      );
    }
    return Promise.resolve({ uid });
  }

  createIndex(uid: string, options: unknown) {
    this.record('createIndex', [uid, options]);
    this.indexes.add(uid);
    return this.task(uid, 'indexCreation');
  }

  deleteIndex(uid: string) {
    this.record('deleteIndex', [uid]);
    const existed = this.indexes.delete(uid);
    this.documents.delete(uid);
    return this.task(
      uid,
      'indexDeletion',
      existed ? undefined : { status: 'failed', code: 'index_not_found' },
    );
  }

  getRawIndexes(query: { offset?: number; limit?: number } = {}) {
    this.record('getRawIndexes', [query]);
    const all = [...this.indexes].sort().map((uid) => ({ uid }));
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 20;
    return Promise.resolve({
      results: all.slice(offset, offset + limit),
      offset,
      limit,
      total: all.length,
    });
  }

  swapIndexes(swaps: Array<{ indexes: [string, string] }>) {
    this.record('swapIndexes', [swaps]);
    for (const { indexes: [a, b] } of swaps) {
      const docsA = this.documents.get(a);
      const docsB = this.documents.get(b);
      if (docsB) this.documents.set(a, docsB);
      else this.documents.delete(a);
      if (docsA) this.documents.set(b, docsA);
      else this.documents.delete(b);
    }
    return this.task(null, 'indexSwap');
  }

  health() {
    return Promise.resolve({ status: 'available' });
  }

  index(uid: string) {
    const docs = (): Map<string, Record<string, unknown>> => {
      let m = this.documents.get(uid);
      if (!m) this.documents.set(uid, (m = new Map()));
      return m;
    };
    return {
      updateSettings: (settings: unknown) => {
        this.record('updateSettings', [settings], uid);
        return this.task(uid, 'settingsUpdate');
      },
      addDocuments: (batch: Array<Record<string, unknown>>, options: unknown) => {
        this.record('addDocuments', [batch, options], uid);
        this.indexes.add(uid);
        for (const d of batch) docs().set(String(d['uid']), d);
        return this.task(uid, 'documentAdditionOrUpdate');
      },
      deleteDocuments: (ids: string[]) => {
        this.record('deleteDocuments', [ids], uid);
        for (const id of ids) docs().delete(id);
        return this.task(uid, 'documentDeletion');
      },
      deleteAllDocuments: () => {
        this.record('deleteAllDocuments', [], uid);
        docs().clear();
        return this.task(uid, 'documentDeletion');
      },
      getDocument: (id: string) => {
        this.record('getDocument', [id], uid);
        const d = docs().get(id);
        if (!d) {
          return Promise.reject(
            Object.assign(new Error('not found'), {
              name: 'MeilisearchApiError',
              cause: { code: 'document_not_found' },
              response: { status: 404 },
            }),
          );
        }
        return Promise.resolve(d);
      },
      getStats: () => {
        this.record('getStats', [], uid);
        return Promise.resolve({ numberOfDocuments: docs().size, isIndexing: false });
      },
      search: (q: string, params: Record<string, unknown>) => {
        this.record('search', [q, params], uid);
        return Promise.resolve(this.searchResponse);
      },
    };
  }
}
