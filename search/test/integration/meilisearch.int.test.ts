import { defineSearchEngineSuite } from '../contract/search-engine-suite';
import { SearchEngineUnavailableError } from '../../src/errors/search-engine-unavailable-error';
import { defaultIndexSettings } from '../../src/settings/default-index-settings';
import { article, searchDocs } from '../helpers/fixtures';
import type { SearchEngine } from '../../src/port/types';
import { createMeilisearchEngine } from '../../src/meilisearch/meilisearch-search-engine';
import { loadMeilisearch } from '../../src/meilisearch/client';
import { closedPortUrl } from '../../../test/helpers/closed-port';

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

// Runs without a server: the official client against an address that refuses connections.
describe('Meilisearch adapter with no server answering', () => {
  it('reports unavailable from health, writes and searches (the consumer retries those)', async () => {
    const engine = await createMeilisearchEngine({
      host: await closedPortUrl(),
      indexUid: 'kilde_unreachable',
      requestTimeoutMs: 2_000,
    });
    const health = await engine.health().catch((e: unknown) => e);
    expect(health).toBeInstanceOf(SearchEngineUnavailableError);
    expect(health).toMatchObject({
      code: 'SEARCH_ENGINE_UNAVAILABLE',
      details: { engine: 'meilisearch', operation: 'health', error: 'MeilisearchRequestError' },
    });
    await expect(
      engine.upsert(searchDocs(article({ id: 'a1', title: 'Søvn' }))),
    ).rejects.toBeInstanceOf(SearchEngineUnavailableError);
    await expect(engine.delete(['article:a1:nb'])).rejects.toBeInstanceOf(
      SearchEngineUnavailableError,
    );
    await expect(engine.search({ q: 'søvn' })).rejects.toBeInstanceOf(SearchEngineUnavailableError);
    await expect(engine.close()).resolves.toBeUndefined();
  });
});

if (url) {
  describe('Meilisearch index swap and health (MEILI_URL)', () => {
    jest.setTimeout(120_000);
    const indexUid = `kilde_swap_${Date.now().toString(36)}_${process.pid}`;
    let client: InstanceType<Awaited<ReturnType<typeof loadMeilisearch>>['Meilisearch']>;

    beforeAll(async () => {
      const { Meilisearch } = await loadMeilisearch();
      client = new Meilisearch({ host: url, apiKey });
    });

    afterAll(async () => {
      const { results } = await client.getRawIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(indexUid))) {
        await client.deleteIndexIfExists(index.uid);
      }
    });

    it('is healthy', async () => {
      const engine = await createMeilisearchEngine({ host: url, apiKey, indexUid });
      await expect(engine.health()).resolves.toBeUndefined();
    });

    it('rebuilds beside the live index, swaps atomically, deletes the old one; searches never fail', async () => {
      const engine = await createMeilisearchEngine({ host: url, apiKey, indexUid });
      await engine.configure(defaultIndexSettings);
      await engine.upsert(searchDocs(article({ id: 'old', title: 'Kondom og prevensjon' })));
      const reader = await createMeilisearchEngine({ host: url, apiKey, indexUid });

      let stop = false;
      let failures = 0;
      let answered = 0;
      const seen = new Set<string>();
      const load = (async () => {
        while (!stop) {
          const r = await reader.search({ q: 'kondom', limit: 10 }).catch(() => null);
          if (!r || r.totalHits === 0) failures += 1;
          else {
            answered += 1;
            seen.add(r.hits.map((h) => h.document.documentId).join(','));
          }
        }
      })();

      const progress: number[] = [];
      const fresh = Array.from({ length: 2500 }, (_, i) =>
        article({ id: `new${i}`, title: `Kondom ${i}`, body: 'Kondom beskytter mot klamydia.' }),
      );
      await engine.replaceAll(searchDocs(...fresh), { onProgress: (n) => progress.push(n) });
      stop = true;
      await load;

      expect(failures).toBe(0);
      expect(answered).toBeGreaterThan(0);
      expect(progress.at(-1)).toBe(2500);
      const stats = await engine.stats();
      expect(stats.numberOfDocuments).toBe(2500);
      expect(
        (await reader.search({ q: 'kondom og prevensjon', matchingStrategy: 'all' })).totalHits,
      ).toBe(0);
      // The live index carries Kilde's settings; no rebuild index is left behind.
      const settings = await client.index(indexUid).getSettings();
      expect(settings.searchableAttributes?.slice(0, 2)).toEqual(['title', 'title_x']);
      const { results } = await client.getRawIndexes({ limit: 1000 });
      expect(results.filter((i) => i.uid.startsWith(`${indexUid}_rebuild_`))).toEqual([]);
    });

    it('streams a rebuild from a source function (two passes) and swaps it in', async () => {
      const engine = await createMeilisearchEngine({ host: url, apiKey, indexUid, batchSize: 300, maxTasksInFlight: 3 });
      let passes = 0;
      const source = function* () {
        passes += 1;
        for (let i = 0; i < 1000; i += 1) {
          yield* searchDocs(article({ id: `s${i}`, title: i < 5 ? `Skulevegring ${i}` : `Skule og vegring ${i}` }));
        }
      };
      const progress: number[] = [];
      await engine.replaceAll(source, { onProgress: (n) => progress.push(n) });
      expect(passes).toBe(2);
      expect(progress).toEqual([300, 600, 900, 1000]);
      expect((await engine.stats()).numberOfDocuments).toBe(1000);
      // Split with the vocabulary of the whole corpus, counted in the first pass.
      expect((await engine.search({ q: 'vegring', filters: { locale: 'nb' }, limit: 1000 })).totalHits).toBe(1000);
    });

    it('an aborted rebuild leaves the live index as it was and no rebuild index', async () => {
      const engine = await createMeilisearchEngine({ host: url, apiKey, indexUid, batchSize: 100 });
      const before = (await engine.stats()).numberOfDocuments;
      const controller = new AbortController();
      const docs = Array.from({ length: 300 }, (_, i) => searchDocs(article({ id: `x${i}`, title: `Avbrutt ${i}` }))).flat();
      await expect(
        engine.replaceAll(docs, { signal: controller.signal, onProgress: () => controller.abort(new Error('lease lost')) }),
      ).rejects.toThrow(/lease lost/);
      expect((await engine.stats()).numberOfDocuments).toBe(before);
      const { results } = await client.getRawIndexes({ limit: 1000 });
      expect(results.filter((i) => i.uid.startsWith(`${indexUid}_rebuild_`))).toEqual([]);
    });

    it('removes leftover rebuild indexes, never the live index or its vocabulary', async () => {
      const engine = await createMeilisearchEngine({ host: url, apiKey, indexUid });
      const before = (await engine.stats()).numberOfDocuments;
      expect(before).toBeGreaterThan(0);
      const leftover = `${indexUid}_rebuild_0dead`;
      const lookalike = `${indexUid}_rebuild_not-ours`;
      for (const uid of [leftover, lookalike]) await client.createIndex(uid, { primaryKey: 'uid' }).waitTask();
      expect(await engine.removeLeftoverRebuilds()).toEqual([leftover]);
      const uids = (await client.getRawIndexes({ limit: 1000 })).results.map((i) => i.uid);
      expect(uids).not.toContain(leftover);
      expect(uids).toEqual(expect.arrayContaining([indexUid, `${indexUid}__vocabulary`, lookalike]));
      expect((await engine.stats()).numberOfDocuments).toBe(before);
    });
  });
} else {
  describe.skip('Meilisearch index swap and health (skipped: set MEILI_URL to run against a server)', () => {
    it('needs MEILI_URL', () => undefined);
  });
}
