import { TextAnalyzer } from '../analyzer';
import { Vocabulary } from '../vocabulary';
import { suggestQuery } from '../suggest';
import { defaultIndexSettings } from '../../settings/default-index-settings';

describe('suggestQuery', () => {
  const analyzer = TextAnalyzer.fromSettings(defaultIndexSettings, new Vocabulary());
  for (const text of [
    'Kjærlighet og depresjon',
    'Klamydia og kjønnssykdommer',
    'Angst på skolen',
  ]) {
    const words = analyzer.analyzeText(text, 'no');
    analyzer.vocabulary.addDocument(
      words.map((w) => [w.folded, w.written] as const),
      words.map((w) => w.key),
    );
  }

  it('corrects unknown words to the nearest indexed word, in its corpus spelling', () => {
    expect(suggestQuery('kjarlihet', analyzer, 'no')).toBe('kjærlighet');
    expect(suggestQuery('Hva er deprsjn?', analyzer, 'no')).toBe('Hva er depresjon?');
  });

  it('leaves known words, inflections, stop words and compounds of known words alone', () => {
    expect(suggestQuery('angsten på skolen', analyzer, 'no')).toBeNull();
    expect(suggestQuery('skoleangst', analyzer, 'no')).toBeNull();
  });
});
