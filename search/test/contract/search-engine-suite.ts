import type { SearchEngine, SearchQuery, SearchResult } from '../../src/port/types';
import {
  defaultIndexSettings,
  resolveIndexSettings,
} from '../../src/settings/default-index-settings';
import { InvalidSearchQueryError } from '../../src/errors/invalid-search-query-error';
import { article, question, searchDocs, service, topics } from '../helpers/fixtures';

/** How a suite gets a fresh, empty engine and gets rid of it. */
export interface EngineFactory {
  create(): Promise<SearchEngine>;
  /** Removes what `create` made (an index on a server); `close()` is called before. */
  dispose?(engine: SearchEngine): Promise<void>;
}

/** Item ids of the hits, in order. */
const ids = (r: SearchResult): string[] => r.hits.map((h) => h.document.documentId);

/**
 * The behavioural contract of the search port, written once and run against every engine
 * (the embedded engine always, Meilisearch when `MEILI_URL` is set).
 *
 * @remarks
 * Corpora are small and crafted so exactly one rule decides each ranking assertion; where the
 * two engines legitimately differ (the embedded engine also counts an exact inflection for the
 * exactness rule), the assertion sticks to what both guarantee.
 */
export function defineSearchEngineSuite(name: string, factory: EngineFactory): void {
  describe(`SearchEngine contract: ${name}`, () => {
    let engine: SearchEngine;
    const search = (q: string, query: Omit<SearchQuery, 'q'> = {}): Promise<SearchResult> =>
      engine.search({ q, ...query });

    beforeEach(async () => {
      engine = await factory.create();
      await engine.configure(defaultIndexSettings);
    });

    afterEach(async () => {
      try {
        await engine.close();
      } finally {
        await factory.dispose?.(engine);
      }
    });

    describe('writes', () => {
      it('finds an upserted document, replaces it by id and forgets it when deleted', async () => {
        await engine.upsert(
          searchDocs(article({ id: 'a1', title: 'Klamydia – symptomer og test' })),
        );
        expect(ids(await search('klamydia'))).toEqual(['a1']);

        await engine.upsert(searchDocs(article({ id: 'a1', title: 'Gonoré – symptomer og test' })));
        expect(ids(await search('klamydia'))).toEqual([]);
        expect(ids(await search('gonoré'))).toEqual(['a1']);

        await engine.delete(['article:a1:nb']);
        expect(ids(await search('gonoré'))).toEqual([]);
        expect((await engine.stats()).numberOfDocuments).toBe(0);
      });

      it('treats deleting an unknown id as done, so retries are harmless', async () => {
        await expect(engine.delete(['article:nope:nb'])).resolves.toBeUndefined();
      });

      it('replaces everything at once with replaceAll, reporting progress', async () => {
        await engine.upsert(searchDocs(article({ id: 'old', title: 'Kondom' })));
        const progress: number[] = [];
        await engine.replaceAll(
          searchDocs(
            article({ id: 'new', title: 'Kondom og sex' }),
            article({ id: 'other', title: 'Prevensjon' }),
          ),
          { onProgress: (n) => progress.push(n) },
        );
        expect(ids(await search('kondom'))).toEqual(['new']);
        expect((await engine.stats()).numberOfDocuments).toBe(2);
        expect(progress.at(-1)).toBe(2);
      });

      it('reports itself healthy while it can serve', async () => {
        await expect(engine.health()).resolves.toBeUndefined();
      });

      it('empties the index on clear', async () => {
        await engine.upsert(searchDocs(article({ id: 'a', title: 'Kondom' })));
        await engine.clear();
        expect((await search('kondom')).totalHits).toBe(0);
      });

      it('reports counts by type and locale', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'a', title: 'Søvn' }),
            article({ id: 'b', locale: 'en', title: 'Sleep' }),
            question({ id: 'q', title: 'Søvn', question: 'Hvorfor sover jeg dårlig?' }),
          ),
        );
        const stats = await engine.stats();
        expect(stats.numberOfDocuments).toBe(3);
        expect(stats.byType).toEqual({ article: 2, question: 1 });
        expect(stats.byLocale).toEqual({ nb: 2, en: 1 });
      });
    });

    describe('filters and facets', () => {
      beforeEach(async () => {
        await engine.upsert(
          searchDocs(
            article({
              id: 'nb-art',
              title: 'Kondom og prevensjon',
              topics: [topics.prevensjon],
              audience: ['13-15'],
            }),
            article({
              id: 'nn-art',
              locale: 'nn',
              title: 'Kondom og prevensjon',
              topics: [topics.prevensjon],
              audience: ['16-17'],
            }),
            article({
              id: 'nb-skole',
              title: 'Kondom på skolen',
              topics: [topics.skole],
              provider: { id: 'org-skole', title: 'Skolehelse' },
            }),
            question({
              id: 'nb-q',
              title: 'Sprakk kondomet?',
              question: 'Kondomet sprakk, hva gjør jeg?',
              topics: [topics.prevensjon],
            }),
            service({
              id: 'nb-help',
              title: 'Kondomtelefonen',
              description: 'Spør om kondom',
              crisis: true,
            }),
          ),
        );
      });

      it('filters on locale, type, topic (by id or slug), audience and provider', async () => {
        expect(ids(await search('kondom', { filters: { locale: 'nn' } }))).toEqual(['nn-art']);
        expect(
          ids(await search('kondom', { filters: { locale: 'nb', type: 'question' } })),
        ).toEqual(['nb-q']);
        expect(
          new Set(ids(await search('kondom', { filters: { topics: ['topic-prevensjon'] } }))),
        ).toEqual(new Set(['nb-art', 'nn-art', 'nb-q']));
        expect(ids(await search('kondom', { filters: { topics: ['skole'] } }))).toEqual([
          'nb-skole',
        ]);
        expect(
          ids(await search('kondom', { filters: { type: 'article', audience: ['16-17'] } })),
        ).toEqual(expect.arrayContaining(['nn-art', 'nb-skole']));
        expect(
          ids(await search('kondom', { filters: { type: 'article', audience: ['16-17'] } })),
        ).not.toContain('nb-art');
        expect(ids(await search('kondom', { filters: { provider: ['org-skole'] } }))).toEqual([
          'nb-skole',
        ]);
        expect(ids(await search('kondom', { filters: { crisis: true } }))).toEqual(['nb-help']);
      });

      it('filters without words (a placeholder search)', async () => {
        const r = await search('', { filters: { type: 'article', locale: 'nb' } });
        expect(new Set(ids(r))).toEqual(new Set(['nb-art', 'nb-skole']));
      });

      it('counts facet values over the whole filtered result set', async () => {
        const r = await search('kondom', {
          filters: { locale: 'nb' },
          facets: ['type', 'topics'],
          hitsPerPage: 1,
        });
        expect(r.totalHits).toBe(4);
        expect(r.hits).toHaveLength(1);
        expect(r.facetDistribution.type).toEqual({ article: 2, question: 1, service: 1 });
        expect(r.facetDistribution.topics).toEqual({ 'topic-prevensjon': 2, 'topic-skole': 1 });
      });
    });

    describe('highlighting', () => {
      it('marks matched words with <mark> and escapes HTML first', async () => {
        await engine.upsert(
          searchDocs(
            article({
              id: 'x',
              title: 'Kondom & <script>alert(1)</script> sex',
              summary: 'Bruk kondom hver gang.',
            }),
          ),
        );
        const [hit] = (await search('kondom')).hits;
        expect(hit?.highlights.title).toBe(
          '<mark>Kondom</mark> &amp; &lt;script&gt;alert(1)&lt;/script&gt; sex',
        );
        expect(hit?.highlights.summary).toBe('Bruk <mark>kondom</mark> hver gang.');
      });

      it('marks inflected and nynorsk forms the query matched', async () => {
        await engine.upsert(
          searchDocs(article({ id: 'nn', locale: 'nn', title: 'Angst på skulen' })),
        );
        const [hit] = (await search('skole angst')).hits;
        expect(hit?.highlights.title).toBe('<mark>Angst</mark> på <mark>skulen</mark>');
      });

      it('returns escaped text without marks when highlighting is off', async () => {
        await engine.upsert(searchDocs(article({ id: 'x', title: 'Kondom <3' })));
        const [hit] = (await search('kondom', { highlight: false })).hits;
        expect(hit?.highlights.title).toBe('Kondom &lt;3');
      });

      it('crops a snippet around the match in the body', async () => {
        const filler = 'Dette er en lang tekst om helse og trivsel for ungdom. '.repeat(12);
        await engine.upsert(
          searchDocs(
            article({
              id: 'x',
              title: 'Tekst',
              body: `${filler} Her står det om klamydia. ${filler}`,
            }),
          ),
        );
        const [hit] = (await search('klamydia', { cropLength: 8 })).hits;
        expect(hit?.snippet).toContain('<mark>klamydia</mark>');
        expect(hit?.snippet.startsWith('…')).toBe(true);
        expect(hit?.snippet.split(' ').length).toBeLessThan(14);
      });
    });

    describe('paging', () => {
      beforeEach(async () => {
        const docs = Array.from({ length: 25 }, (_, i) =>
          article({ id: `p${String(i).padStart(2, '0')}`, title: `Søvn og hvile ${i}` }),
        );
        await engine.upsert(searchDocs(...docs));
      });

      it('pages with page and hitsPerPage, with exhaustive totals', async () => {
        const pages = await Promise.all(
          [1, 2, 3].map((page) => search('søvn', { page, hitsPerPage: 10 })),
        );
        expect(pages.map((p) => p.hits.length)).toEqual([10, 10, 5]);
        expect(pages[0]?.totalHits).toBe(25);
        expect(pages[0]?.totalPages).toBe(3);
        expect(new Set(pages.flatMap(ids)).size).toBe(25);
      });

      it('pages with offset and limit', async () => {
        const first = await search('søvn', { offset: 0, limit: 20 });
        const second = await search('søvn', { offset: 20, limit: 20 });
        expect(first.hits).toHaveLength(20);
        expect(second.hits).toHaveLength(5);
        expect(ids(first).concat(ids(second))).toHaveLength(25);
      });

      it('refuses more than 100 hits per page', async () => {
        await expect(search('søvn', { hitsPerPage: 101 })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        );
        await expect(search('søvn', { limit: 500 })).rejects.toBeInstanceOf(
          InvalidSearchQueryError,
        );
      });
    });

    describe('typo tolerance and prefix search', () => {
      beforeEach(async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'angst', title: 'Angst' }),
            article({ id: 'depresjon', title: 'Depresjon' }),
            article({ id: 'svimmel', title: 'Svimmel' }),
            article({ id: 'klamydia', title: 'Klamydia', body: 'Symptomer på klamydia' }),
          ),
        );
      });

      it('allows no typo in words under five letters', async () => {
        expect(ids(await search('angt'))).toEqual([]);
      });

      it('allows one typo from five letters, and a swap of neighbours is one typo', async () => {
        expect(ids(await search('angts'))).toEqual(['angst']);
        expect(ids(await search('svimmal'))).toEqual(['svimmel']);
        expect(ids(await search('svammal'))).toEqual([]);
      });

      it('allows two typos from nine letters', async () => {
        expect(ids(await search('dapresjan'))).toEqual(['depresjon']);
      });

      it('counts a typo in the first letter as two', async () => {
        expect(ids(await search('bngst'))).toEqual([]);
      });

      it('matches the last word as a prefix, and only the last', async () => {
        expect(ids(await search('klamy'))).toEqual(['klamydia']);
        expect(ids(await search('symptomer klamy', { matchingStrategy: 'all' }))).toEqual([
          'klamydia',
        ]);
        expect(ids(await search('klamy symptomer', { matchingStrategy: 'all' }))).toEqual([]);
      });

      it('folds æ, ø and å and their ASCII stand-ins', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'sovn', title: 'Søvn' }),
            article({ id: 'kjaer', title: 'Kjærlighet' }),
            article({ id: 'pa', title: 'Angst på skolen' }),
          ),
        );
        expect(ids(await search('sovn'))).toEqual(['sovn']);
        expect(ids(await search('soevn'))).toEqual(['sovn']);
        expect(ids(await search('kjaerlighet'))).toEqual(['kjaer']);
        expect(ids(await search('klamidya'))).toEqual(['klamydia']);
      });
    });

    describe('ranking rules, in order', () => {
      it('words before typo: more matched words beat fewer typos', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'one-word', title: 'Gravid og kvalm' }),
            article({ id: 'both', title: 'Gravid uten kondom' }),
          ),
        );
        expect(ids(await search('gravid kondomm'))).toEqual(['both', 'one-word']);
      });

      it('typo before proximity: fewer typos beat closer words', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'close-typo', title: 'Kvalme svimmle' }),
            article({
              id: 'far-exact',
              title: 'Kvalme',
              body: 'Mange ungdommer merker dette etter trening eller lite mat, og blir svimmel.',
            }),
          ),
        );
        expect(ids(await search('kvalme svimmel'))).toEqual(['far-exact', 'close-typo']);
      });

      it('proximity before attribute: words close together beat a better attribute', async () => {
        await engine.upsert(
          searchDocs(
            article({
              id: 'title-far',
              title: 'Kvalme',
              body: 'Noen ganger kommer plagene etter trening, andre ganger etter maten, og du kan bli svimmel.',
            }),
            article({
              id: 'body-close',
              title: 'Plager i kroppen',
              body: 'Kvalme og svimmel etter trening.',
            }),
          ),
        );
        expect(ids(await search('kvalme svimmel'))).toEqual(['body-close', 'title-far']);
      });

      it('attribute before exactness: a match in the title beats an exact match in the body', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'body-exact', title: 'Plager', body: 'Mange kjenner kvalme.' }),
            article({ id: 'title-inflected', title: 'Kvalmen', body: 'Om plager.' }),
          ),
        );
        expect(ids(await search('kvalme'))).toEqual(['title-inflected', 'body-exact']);
      });

      it('follows the configured order of the rules', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'close-typo', title: 'Kvalme svimmle' }),
            article({
              id: 'far-exact',
              title: 'Kvalme',
              body: 'Mange ungdommer merker dette etter trening eller lite mat, og blir svimmel.',
            }),
          ),
        );
        await engine.configure(
          resolveIndexSettings({
            rankingRules: ['words', 'proximity', 'typo', 'attribute', 'sort', 'exactness'],
          }),
        );
        expect(ids(await search('kvalme svimmel'))).toEqual(['close-typo', 'far-exact']);
      });

      it('exactness last: a title that is exactly the query ranks first', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'longer', title: 'Kvalme hos ungdom' }),
            article({ id: 'exact', title: 'Kvalme' }),
          ),
        );
        expect(ids(await search('kvalme'))).toEqual(['exact', 'longer']);
      });
    });

    describe('Norwegian layer', () => {
      it('finds a nynorsk text with a bokmål query and the other way round', async () => {
        await engine.upsert(
          searchDocs(
            article({
              id: 'nn-svevn',
              locale: 'nn',
              title: 'Korleis få betre svevn',
              body: 'Når du ikkje får sove.',
            }),
            article({ id: 'nb-sykdom', title: 'Sykdom og fravær på skolen' }),
          ),
        );
        expect(ids(await search('søvn'))).toEqual(['nn-svevn']);
        expect(ids(await search('sjukdom skule'))).toEqual(['nb-sykdom']);
        expect(ids(await search('sykdommen'))).toEqual(['nb-sykdom']);
      });

      it('splits compounds in documents and in queries', async () => {
        await engine.upsert(
          searchDocs(
            article({ id: 'compound', title: 'Skoleangst – når du gruer deg' }),
            article({ id: 'phrase', title: 'Angst på skolen' }),
            article({ id: 'other', title: 'Angst for å snakke' }),
          ),
        );
        expect(new Set(ids(await search('skoleangst')))).toEqual(new Set(['compound', 'phrase']));
        expect(new Set(ids(await search('angst skole', { matchingStrategy: 'all' })))).toEqual(
          new Set(['compound', 'phrase']),
        );
      });

      it('expands youth synonyms', async () => {
        await engine.upsert(
          searchDocs(
            question({
              id: 'forsaed',
              title: 'Gravid av førsæd?',
              question: 'Kan man bli gravid av førsæd?',
            }),
            article({
              id: 'nodprevensjon',
              title: 'Nødprevensjon',
              summary: 'Hva du gjør etter sex uten beskyttelse',
            }),
            article({ id: 'annet', title: 'Gravid og trøtt' }),
          ),
        );
        expect(ids(await search('precum'))).toEqual(['forsaed']);
        expect(ids(await search('kan eg bli gravid av precum'))[0]).toBe('forsaed');
        expect(ids(await search('angrepille'))).toEqual(['nodprevensjon']);
      });

      it('applies synonyms from the settings', async () => {
        await engine.upsert(searchDocs(article({ id: 'kondom', title: 'Kondom' })));
        expect(ids(await search('gummi'))).toEqual([]);
        await engine.configure(
          resolveIndexSettings({
            synonyms: { ...defaultIndexSettings.synonyms, gummi: ['kondom'] },
          }),
        );
        expect(ids(await search('gummi'))).toEqual(['kondom']);
      });

      it('stems English for en', async () => {
        await engine.upsert(
          searchDocs(
            article({
              id: 'en',
              locale: 'en',
              title: 'Worrying about your period',
              body: 'Many girls worry.',
            }),
          ),
        );
        expect(ids(await search('worried periods', { filters: { locale: 'en' } }))).toEqual(['en']);
      });

      it('suggests a spelling from the indexed words when nothing matches', async () => {
        await engine.upsert(searchDocs(article({ id: 'd', title: 'Depresjon hos ungdom' })));
        expect(ids(await search('deprsjn'))).toEqual([]);
        expect(await engine.suggest('deprsjn', { locale: 'nb' })).toBe('depresjon');
        expect(await engine.suggest('depresjon', { locale: 'nb' })).toBeNull();
      });
    });
  });
}
