import { defineSearchEngineSuite } from '../contract/search-engine-suite';
import type { SearchEngine } from '../../src/port/types';
import { createMeilisearchEngine } from '../../src/meilisearch/meilisearch-search-engine';
import { loadMeilisearch } from '../../src/meilisearch/client';

const url = process.env.MEILI_URL;
const apiKey = process.env.MEILI_MASTER_KEY ?? process.env.MEILI_API_KEY;

if (url) {
  // Meilisearch indexes asynchronously; each write waits for its task.
  jest.setTimeout(60_000);
  let counter = 0;
  const run = `${Date.now().toString(36)}_${process.pid}`;
  const indexOf = new WeakMap<SearchEngine, string>();
  defineSearchEngineSuite('meilisearch', {
    create: async () => {
      const indexUid = `kilde_contract_${run}_${counter++}`;
      const engine = await createMeilisearchEngine({
        host: url,
        apiKey,
        indexUid,
        vocabularyRefreshMs: 0,
      });
      indexOf.set(engine, indexUid);
      return engine;
    },
    dispose: async (engine) => {
      const uid = indexOf.get(engine);
      if (!uid) return;
      const { Meilisearch } = await loadMeilisearch();
      const client = new Meilisearch({ host: url, apiKey });
      await client.deleteIndexIfExists(uid);
      await client.deleteIndexIfExists(`${uid}__vocabulary`);
    },
  });
} else {
  describe.skip('SearchEngine contract: meilisearch (skipped: set MEILI_URL to run against a server)', () => {
    it('needs MEILI_URL', () => undefined);
  });
}
