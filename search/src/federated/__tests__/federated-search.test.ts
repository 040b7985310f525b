import { federatedSearch } from '../federated-search';
import { defaultNeedsHelp } from '../needs-help';
import { EmbeddedSearchEngine } from '../../embedded/embedded-search-engine';
import { article, question, searchDocs, service, topics } from '../../../test/helpers/fixtures';

async function engineWithLibrary(): Promise<EmbeddedSearchEngine> {
  const engine = new EmbeddedSearchEngine();
  await engine.upsert(
    searchDocs(
      article({
        id: 'angst-skole',
        title: 'Angst på skolen',
        summary: 'Når du gruer deg til skolen',
        topics: [topics.skole],
      }),
      article({ id: 'angst', title: 'Angst', summary: 'Hva angst er', topics: [topics.psykisk] }),
      article({ id: 'angst-nn', locale: 'nn', title: 'Angst på skulen' }),
      question({
        id: 'q-angst',
        title: 'Angst før prøver',
        question: 'Jeg får angst før hver prøve på skolen',
      }),
      question({
        id: 'q-leve',
        title: 'Vil ikke leve',
        question: 'Jeg vil ikke leve lenger, hva gjør jeg?',
      }),
      service({
        id: 'mental-helse',
        title: 'Mental Helse Hjelpetelefonen',
        description: 'Døgnåpen telefon for alle som trenger noen å snakke med',
        crisis: true,
      }),
      service({
        id: 'alarm',
        title: 'Alarmtelefonen for barn og unge',
        description: 'Ring hvis du blir utsatt for vold eller overgrep',
        crisis: true,
      }),
      service({
        id: 'skolehelse',
        title: 'Skolehelsetjenesten',
        description: 'Snakk med helsesykepleier om angst og skole',
        crisis: false,
      }),
      service({
        id: 'alarm-en',
        locale: 'en',
        title: 'Alarm phone',
        description: 'Call if you are hurt',
        crisis: true,
      }),
    ),
  );
  return engine;
}

describe('federatedSearch', () => {
  it('groups hits by type in the widget’s locale with what the widget shows', async () => {
    const engine = await engineWithLibrary();
    const r = await federatedSearch(engine, { q: 'angst skole', locale: 'nb' });
    expect(r.articles.map((h) => h.documentId)).toEqual(['angst-skole', 'angst']);
    expect(r.questions.map((h) => h.documentId)).toEqual(['q-angst']);
    expect(r.services.map((h) => h.documentId)).toEqual(['skolehelse']);
    expect(r.total).toBe(4);
    expect(r.helpBoosted).toBe(false);
    expect(r.order).toEqual(['article', 'question', 'service']);
    expect(r.articles[0]).toMatchObject({
      type: 'article',
      locale: 'nb',
      title: 'Angst på skolen',
      titleHtml: '<mark>Angst</mark> på <mark>skolen</mark>',
      slug: 'angst-skole',
      provider: { id: 'org-kilde', name: 'Kilde' },
      lastReviewed: '2025-02-01',
    });
  });

  it('puts crisis services first, and always includes them, when the query signals a need for help', async () => {
    const engine = await engineWithLibrary();
    const r = await federatedSearch(engine, {
      q: 'vil ikke leve',
      locale: 'nb',
      types: ['question'],
    });
    expect(r.helpBoosted).toBe(true);
    expect(r.order[0]).toBe('service');
    expect(new Set(r.services.map((h) => h.documentId))).toEqual(
      new Set(['mental-helse', 'alarm']),
    );
    expect(r.services.every((h) => h.crisis && h.locale === 'nb')).toBe(true);
    expect(r.questions.map((h) => h.documentId)).toEqual(['q-leve']);
  });

  it('recognises nynorsk and other phrasings with the built-in fallback', () => {
    for (const q of ['vil ikkje leve', 'eg blir slått heime', 'kutter meg', 'KMS']) {
      expect(defaultNeedsHelp(q, 'nn')).toBe(true);
    }
    for (const q of ['angst skole', 'leve med diabetes', 'slått opp med kjæresten']) {
      expect(defaultNeedsHelp(q, 'nb')).toBe(false);
    }
  });

  it('uses the needsHelp hook it is given (the safety classifier)', async () => {
    const engine = await engineWithLibrary();
    const calls: string[] = [];
    const r = await federatedSearch(engine, {
      q: 'angst',
      locale: 'nb',
      needsHelp: (q, locale) => {
        calls.push(`${locale}:${q}`);
        return true;
      },
    });
    expect(calls).toEqual(['nb:angst']);
    expect(r.helpBoosted).toBe(true);
    expect(r.services.map((h) => h.crisis)).toEqual([true, true, false]);
  });

  it('suggests a spelling when there are few results', async () => {
    const engine = await engineWithLibrary();
    const r = await federatedSearch(engine, { q: 'agnst', locale: 'nb' });
    expect(r.total).toBeGreaterThan(0);
    const none = await federatedSearch(engine, {
      q: 'hjelpetelefnen',
      locale: 'nb',
      types: ['article'],
    });
    expect(none.total).toBe(0);
    expect(none.suggestion).toBe('hjelpetelefonen');
  });

  it('stays within a topic and pages articles and questions', async () => {
    const engine = await engineWithLibrary();
    const r = await federatedSearch(engine, {
      q: 'angst',
      locale: 'nb',
      topic: 'skole',
      types: ['article'],
    });
    expect(r.articles.map((h) => h.documentId)).toEqual(['angst-skole']);
    const page2 = await federatedSearch(engine, {
      q: 'angst',
      locale: 'nb',
      types: ['article'],
      page: 2,
      hitsPerGroup: { article: 1 },
    });
    expect(page2.articles.map((h) => h.documentId)).toEqual(['angst-skole']);
    expect(page2.totals.article).toBe(2);
  });
});
