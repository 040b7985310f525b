import { publishDocument } from '@kilde/store';
import type { SearchProvider, SearchRequest } from '../../src';
import { article, seedFixtures } from '../helpers/fixtures';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

type Json = Record<string, any>;

describe('the published library over GraphQL', () => {
  let t: TestApi;
  let key: string;
  const searches: SearchRequest[] = [];
  const search: SearchProvider = {
    search(req) {
      searches.push(req);
      return Promise.resolve({
        totalHits: 3,
        hits: [
          { type: 'article', id: 'a1', locale: 'nb', snippet: 'En <mark>infeksjon</mark>', highlightedTitle: 'Hva er <mark>klamydia</mark>?' },
          { type: 'question', id: 'q1', locale: 'nb' },
          // Withdrawn since it was indexed: dropped from the hits.
          { type: 'article', id: 'gone', locale: 'nb' },
        ],
      });
    },
  };
  const q = async (query: string, variables?: Record<string, unknown>, k = key): Promise<Json> => {
    const r = await gql<Json>(t.url, k, query, variables);
    if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data as Json;
  };

  beforeAll(async () => {
    t = await startApi({ api: { search } });
    key = await t.key();
    await seedFixtures(t.knex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('serves an article with body in three renditions, translations, attribution and JSON-LD', async () => {
    const { article: a } = await q(`{ article(slug: "hva-er-klamydia", locale: nb) {
      id type locale version title
      body { markdown html text }
      images { url alt variants { url width format } }
      translations { locale id slug }
      topics { id slug title topic { title parent { title } } }
      attribution {
        provider { id name url logo { url alt } orgNumber }
        professionallyResponsible { name profession title }
        licence licenceName licenceUrl canonicalUrl notice
        terms { attributionRequired shareAlike nonCommercial noDerivatives agreementRequired }
      }
      lastReviewed nextReviewDue updatedAt
      jsonLd
    } }`);
    expect(a).toMatchObject({ id: 'a1', type: 'article', locale: 'nb', version: 1, title: 'Hva er klamydia?' });
    expect(a.body.markdown).toContain('<script>');
    expect(a.body.html).toContain('<h2>Hva er det?</h2>');
    expect(a.body.html).not.toContain('<script');
    // Raw HTML tags are dropped from both renditions; text between them is just text.
    expect(a.body.html).toContain('<p>En infeksjon. alert(1)</p>');
    expect(a.body.text).toBe('Hva er det?\n\nEn infeksjon. alert(1)\n\nTest deg\nBruk kondom');
    expect(a.images).toEqual([{ url: '/uploads/k.jpg', alt: 'Illustrasjon', variants: [{ url: '/uploads/small_k.webp', width: 500, format: 'webp' }] }]);
    expect(a.translations).toEqual([{ locale: 'en', id: 'a1', slug: 'what-is-chlamydia' }]);
    expect(a.topics).toEqual([{ id: 't2', slug: 'kjonnssykdommer', title: 'Kjønnssykdommer', topic: { title: 'Kjønnssykdommer', parent: { title: 'Seksuell helse' } } }]);
    expect(a.attribution).toEqual({
      provider: { id: 'o1', name: 'Ungdomshelse Norge', url: 'https://ungdomshelse.example', logo: { url: '/uploads/logo.png', alt: 'Ungdomshelse-logo' }, orgNumber: '123456789' },
      professionallyResponsible: { name: 'Kari Lege', profession: 'doctor', title: 'Lege' },
      licence: 'CC-BY-4.0',
      licenceName: 'CC BY 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
      canonicalUrl: 'https://ungdomshelse.example/klamydia',
      notice: 'Innhold fra Ungdomshelse Norge, lisensiert under CC BY 4.0.',
      terms: { attributionRequired: true, shareAlike: false, nonCommercial: false, noDerivatives: false, agreementRequired: false },
    });
    expect(a).toMatchObject({ lastReviewed: '2026-02-01', nextReviewDue: '2027-02-01' });
    expect(a.jsonLd).toMatchObject({
      '@type': 'MedicalWebPage',
      inLanguage: 'nb',
      lastReviewed: '2026-02-01',
      reviewedBy: { name: 'Kari Lege' },
      license: 'https://creativecommons.org/licenses/by/4.0/',
      publisher: { name: 'Ungdomshelse Norge', url: 'https://ungdomshelse.example' },
    });
  });

  it('uses the provider in the item’s language, else another one', async () => {
    const { en, nb } = await q(`{
      en: article(id: "a1", locale: en) { attribution { provider { name url } notice } }
      nb: article(id: "a2", locale: nb) { attribution { provider { name url } licence notice } }
    }`);
    expect(en.attribution).toEqual({ provider: { name: 'Youth Health Norway', url: 'https://ungdomshelse.example/en' }, notice: 'Content from Youth Health Norway, licensed under CC BY 4.0.' });
    expect(nb.attribution).toMatchObject({ provider: { name: 'Rusinfo', url: null }, licence: 'NLOD-2.0' });
  });

  it('pages articles with Relay cursors, oldest change first', async () => {
    const page = `query($after: String) { articles(locale: nb, first: 2, after: $after) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const one = (await q(page)).articles;
    expect(one.nodes.map((n: Json) => n.id as unknown)).toEqual(['a1', 'a2']);
    expect(one.edges.map((e: Json) => e.node.id as unknown)).toEqual(['a1', 'a2']);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: one.edges[0].cursor, endCursor: one.edges[1].cursor });
    const two = (await q(page, { after: one.pageInfo.endCursor })).articles;
    expect(two.nodes.map((n: Json) => n.id as unknown)).toEqual(['a3']);
    expect(two.pageInfo.hasNextPage).toBe(false);
    // Any edge's cursor resumes right after that edge.
    expect((await q(page, { after: one.edges[0].cursor })).articles.nodes.map((n: Json) => n.id as unknown)).toEqual(['a2', 'a3']);
  });

  it('filters articles by topic (id or slug), audience, provider and updatedSince', async () => {
    const ids = async (args: string): Promise<unknown[]> => ((await q(`{ articles(locale: nb, ${args}) { nodes { id } } }`)).articles.nodes as Json[]).map((n) => n.id as unknown);
    expect(await ids('topic: "t2"')).toEqual(['a1']);
    expect(await ids('topic: "seksuell-helse"')).toEqual(['a2']);
    expect(await ids('audience: "13-15"')).toEqual(['a2']);
    expect(await ids('provider: "o1"')).toEqual(['a1', 'a3']);
    expect(await ids('provider: "o1", first: 1')).toEqual(['a1']);
    expect(await ids('updatedSince: "2999-01-01T00:00:00Z"')).toEqual([]);
    expect(await ids('updatedSince: "2000-01-01T00:00:00+01:00"')).toEqual(['a1', 'a2', 'a3']);
  });

  it('answers a bad cursor or date with BAD_USER_INPUT', async () => {
    expect(codeOf(await gql(t.url, key, '{ articles(locale: nb, after: "nope") { nodes { id } } }'))).toBe('BAD_USER_INPUT');
    const query = 'query($since: DateTime) { articles(locale: nb, updatedSince: $since) { nodes { id } } }';
    const bad = await gql(t.url, key, query, { since: 'yesterday' });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/ISO 8601/);
    // A bad literal in the document is a validation error, as for any scalar.
    expect(codeOf(await gql(t.url, key, '{ articles(locale: nb, updatedSince: "yesterday") { nodes { id } } }'))).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves questions, services, topics and organisations', async () => {
    const data = await q(`{
      question(id: "q1") { id locale question answer { html text } askerAgeBand answeredAt attribution { provider { name } } jsonLd }
      questions(locale: nb, topic: "kjonnssykdommer") { nodes { id } }
      service(id: "s1") { id channel region ageMin ageMax attribution { provider { name } licence } lastReviewed }
      vestland: services(locale: nb, region: "vestland") { nodes { id } }
      nurse: services(locale: nb, channel: school_nurse) { nodes { id } }
      age: services(locale: nb, age: 25) { nodes { id } }
      topics(locale: nb) { id slug parent { id } }
      organisations { id name defaultLicence translations { locale } }
    }`);
    expect(data.question).toMatchObject({ id: 'q1', locale: 'nb', askerAgeBand: '16-17', answer: { html: '<p>Nei. Klamydia smitter ved <strong>sex</strong>.</p>', text: 'Nei. Klamydia smitter ved sex.' } });
    expect(data.question.jsonLd.mainEntity).toMatchObject({ '@type': 'Question', acceptedAnswer: { text: 'Nei. Klamydia smitter ved sex.' } });
    expect(data.questions.nodes).toEqual([{ id: 'q1' }]);
    expect(data.service).toEqual({ id: 's1', channel: 'school_nurse', region: 'Vestland', ageMin: 13, ageMax: 20, attribution: { provider: { name: 'Rusinfo' }, licence: 'NLOD-2.0' }, lastReviewed: null });
    expect(data.vestland.nodes.map((n: Json) => n.id as unknown)).toEqual(['s1', 's2']);
    expect(data.nurse.nodes).toEqual([{ id: 's1' }]);
    expect(data.age.nodes).toEqual([{ id: 's2' }]);
    expect(data.topics).toEqual([
      { id: 't1', slug: 'seksuell-helse', parent: null },
      { id: 't2', slug: 'kjonnssykdommer', parent: { id: 't1' } },
    ]);
    expect(data.organisations.map((o: Json) => o.name as unknown)).toEqual(['Ungdomshelse Norge', 'Rusinfo']);
    expect(data.organisations[0].translations).toEqual([]);
  });

  it('searches through the search provider and returns read-store items', async () => {
    const { search: s } = await q(`{ search(query: "klamydia", locale: nb, first: 5) { totalHits hits { snippet highlightedTitle item { __typename id title ... on Article { slug } } } } }`);
    expect(searches.at(-1)).toEqual({ query: 'klamydia', locale: 'nb', types: ['article', 'question', 'service'], first: 5 });
    expect(s.totalHits).toBe(3);
    expect(s.hits).toEqual([
      { snippet: 'En <mark>infeksjon</mark>', highlightedTitle: 'Hva er <mark>klamydia</mark>?', item: { __typename: 'Article', id: 'a1', title: 'Hva er klamydia?', slug: 'hva-er-klamydia' } },
      { snippet: null, highlightedTitle: null, item: { __typename: 'Question', id: 'q1', title: 'Kan man få klamydia av kyssing?' } },
    ]);
  });

  it('leaves questions out of search for keys without read:questions', async () => {
    const noQuestions = await t.key(['read:content', 'search']);
    const { search: s } = await q('{ search(query: "klamydia", locale: nb, types: [article, question]) { hits { item { __typename } } } }', undefined, noQuestions);
    expect(searches.at(-1)?.types).toEqual(['article']);
    expect(s.hits).toEqual([{ item: { __typename: 'Article' } }]);
  });

  it('says SEARCH_UNAVAILABLE when no search engine is configured', async () => {
    const bare = await startApi();
    try {
      await seedFixtures(bare.knex);
      const r = await gql(bare.url, await bare.key(), '{ search(query: "x", locale: nb) { totalHits } }');
      expect(r.status).toBe(200);
      expect(codeOf(r)).toBe('SEARCH_UNAVAILABLE');
      expect(r.body.data).toBeNull();
    } finally {
      await bare.stop();
    }
  });

  it('serves a new version as soon as it is published', async () => {
    const before = (await q('{ article(id: "a3", locale: nb) { version title body { html } } }')).article;
    await publishDocument(t.knex, article('a3', { title: 'Ny tittel', body: '# Nytt\n', provider: { id: 'o1', title: 'Ungdomshelse Norge' }, professionallyResponsible: null }), {});
    const after = (await q('{ article(id: "a3", locale: nb) { version title body { html } } }')).article;
    expect(after).toEqual({ version: before.version + 1, title: 'Ny tittel', body: { html: '<h1>Nytt</h1>' } });
  });
});
