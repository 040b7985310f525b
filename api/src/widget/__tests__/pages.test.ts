import type { PublicSearchResponse } from '../../public-search/types';
import { demoteHeadings, renderResultsPage } from '../pages';
import { renderDemoPage } from '../demo-page';
import { pageSecurityHeaders } from '../security-headers';

const assets = { css: '/sok/assets/0123456789abcdef.css', widget: '/widget/0123456789abcdef.js' };
const help = {
  services: [
    {
      name: 'Helsestasjon for ungdom',
      description: 'Gratis og åpent',
      phone: '22 00 00 00',
      url: '/sok/tjeneste/nb/hfu',
    },
  ],
  topics: [
    { slug: 'rus', title: 'Alkohol og rusmidler', url: '/sok?q=Alkohol+og+rusmidler&locale=nb' },
  ],
  askUrl: '/sporsmal?locale=nb',
};

function response(over: Partial<PublicSearchResponse> = {}): PublicSearchResponse {
  return {
    queryId: 'q_x',
    query: 'angst',
    locale: 'nn',
    page: 1,
    pageSize: 10,
    tookMs: 1,
    totalHits: 1,
    needsHelp: false,
    help: null,
    suggestion: null,
    order: ['article', 'question', 'service'],
    groups: [
      {
        type: 'article',
        totalHits: 1,
        hits: [
          {
            position: 1,
            id: 'a1',
            type: 'article',
            locale: 'nb',
            slug: 'angst',
            title: 'Angst <b>',
            titleHtml: '<mark>Angst</mark> &lt;b&gt;',
            summary: 'Om angst',
            summaryHtml: 'Om angst',
            snippetHtml: 'Om <mark>angst</mark><script>alert(1)</script>',
            provider: { id: 'p', name: 'Kilde' },
            lastReviewed: '2026-01-10',
            fallbackLocale: true,
            url: '/sok/artikkel/nb/angst',
          },
        ],
      },
    ],
    ...over,
  };
}

describe('renderResultsPage', () => {
  it('renders hits with highlights, a language label for fallback hits, and no script', () => {
    const html = renderResultsPage({
      locale: 'nn',
      q: 'angst',
      topic: null,
      assets,
      result: response(),
      help,
    });
    expect(html).toContain('<html lang="nn">');
    expect(html).toContain('<p role="status">1 treff for «angst»</p>');
    expect(html).toContain('<h2 id="g-article">Artiklar (1)</h2>');
    expect(html).toContain(
      '<h3 lang="nb"><a href="/sok/artikkel/nb/angst"><mark>Angst</mark> &lt;b&gt;</a><span class="badge">På bokmål</span></h3>',
    );
    expect(html).toContain('Frå Kilde');
    expect(html).toContain('<time datetime="2026-01-10">10.01.2026</time>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('Spør oss'); // help only on zero results
  });

  it('escapes the query everywhere it appears', () => {
    const q = '"><img src=x onerror=alert(1)>';
    const html = renderResultsPage({
      locale: 'nb',
      q,
      topic: null,
      assets,
      result: response({ query: q, totalHits: 0, groups: [] }),
      help,
    });
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('on zero results offers the suggestion, topics, asking and help services, and crisis numbers first', () => {
    const html = renderResultsPage({
      locale: 'nb',
      q: 'klamidya',
      topic: null,
      assets,
      result: response({
        totalHits: 0,
        groups: [],
        suggestion: 'klamydia',
        help: {
          crisis: true,
          severity: 'acute',
          numbers: [
            {
              id: 'm',
              name: 'Mental Helse Hjelpetelefonen',
              phone: '116 123',
              tel: 'tel:116123',
              description: 'Døgnåpen',
              emergency: false,
            },
          ],
        },
      }),
      help,
    });
    expect(html).toContain('Vi fant ingenting om «klamidya».');
    expect(html).toContain('Mente du <a href="/sok?q=klamydia&amp;locale=nb">klamydia</a>?');
    expect(html).toContain('<a href="tel:116123">Ring 116 123</a> – Mental Helse Hjelpetelefonen');
    expect(html.indexOf('Trenger du hjelp nå?')).toBeLessThan(html.indexOf('Vi fant ingenting'));
    expect(html).toContain('<a href="/sporsmal?locale=nb">Still et spørsmål</a>');
    expect(html).toContain('Alkohol og rusmidler');
    expect(html).toContain('Helsestasjon for ungdom');
  });

  it('links every language version of the page', () => {
    const html = renderResultsPage({
      locale: 'en',
      q: 'sleep',
      topic: null,
      assets,
      result: null,
      help,
    });
    expect(html).toContain('href="/sok?q=sleep&amp;locale=nn" lang="nn" hreflang="nn"');
    expect(html).toContain('aria-current="page">English');
  });
});

describe('page helpers', () => {
  it('demoteHeadings puts a body under the page heading', () => {
    expect(demoteHeadings('<h1>A</h1><h2>B</h2>')).toBe('<h2>A</h2><h3>B</h3>');
    expect(demoteHeadings('<h2>A</h2>')).toBe('<h2>A</h2>');
    expect(demoteHeadings('<h2 id="x">A</h2>', 3)).toBe('<h3 id="x">A</h3>');
  });

  it('the demo page has three widgets with their no-JavaScript forms and no inline script', () => {
    const html = renderDemoPage({
      assets,
      widgetKey: 'kwk_abcdefgh_abcdefghijklmnopqrstuvwx',
      origin: 'http://localhost:4000',
    });
    expect(html.match(/<kilde-search /g)).toHaveLength(3);
    expect(html.match(/<form action="\/sok"/g)).toHaveLength(3);
    expect(html).toContain('<script type="module" src="/widget/0123456789abcdef.js"></script>');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/ style=/);
  });

  it('the demo page says how to get a key when there is none', () => {
    expect(renderDemoPage({ assets, widgetKey: null, origin: 'http://localhost:4000' })).toContain(
      'No demo widget key was found',
    );
  });

  it('pages allow only their own origin', () => {
    expect(pageSecurityHeaders['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(pageSecurityHeaders['content-security-policy']).not.toMatch(
      /unsafe-inline|unsafe-eval|\*/,
    );
    expect(pageSecurityHeaders['referrer-policy']).toBe('no-referrer');
    expect(pageSecurityHeaders['x-content-type-options']).toBe('nosniff');
  });
});
