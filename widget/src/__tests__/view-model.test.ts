import { relatedTopics } from '../help';
import { strings } from '../i18n';
import type { SearchHit, SearchResponse } from '../types';
import { buildResultView, flatOptions, type ViewContext } from '../view-model';

const ctx: ViewContext = {
  base: 'https://kilde.example',
  locale: 'nn',
  strings: strings.nn,
  topics: [],
  askUrl: 'https://kilde.example/sporsmal?locale=nn',
};

function hit(over: Partial<SearchHit>): SearchHit {
  return {
    position: 1,
    id: 'a1',
    type: 'article',
    locale: 'nn',
    title: 'Angst på skulen',
    titleHtml: 'Angst på <mark>skulen</mark>',
    summary: 'Om skuleangst',
    provider: { name: 'Skulehelse Vest' },
    lastReviewed: '2026-01-10',
    fallbackLocale: false,
    url: '/sok/artikkel/nn/angst-pa-skulen',
    ...over,
  };
}

describe('buildResultView', () => {
  it('groups hits in order with labels, meta and a "show all" option', () => {
    const response: SearchResponse = {
      query: 'angst',
      locale: 'nn',
      totalHits: 4,
      queryId: 'q_1',
      groups: [
        {
          type: 'service',
          totalHits: 1,
          hits: [
            hit({
              id: 's1',
              type: 'service',
              title: 'Helsestasjon for ungdom',
              url: '/sok/tjeneste/nn/hfu',
              phone: '22 00 00 00',
            }),
          ],
        },
        {
          type: 'article',
          totalHits: 2,
          hits: [
            hit({}),
            hit({
              id: 'a2',
              position: 2,
              locale: 'nb',
              fallbackLocale: true,
              title: 'Angst',
              url: '/sok/artikkel/nb/angst',
            }),
          ],
        },
        {
          type: 'question',
          totalHits: 1,
          hits: [
            hit({
              id: 'q1',
              type: 'question',
              title: 'Er det farleg?',
              url: '/sok/sporsmal/nn/q1',
            }),
          ],
        },
      ],
    };
    const view = buildResultView(response, 'angst', ctx);
    expect(view.groups.map((g) => g.label)).toEqual([
      'Artiklar',
      'Spørsmål og svar',
      'Her kan du få hjelp',
    ]);
    const options = flatOptions(view);
    expect(options.map((o) => o.label)).toEqual([
      'Angst på skulen',
      'Angst',
      'Er det farleg?',
      'Helsestasjon for ungdom',
      'Vis alle resultat (4)',
    ]);
    expect(options[0]!.action).toMatchObject({
      kind: 'open',
      href: 'https://kilde.example/sok/artikkel/nn/angst-pa-skulen',
    });
    expect(options[0]!.meta).toBe('Frå Skulehelse Vest · Fagleg kontrollert 10.01.2026');
    // A bokmål hit in a nynorsk widget is labelled and marked with its language.
    expect(options[1]).toMatchObject({ badge: 'På bokmål', lang: 'nb' });
    expect(options[3]!.meta).toMatch(/^Ring 22 00 00 00/);
    expect(options[4]!.action).toEqual({
      kind: 'show-all',
      href: 'https://kilde.example/sok?q=angst&locale=nn',
    });
    expect(view.announcement).toBe('4 treff');
    expect(view.message).toBeUndefined();
  });

  it('resolves hit paths against a partner-given result base', () => {
    const response: SearchResponse = {
      query: 'a',
      locale: 'nn',
      totalHits: 1,
      groups: [{ type: 'article', totalHits: 1, hits: [hit({})] }],
    };
    const [first] = flatOptions(
      buildResultView(response, 'a', { ...ctx, resultBase: 'https://ung.example/kilde/' }),
    );
    expect(first!.action).toMatchObject({
      href: 'https://ung.example/sok/artikkel/nn/angst-pa-skulen',
    });
  });

  it('refuses javascript: URLs from a hit', () => {
    const response: SearchResponse = {
      query: 'a',
      locale: 'nn',
      totalHits: 1,
      groups: [{ type: 'article', totalHits: 1, hits: [hit({ url: 'javascript:alert(1)' })] }],
    };
    expect(
      flatOptions(buildResultView(response, 'a', ctx)).filter((o) => o.action.kind === 'open'),
    ).toHaveLength(0);
  });

  it('on zero results offers the suggestion, topics, help services and asking', () => {
    const response: SearchResponse = {
      query: 'klamidya',
      locale: 'nn',
      totalHits: 0,
      suggestion: 'klamydia',
      groups: [{ type: 'article', totalHits: 0, hits: [] }],
    };
    const help = {
      locale: 'nn' as const,
      services: [
        {
          name: 'Helsestasjon for ungdom',
          description: 'Gratis',
          phone: '22 00 00 00',
          url: '/sok/tjeneste/nn/hfu',
        },
      ],
      topics: [
        { slug: 'rus', title: 'Alkohol og rusmiddel', url: '/sok?q=Alkohol' },
        { slug: 'kjonnssykdommer', title: 'Kjønnssjukdommar', url: '/sok?q=Kj' },
      ],
    };
    const view = buildResultView(response, 'klamidya', ctx, help);
    expect(view.message).toBe('Vi fann ingenting om «klamidya».');
    expect(view.groups.map((g) => g.key)).toEqual(['suggestion', 'topics', 'help', 'ask']);
    const options = flatOptions(view);
    expect(options[0]).toMatchObject({
      label: 'Meinte du «klamydia»?',
      action: { kind: 'suggestion', query: 'klamydia' },
    });
    expect(options.find((o) => o.label === 'Helsestasjon for ungdom')!.action).toEqual({
      kind: 'link',
      href: 'https://kilde.example/sok/tjeneste/nn/hfu',
    });
    expect(options.at(-1)!.action).toEqual({
      kind: 'link',
      href: 'https://kilde.example/sporsmal?locale=nn',
    });
    expect(view.trailing).toEqual([]);
  });

  it('puts crisis numbers first, with tel: links, when the answer says help.crisis', () => {
    const response: SearchResponse = {
      query: 'vil ikkje leve',
      locale: 'nn',
      totalHits: 0,
      help: {
        crisis: true,
        numbers: [
          { name: 'Mental Helse Hjelpetelefonen', phone: '116 123', tel: 'tel:116123' },
          { name: 'Politi', phone: '112' },
        ],
      },
      groups: [],
    };
    const view = buildResultView(response, 'vil ikkje leve', ctx);
    expect(view.groups[0]).toMatchObject({
      key: 'crisis',
      label: 'Treng du hjelp no?',
      tone: 'crisis',
    });
    expect(view.groups[0]!.options.map((o) => o.action)).toEqual([
      { kind: 'link', href: 'tel:116123' },
      { kind: 'link', href: 'tel:112' },
    ]);
    expect(view.groups[0]!.options[0]!.label).toBe('Ring 116 123 – Mental Helse Hjelpetelefonen');
    expect(view.announcement).toBe('Vi fann ingenting om «vil ikkje leve». Treng du hjelp no?');
  });
});

describe('relatedTopics', () => {
  const topics = [
    { slug: 'rus', title: 'Alkohol og rusmiddel' },
    { slug: 'kjonnssykdommer', title: 'Kjønnssjukdommar' },
    { slug: 'skole', title: 'Skule og utdanning' },
  ];
  it('ranks topics sharing a word stem first, then the partner’s own', () => {
    expect(relatedTopics(topics, 'skulen min', []).map((t) => t.slug)).toEqual([
      'skole',
      'rus',
      'kjonnssykdommer',
    ]);
    expect(relatedTopics(topics, 'qwerty', ['kjonnssykdommer']).map((t) => t.slug)[0]).toBe(
      'kjonnssykdommer',
    );
    expect(relatedTopics(topics, 'x', [], 2)).toHaveLength(2);
  });
});
