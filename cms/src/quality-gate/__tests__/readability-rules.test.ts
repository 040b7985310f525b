import { runQualityGate } from '../run-quality-gate';
import { article, checksOf } from './fixtures';

// Sentence 1: 9 words, 7 long (all but "og", "for"); sentence 2: 11 words, 7 long (all but
// "tilbyr", "og", "om", "og"). 20 words, 2 sentences, 14 long: LIX = 20/2 + 100 × 14/20 = 80.
const HARD = [
  'Seksualundervisningen omhandler prevensjonsmetoder, kjønnssykdommer og forebyggende helsetjenester for ungdommer.',
  'Helsesykepleiere tilbyr konfidensielle samtaler og veiledning om seksualitet, prevensjon og testing.',
].join(' ');

describe('readability-lix', () => {
  it('warns when LIX is above the youth target of 40, and never blocks', () => {
    const result = runQualityGate(article({ body: HARD }));
    expect(result.readability.lix).toBeCloseTo(80, 2);
    expect(result.passed).toBe(true);
    expect(checksOf(result, 'readability-lix')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('target of 40'),
      }),
    ]);
  });

  it('uses 50 for parents and professionals only, and honours lixTarget', () => {
    const forAdults = runQualityGate(
      article({ body: 'Kort og greit. Lett å lese.', audience: ['parents', 'professionals'] }),
    );
    expect(checksOf(forAdults, 'readability-lix')[0]?.message).toContain('target of 50');
    const custom = runQualityGate(article({ body: HARD }), { lixTarget: 90 });
    expect(checksOf(custom, 'readability-lix')).toEqual([
      expect.objectContaining({ severity: 'info' }),
    ]);
  });

  it('labels the level in the locale, with a Norwegian message', () => {
    const result = runQualityGate(article({ body: 'Kort og greit. Lett å lese.', locale: 'nn' }));
    expect(result.readability.level).toBe('svært lettlest');
    expect(checksOf(result, 'readability-lix')[0]?.messageNb).toMatch(
      /^LIX \d+,\d \(svært lettlest\)/,
    );
  });
});

describe('long-sentences', () => {
  const long =
    'Når du har hatt sex uten kondom med en ny partner er det lurt å ta en test hos fastlegen eller på helsestasjonen for ungdom etter to uker.';
  const short = 'Det er gratis.';

  it('warns when more than 20 % of sentences are long, pointing at the lines', () => {
    // 1 of 4 sentences is long: 25 % > 20 %.
    const body = `${short} ${short}\n\n${short}\n\n${long}\n`;
    const checks = checksOf(runQualityGate(article({ body })), 'long-sentences');
    expect(checks).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 5,
        message: expect.stringContaining('1 of 4 sentences (25%)'),
      }),
    ]);
  });

  it('lists the first five lines and counts the rest', () => {
    const body = Array.from({ length: 7 }, () => long).join('\n\n');
    const [check] = checksOf(runQualityGate(article({ body })), 'long-sentences');
    expect(check?.message).toContain('(lines 1, 3, 5, 7, 9 and 2 more)');
    expect(check?.messageNb).toContain('(linje 1, 3, 5, 7, 9 og 2 til)');
  });

  it('says nothing at 20 % or below', () => {
    const body = `${short} ${short} ${short} ${short}\n\n${long}\n`;
    expect(checksOf(runQualityGate(article({ body })), 'long-sentences')).toEqual([]);
  });
});

describe('long-words', () => {
  it('reports the share of long words as info', () => {
    // 6 words, 2 of them 7+ letters: "Klamydia", "vanligste".
    const checks = checksOf(
      runQualityGate(article({ body: 'Klamydia er den vanligste av dem.' })),
      'long-words',
    );
    expect(checks).toEqual([
      expect.objectContaining({
        severity: 'info',
        message: '33% of the words (2 of 6) have 7 or more letters.',
      }),
    ]);
  });
});
