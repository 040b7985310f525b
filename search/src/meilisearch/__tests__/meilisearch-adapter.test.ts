import { MeilisearchSearchEngine } from '../meilisearch-search-engine';
import { toFilterExpression } from '../filter-expression';
import { meilisearchUid, toMeilisearchDocument } from '../meilisearch-document';
import { widgetSearchRules } from '../tenant-token';
import { wrapMeilisearchError } from '../wrap-meilisearch-error';
import { TextAnalyzer } from '../../norwegian/analyzer';
import { defaultIndexSettings } from '../../settings/default-index-settings';
import { SearchEngineError } from '../../errors/search-engine-error';
import { SearchEngineUnavailableError } from '../../errors/search-engine-unavailable-error';
import { article, searchDocs, topics } from '../../../test/helpers/fixtures';
import { FakeMeilisearch } from './fake-client';

const PRE = '\uE000';
const POST = '\uE001';

function setup() {
  const fake = new FakeMeilisearch();
  const engine = new MeilisearchSearchEngine({ client: fake.client, indexUid: 'kilde' });
  return { fake, engine };
}

describe('Meilisearch adapter', () => {
  it('creates the index and applies the settings, synonyms in key space', async () => {
    const { fake, engine } = setup();
    await engine.configure(defaultIndexSettings);
    expect(fake.calls.find((c) => c.method === 'createIndex')?.args).toEqual([
      'kilde',
      { primaryKey: 'uid' },
    ]);
    const [settings] = fake.calls.find((c) => c.method === 'updateSettings')?.args as [
      Record<string, any>,
    ];
    expect(settings.searchableAttributes.slice(0, 4)).toEqual([
      'title',
      'title_x',
      'summary',
      'summary_x',
    ]);
    expect(settings.searchableAttributes.at(-1)).toBe('folded_x');
    expect(settings.rankingRules).toEqual([
      'words',
      'typo',
      'proximity',
      'attribute',
      'sort',
      'exactness',
    ]);
    expect(settings.synonyms.precum).toEqual(expect.arrayContaining(['forsed', 'sedvesk']));
    expect(settings.stopWords).toEqual(expect.arrayContaining(['og', 'ikkje', 'the']));
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining(['locale', 'type', 'published', 'topicSlugs']),
    );
    expect(settings.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
    });
  });

  it('indexes documents with the Norwegian layer’s fields and saves the vocabulary', async () => {
    const { fake, engine } = setup();
    await engine.upsert(
      searchDocs(
        article({ id: 'a1', locale: 'nn', title: 'Skuleangst og svevn', topics: [topics.skole] }),
      ),
    );
    const add = fake.calls.find((c) => c.method === 'addDocuments' && c.index === 'kilde');
    const [[doc], options] = add?.args as [Array<Record<string, unknown>>, unknown];
    expect(options).toEqual({ primaryKey: 'uid' });
    expect(doc).toMatchObject({
      uid: 'article-nn-a1',
      id: 'article:a1:nn',
      title: 'Skuleangst og svevn',
    });
    expect(String(doc?.['title_x']).split(' ')).toEqual(
      expect.arrayContaining(['skol', 'angst', 'sovn']),
    );
    const vocabularyWrites = fake.calls.filter((c) => c.index === 'kilde__vocabulary');
    expect(vocabularyWrites.at(-1)?.args[0]).toEqual([
      expect.objectContaining({ uid: 'manifest', chunks: 1 }),
    ]);
  });

  it('searches with the rewritten query, filter expressions, facets, paging and highlight tags', async () => {
    const { fake, engine } = setup();
    fake.searchResponse = {
      hits: [
        {
          ...searchDocs(
            article({
              id: 'a1',
              locale: 'nn',
              title: 'Angst på skulen & <heime>',
              summary: 'Om angst',
            }),
          )[0],
          _formatted: {
            title: `${PRE}Angst${POST} på skulen & <heime>`,
            summary: `Om ${PRE}angst${POST}`,
            body: '',
          },
        },
      ],
      processingTimeMs: 2,
      totalHits: 1,
      page: 1,
      hitsPerPage: 10,
      totalPages: 1,
      facetDistribution: { type: { article: 1 } },
    };
    const result = await engine.search({
      q: 'hvordan takle angst på skolen',
      filters: { locale: ['nb', 'nn'], topics: ['skole'], crisis: false },
      facets: ['type'],
      page: 1,
      hitsPerPage: 10,
    });
    const [q, params] = fake.calls.find((c) => c.method === 'search')?.args as [
      string,
      Record<string, unknown>,
    ];
    expect(q).toBe('takl angst skol');
    expect(params).toMatchObject({
      filter: [
        'locale IN ["nb", "nn"]',
        '(topics IN ["skole"] OR topicSlugs IN ["skole"])',
        'crisis = false',
      ],
      facets: ['type'],
      page: 1,
      hitsPerPage: 10,
      highlightPreTag: PRE,
      highlightPostTag: POST,
      attributesToHighlight: ['title', 'summary', 'body'],
      matchingStrategy: 'last',
    });
    expect(result.totalHits).toBe(1);
    expect(result.facetDistribution).toEqual({ type: { article: 1 } });
    // Meilisearch marked "Angst"; the Norwegian layer adds "skulen" (bokmål "skolen").
    expect(result.hits[0]?.highlights.title).toBe(
      '<mark>Angst</mark> på <mark>skulen</mark> &amp; &lt;heime&gt;',
    );
    expect(result.hits[0]?.document).not.toHaveProperty('body');
  });

  it('replaces the index without downtime: builds beside it, swaps, deletes the old one', async () => {
    const { fake, engine } = setup();
    await engine.configure(defaultIndexSettings);
    await engine.replaceAll(searchDocs(article({ id: 'a1', title: 'Kondom' })));
    const swap = fake.calls.find((c) => c.method === 'swapIndexes');
    const [[{ indexes }]] = swap?.args as [[{ indexes: [string, string] }]];
    expect(indexes[0]).toBe('kilde');
    expect(indexes[1]).toMatch(/^kilde_rebuild_/);
    const order = fake.calls.map((c) => `${c.method}:${String(c.index ?? c.args[0])}`);
    expect(order.indexOf(`addDocuments:${indexes[1]}`)).toBeLessThan(
      order.findIndex((o) => o.startsWith('swapIndexes')),
    );
    expect(
      fake.calls.some((c) => c.method === 'deleteIndex' && c.args[0] === indexes[1]),
    ).toBe(true);
  });

  it('streams a rebuild from a source function: two passes, batches added while reading, bounded tasks', async () => {
    const fake = new FakeMeilisearch();
    fake.taskDelayMs = 5;
    const engine = new MeilisearchSearchEngine({
      client: fake.client,
      indexUid: 'kilde',
      batchSize: 10,
      maxTasksInFlight: 3,
    });
    await engine.configure(defaultIndexSettings);
    // The compound's parts occur only in the last documents: its split needs the whole corpus.
    const docs = Array.from({ length: 95 }, (_, i) =>
      searchDocs(
        article({ id: `a${i}`, title: i < 5 ? `Skulevegring ${i}` : `Skule og vegring ${i}` }),
      ),
    ).flat();
    let passes = 0;
    let pulled = 0;
    const pulledAtFirstAdd: number[] = [];
    const source = function* () {
      passes += 1;
      pulled = 0;
      for (const d of docs) {
        pulled += 1;
        yield d;
      }
    };
    const progress: number[] = [];
    fake.onRecord = (call) => {
      if (call.method === 'addDocuments' && call.index?.startsWith('kilde_rebuild_')) {
        pulledAtFirstAdd.push(pulled);
      }
    };
    await engine.replaceAll(source, { onProgress: (n) => progress.push(n) });
    expect(passes).toBe(2);
    // The second pass is read as it is indexed, never all at once.
    expect(pulledAtFirstAdd[0]).toBeLessThanOrEqual(11);
    expect(pulledAtFirstAdd).toHaveLength(10);
    expect(fake.maxWaiting).toBeGreaterThan(1);
    expect(fake.maxWaiting).toBeLessThanOrEqual(3);
    expect(progress).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    expect((await engine.stats()).numberOfDocuments).toBe(95);
    // Compound parts come from the vocabulary counted in the first pass.
    const first = fake.documents.get('kilde')?.get('article-nb-a0');
    expect(String(first?.['title_x']).split(' ')).toEqual(expect.arrayContaining(['skol', 'vegr']));
  });

  it('removes leftover rebuild indexes only, never the live index or its vocabulary', async () => {
    const { fake, engine } = setup();
    await engine.configure(defaultIndexSettings);
    await engine.upsert(searchDocs(article({ id: 'a1', title: 'Kondom' })));
    for (const uid of ['kilde_rebuild_mf3x0a1', 'kilde_rebuild_zz9', 'kilde_rebuild_', 'kilde_other', 'kildex_rebuild_abc', 'kilde_rebuild_abc_def']) {
      fake.indexes.add(uid);
    }
    expect((await engine.removeLeftoverRebuilds()).sort()).toEqual([
      'kilde_rebuild_mf3x0a1',
      'kilde_rebuild_zz9',
    ]);
    expect([...fake.indexes].sort()).toEqual([
      'kilde',
      'kilde__vocabulary',
      'kilde_other',
      'kilde_rebuild_',
      'kilde_rebuild_abc_def',
      'kildex_rebuild_abc',
    ]);
    expect((await engine.stats()).numberOfDocuments).toBe(1);
  });

  it('an aborted rebuild does not swap and deletes its temporary index', async () => {
    const { fake, engine } = setup();
    await engine.configure(defaultIndexSettings);
    await engine.upsert(searchDocs(article({ id: 'live', title: 'Kondom' })));
    const controller = new AbortController();
    const docs = Array.from({ length: 30 }, (_, i) => searchDocs(article({ id: `n${i}`, title: `Ny ${i}` }))).flat();
    const failed = await engine
      .replaceAll(docs, {
        signal: controller.signal,
        onProgress: () => controller.abort(new Error('lease lost')),
      })
      .catch((e: unknown) => e);
    expect(failed).toMatchObject({ message: expect.stringMatching(/lease lost/) });
    expect(fake.calls.some((c) => c.method === 'swapIndexes')).toBe(false);
    expect([...fake.indexes].filter((uid) => uid.startsWith('kilde_rebuild_'))).toEqual([]);
    expect((await engine.stats()).numberOfDocuments).toBe(1);
  });

  it('takes over the vocabulary another process saved before writing (the lease moved)', async () => {
    const fake = new FakeMeilisearch();
    const first = new MeilisearchSearchEngine({ client: fake.client, indexUid: 'kilde' });
    const second = new MeilisearchSearchEngine({ client: fake.client, indexUid: 'kilde' });
    // The second process searched early on, so it holds an (empty) vocabulary of its own.
    await second.search({ q: 'noe' });
    await first.upsert(searchDocs(article({ id: 'a1', title: 'Skulevegring' })));
    await second.upsert(searchDocs(article({ id: 'a2', title: 'Eksamensangst' })));
    // A third process loads what was saved last: both writers' words are in it.
    const reader = new MeilisearchSearchEngine({ client: fake.client, indexUid: 'kilde' });
    expect(await reader.suggest('skulevegrin', { locale: 'nn' })).toBe('skulevegring');
    expect(await reader.suggest('eksamensangs')).toBe('eksamensangst');
  });

  it('saves the vocabulary at most once per interval while writing, and the rest on close', async () => {
    const fake = new FakeMeilisearch();
    const engine = new MeilisearchSearchEngine({
      client: fake.client,
      indexUid: 'kilde',
      vocabularySaveIntervalMs: 60_000,
    });
    const manifestWrites = (): number =>
      fake.calls.filter(
        (c) =>
          c.index === 'kilde__vocabulary' &&
          c.method === 'addDocuments' &&
          (c.args[0] as Array<{ uid: string }>)[0]?.uid === 'manifest',
      ).length;
    await engine.upsert(searchDocs(article({ id: 'a1', title: 'Søvn' })));
    await engine.upsert(searchDocs(article({ id: 'a2', title: 'Stress' })));
    await engine.upsert(searchDocs(article({ id: 'a3', title: 'Angst' })));
    expect(manifestWrites()).toBe(1);
    await engine.close();
    expect(manifestWrites()).toBe(2);
    const reader = new MeilisearchSearchEngine({ client: fake.client, indexUid: 'kilde' });
    expect(await reader.suggest('angsst')).toBe('angst');
  });

  it('turns a failed task into a SearchEngineError and transport failures into SearchEngineUnavailableError', async () => {
    const { fake, engine } = setup();
    fake.nextTaskOutcome = 'failed';
    await expect(engine.configure(defaultIndexSettings)).rejects.toBeInstanceOf(SearchEngineError);

    const down = setup();
    down.fake.failWith = Object.assign(new Error('fetch failed'), {
      name: 'MeilisearchRequestError',
    });
    const error = await down.engine.search({ q: 'angst' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchEngineUnavailableError);
    expect(error).toMatchObject({ code: 'SEARCH_ENGINE_UNAVAILABLE', status: 503 });
  });
});

describe('Meilisearch helpers', () => {
  it('quotes filter values and leaves empty lists out', () => {
    expect(toFilterExpression({ provider: ['a"b\\c'], region: [], level: [2, 3] })).toEqual([
      'provider IN ["a\\"b\\\\c"]',
      'level IN [2, 3]',
    ]);
    expect(toFilterExpression({})).toBeUndefined();
  });

  it('makes Meilisearch-safe primary keys', () => {
    expect(meilisearchUid('question:abc-1_x:nn')).toBe('question-nn-abc-1_x');
  });

  it('stores folded spellings for prefix search on what people type', () => {
    const analyzer = TextAnalyzer.fromSettings(defaultIndexSettings);
    const [doc] = searchDocs(article({ id: 'k', title: 'Kjærlighet' }));
    const stored = toMeilisearchDocument(doc!, analyzer, defaultIndexSettings);
    expect(stored['folded_x']).toBe('kjerlighet');
    expect(stored['title_x']).toBe('kjerlig');
  });

  it('builds widget search rules limited to published content and locales', () => {
    expect(widgetSearchRules({ indexUid: 'kilde', locales: ['nb', 'nn'] })).toEqual({
      kilde: { filter: 'published = true AND locale IN ["nb", "nn"]' },
    });
  });

  it('wraps 5xx as unavailable and 4xx as engine errors, keeping the cause', () => {
    const server = Object.assign(new Error('boom'), {
      name: 'MeilisearchApiError',
      response: { status: 502 },
    });
    const bad = Object.assign(new Error('bad filter'), {
      name: 'MeilisearchApiError',
      response: { status: 400 },
      cause: { code: 'invalid_search_filter', type: 'invalid_request', link: 'https://docs' },
    });
    expect(wrapMeilisearchError(server, 'search')).toBeInstanceOf(SearchEngineUnavailableError);
    const wrapped = wrapMeilisearchError(bad, 'search');
    expect(wrapped).toBeInstanceOf(SearchEngineError);
    expect(wrapped.details).toMatchObject({ code: 'invalid_search_filter', httpStatus: 400 });
    expect(wrapped.cause).toBe(bad);
  });
});
