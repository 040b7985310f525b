import { parseInternalHref } from '../parse-internal-href';
import { runQualityGate } from '../run-quality-gate';
import type { GateOptions } from '../types';
import { article, checksOf } from './fixtures';

const linkChecks = (
  body: string,
  rule: string,
  options?: GateOptions,
): [string, number | undefined][] =>
  checksOf(runQualityGate(article({ body }), options), rule).map((c) => [c.severity, c.line]);

describe('empty-links', () => {
  it('blocks links without text or target, with their lines', () => {
    const body = [
      'Les om [klamydia](https://helsenorge.no/klamydia).', // fine
      '',
      'Tom tekst: [](https://helsenorge.no).', // line 3: no text
      '',
      'Uten mål: [klamydia]() og [test](#).', // line 5: two without target
      '',
      'Med bilde: [![Testsett](kit.png)](https://helsenorge.no).', // the alt text is the link text
    ].join('\n');
    expect(linkChecks(body, 'empty-links')).toEqual([
      ['error', 3],
      ['error', 5],
      ['error', 5],
    ]);
  });

  it('checks HTML anchors, also when split across inline HTML', () => {
    const body =
      'Se <a href="https://ung.no"></a> og <a href="">ung.no</a>.\n\n<a href="#">Les</a>\n';
    expect(linkChecks(body, 'empty-links')).toEqual([
      ['error', 1],
      ['error', 1],
      ['error', 3],
    ]);
  });
});

describe('link-text', () => {
  it.each([
    'klikk her',
    'Her',
    'Les mer …',
    'les meir',
    'Trykk her!',
    'lenke',
    'Click here',
    'here',
    'Read more.',
    'LINK',
  ])('blocks the link text %j', (text) => {
    const checks = linkChecks(
      `Informasjon om test.\n\n[${text}](https://helsenorge.no)\n`,
      'link-text',
    );
    expect(checks).toEqual([['error', 3]]);
  });

  it('accepts link text that names the target, even when it contains "her"', () => {
    expect(
      linkChecks(
        '[Les mer om klamydia](https://helsenorge.no) og [her får du hjelp](https://ung.no)',
        'link-text',
      ),
    ).toEqual([]);
  });

  it('checks reference links and autolinks', () => {
    const body = 'Se [her][hn].\n\nEller <https://ung.no>.\n\n[hn]: https://helsenorge.no\n';
    expect(linkChecks(body, 'link-text')).toEqual([['error', 1]]);
  });
});

describe('internal-links', () => {
  const body = [
    'Les om [kondom](/artikler/kondom) og [p-pille](kilde:article/p-pille).',
    '',
    'Se også [sorg](/nn/artiklar/sorg#hjelp) og [WHO](https://who.int/x).',
  ].join('\n');
  const published = new Set(['/artikler/kondom', 'kilde:article/p-pille']);

  it('blocks links to unpublished content, with their lines', () => {
    const isPublishedLink = (href: string): boolean => published.has(href);
    const result = runQualityGate(article({ body }), { isPublishedLink });
    expect(result.passed).toBe(false);
    expect(checksOf(result, 'internal-links')).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 3,
        message: expect.stringContaining('/nn/artiklar/sorg#hjelp'),
      }),
    ]);
  });

  it('passes the href exactly as written, and never asks about external links', () => {
    const asked: string[] = [];
    runQualityGate(article({ body }), {
      isPublishedLink: (href) => {
        asked.push(href);
        return true;
      },
    });
    expect(asked).toEqual(['/artikler/kondom', 'kilde:article/p-pille', '/nn/artiklar/sorg#hjelp']);
  });

  it('reports links the resolver cannot tell about as info', () => {
    expect(linkChecks(body, 'internal-links', { isPublishedLink: () => undefined })).toEqual([
      ['info', 1],
      ['info', 1],
      ['info', 3],
    ]);
  });

  it('says once that links were not checked when there is no resolver', () => {
    const checks = checksOf(runQualityGate(article({ body })), 'internal-links');
    expect(checks).toEqual([
      expect.objectContaining({ severity: 'info', message: expect.stringMatching(/^3 internal/) }),
    ]);
  });

  it('blocks malformed kilde: links even without a resolver', () => {
    expect(linkChecks('Se [test](kilde:artikkel/123).', 'internal-links')).toEqual([['error', 1]]);
  });

  it('splits the accepted forms', () => {
    expect(parseInternalHref('kilde:article/klamydia-nb#test')).toEqual({
      kind: 'kilde',
      type: 'article',
      id: 'klamydia-nb',
    });
    expect(parseInternalHref('/artikler/klamydia')).toEqual({
      kind: 'article-path',
      locale: undefined,
      segment: 'artikler',
      slug: 'klamydia',
    });
    expect(parseInternalHref('/en/articles/chlamydia?x=1')).toEqual({
      kind: 'article-path',
      locale: 'en',
      segment: 'articles',
      slug: 'chlamydia',
    });
    expect(parseInternalHref('/tema/pubertet')).toEqual({ kind: 'path', path: '/tema/pubertet' });
    expect(parseInternalHref('kilde:article/')).toEqual({
      kind: 'malformed',
      href: 'kilde:article/',
    });
    expect(parseInternalHref('https://helsenorge.no/artikler/x')).toBeNull();
    expect(parseInternalHref('//cdn.example/x')).toBeNull();
  });
});
