import { runQualityGate } from '../run-quality-gate';
import { article, checksOf, question } from './fixtures';

describe('summary-present', () => {
  it('blocks an article with a missing or blank summary', () => {
    for (const summary of [undefined, null, '   ']) {
      const result = runQualityGate(article({ summary }));
      expect(result.passed).toBe(false);
      expect(checksOf(result, 'summary-present')).toEqual([
        expect.objectContaining({ severity: 'error' }),
      ]);
    }
  });

  it('does not ask questions for a summary', () => {
    expect(checksOf(runQualityGate(question('Hei!')), 'summary-present')).toEqual([]);
  });
});

describe('summary-length', () => {
  it('allows exactly 300 characters, counting æøå as one each', () => {
    const summary = 'æøå'.repeat(100);
    expect(checksOf(runQualityGate(article({ summary })), 'summary-length')).toEqual([]);
  });

  it('blocks 301 characters and says how many there are', () => {
    const result = runQualityGate(article({ summary: 'a'.repeat(301) }));
    expect(checksOf(result, 'summary-length')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: 'The summary is 301 characters; the limit is 300.',
      }),
    ]);
  });
});

describe('summary-plain-text', () => {
  it.each([
    ['Les om **klamydia** her.', 'bold text'],
    ['Se [Helsenorge](https://helsenorge.no).', 'a link or image'],
    ['Om *klamydia* og test.', 'italics'],
    ['- Test deg\n- Bruk kondom', 'a list'],
    ['## Klamydia', 'a heading'],
    ['Klamydia<br>smitter', 'HTML'],
  ])('warns on Markdown in %j', (summary, what) => {
    const checks = checksOf(runQualityGate(article({ summary })), 'summary-plain-text');
    expect(checks).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining(what) }),
    ]);
  });

  it('accepts ordinary punctuation', () => {
    const summary =
      'Hva er klamydia – og hvordan tester du deg? 8 av 10 merker ingenting (les mer nedenfor).';
    expect(checksOf(runQualityGate(article({ summary })), 'summary-plain-text')).toEqual([]);
  });
});
