import { runQualityGate } from '../run-quality-gate';
import type { QualityRule } from '../types';
import {
  article,
  checksOf,
  readSeedArticle,
  SEED_ARTICLES_DIR,
  seedArticleFiles,
} from './fixtures';
import { join } from 'node:path';

const klamydia = (): ReturnType<typeof readSeedArticle> =>
  readSeedArticle(join(SEED_ARTICLES_DIR, 'klamydia/nb.md'));

describe('runQualityGate on a full article', () => {
  it('passes the klamydia seed article with no warnings', () => {
    const result = runQualityGate(klamydia().input);
    expect(result.passed).toBe(true);
    expect(result.checks.filter((c) => c.severity !== 'info')).toEqual([]);
    expect(result.readability).toMatchObject({
      words: 416,
      sentences: 52,
      longWords: 62,
      level: 'svært lettlest',
    });
    // 416/52 + 100 × 62/416 = 8 + 14.9038
    expect(result.readability.lix).toBeCloseTo(22.9, 2);
  });

  it('fails the same article once it is broken, with a line for each problem in the body', () => {
    const { input, body } = klamydia();
    const lines = body.split('\n');
    // Body lines (1-based) of three headings in the seed file.
    expect([lines[8], lines[28], lines[42]]).toEqual([
      '## Tegn på klamydia',
      '## Behandling',
      '## Slik beskytter du deg',
    ]);
    // Edits in place keep the line count, so the lines above still hold.
    lines[8] = '#### Tegn på klamydia';
    lines[28] = '## Behandling ([les mer](#))';
    lines[42] = '## Slik beskytter du deg ![](kondom.png)';
    const broken = {
      ...input,
      body: lines.join('\n'),
      sources: [],
      summary: `${input.summary ?? ''} `.repeat(3),
      translation: { sourceLocale: 'nb' as const, sourceVersion: 2, translatedFromVersion: 1 },
    };

    const result = runQualityGate(broken);
    expect(result.passed).toBe(false);
    expect(
      result.checks.filter((c) => c.severity === 'error').map((c) => [c.rule, c.line]),
    ).toEqual([
      ['sources-required', undefined],
      ['summary-length', undefined],
      ['image-alt-text', 43],
      ['heading-levels', 9],
      ['empty-links', 29],
      ['link-text', 29],
      ['outdated-translation', undefined],
    ]);
  });

  it('returns English and Norwegian messages and leaves out line when there is none', () => {
    const [check] = checksOf(runQualityGate(article({ sources: [] })), 'sources-required');
    expect(check).toEqual({
      rule: 'sources-required',
      severity: 'error',
      message: 'Add at least one source with a URL or a full reference.',
      messageNb: 'Legg til minst én kilde med lenke eller full referanse.',
    });
  });

  it('runs caller-supplied rules, so new rules plug in', () => {
    const noCaps: QualityRule = {
      id: 'no-shouting',
      run: ({ body }) =>
        body.headings
          .filter((h) => h.text === h.text.toUpperCase())
          .map((h) => ({
            severity: 'error' as const,
            message: 'Do not shout.',
            messageNb: 'Ikke rop.',
            line: h.line,
          })),
    };
    const result = runQualityGate(article({ body: 'Tekst.\n\n## HJELP\n' }), { rules: [noCaps] });
    expect(result).toMatchObject({ passed: false, checks: [{ rule: 'no-shouting', line: 3 }] });
  });
});

describe('the seed library', () => {
  it.each(seedArticleFiles().map(({ name, file }) => [name, file]))(
    '%s passes the gate without errors',
    (_name, file) => {
      const result = runQualityGate(readSeedArticle(file).input);
      expect(result.checks.filter((c) => c.severity === 'error')).toEqual([]);
      expect(result.passed).toBe(true);
    },
  );
});
