import { TextAnalyzer } from '../analyzer';
import { fold } from '../fold';
import { stemNorwegian } from '../stemmer';
import { spellingVariantPairs } from '../spelling-variants';
import { defaultIndexSettings } from '../../settings/default-index-settings';

const analyzer = TextAnalyzer.fromSettings(defaultIndexSettings);
const key = (w: string): string => analyzer.keyOf(fold(w), 'no');

describe('nb ↔ nn spelling variants', () => {
  it('lists about 120 pairs that differ after stemming', () => {
    const differing = spellingVariantPairs.filter(
      ([nb, nn]) => stemNorwegian(fold(nb)) !== stemNorwegian(fold(nn)),
    );
    expect(differing.length).toBeGreaterThanOrEqual(110);
  });

  it.each([
    ['ikke', 'ikkje'],
    ['jeg', 'eg'],
    ['hva', 'kva'],
    ['hvordan', 'korleis'],
    ['hvorfor', 'kvifor'],
    ['skole', 'skule'],
    ['skolen', 'skulen'],
    ['vold', 'vald'],
    ['hjem', 'heim'],
    ['hjemme', 'heime'],
    ['selv', 'sjølv'],
    ['søvn', 'svevn'],
    ['gutt', 'gut'],
    ['venner', 'vener'],
    ['kjærlighet', 'kjærleik'],
    ['sykdom', 'sjukdom'],
    ['syk', 'sjuk'],
    ['bare', 'berre'],
    ['mye', 'mykje'],
    ['hun', 'ho'],
    ['dem', 'dei'],
  ])('%s and %s share a key', (nb, nn) => {
    expect(key(nn)).toBe(key(nb));
  });

  it('leaves "noe"/"noko" to the stop words: "oe" folds to "o", so "noe" meets "no" (nn "nå")', () => {
    expect(analyzer.isStopWord(fold('noe'), 'no')).toBe(true);
    expect(analyzer.isStopWord(fold('noko'), 'no')).toBe(true);
  });

  it('maps inflected nynorsk forms through the stem', () => {
    expect(key('sjukdommen')).toBe(key('sykdommen'));
    expect(key('hovudet')).toBe(key('hodet'));
  });
});
