import { runQualityGate } from '../run-quality-gate';
import { article, checksOf } from './fixtures';

const headingChecks = (body: string): [string, number | undefined][] =>
  checksOf(runQualityGate(article({ body })), 'heading-levels').map((c) => [c.severity, c.line]);

describe('heading-levels', () => {
  it('accepts H2 → H3 → H2 → H3', () => {
    expect(headingChecks('## A\n\n### B\n\n## C\n\n### D\n')).toEqual([]);
  });

  it('blocks a skipped level with the line of the offending heading', () => {
    const body = 'Innledning.\n\n## Tegn\n\nTekst.\n\n#### Hos gutter\n\nTekst.\n';
    const result = runQualityGate(article({ body }));
    expect(result.passed).toBe(false);
    expect(checksOf(result, 'heading-levels')).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 7,
        message: 'Heading level skipped: level 4 follows level 2. Use level 3.',
      }),
    ]);
  });

  it('treats the title as H1, so a body starting at H3 skips a level', () => {
    expect(headingChecks('### Tegn\n')).toEqual([['error', 1]]);
  });

  it('warns about an H1 in the body, setext style too', () => {
    expect(headingChecks('# Klamydia\n\nTekst.\n\nKlamydia igjen\n==============\n')).toEqual([
      ['warning', 1],
      ['warning', 5],
    ]);
  });

  it('blocks an empty heading', () => {
    expect(headingChecks('Tekst.\n\n##\n')).toEqual([['error', 3]]);
  });
});
