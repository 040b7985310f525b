import { TextAnalyzer } from '../analyzer';
import { Vocabulary } from '../vocabulary';
import { planQuery, type PlanOptions } from '../query-plan';
import { defaultIndexSettings } from '../../settings/default-index-settings';

const options = (expand = true): PlanOptions => ({
  profiles: ['no'],
  typoTolerance: defaultIndexSettings.typoTolerance,
  prefixSearch: true,
  expand,
});

function analyzerWith(texts: string[]): TextAnalyzer {
  const analyzer = TextAnalyzer.fromSettings(defaultIndexSettings, new Vocabulary());
  for (const text of texts) {
    const words = analyzer.analyzeText(text, 'no');
    analyzer.vocabulary.addDocument(
      words.map((w) => [w.folded, w.written] as const),
      words.map((w) => w.key),
    );
  }
  return analyzer;
}

describe('TextAnalyzer at index time', () => {
  const analyzer = analyzerWith(['Angst på skolen', 'Skoleangst er vanlig']);

  it('drops stop words and keeps folded forms, keys and compound parts as index terms', () => {
    const words = analyzer.analyzeText('Skoleangst på skulen', 'no');
    expect(words.map((w) => w.written)).toEqual(['skoleangst', 'skulen']);
    expect(analyzer.indexTerms(words, 'no')).toBe('skoleangst skol angst skulen skol');
    expect(analyzer.indexTerms(words, 'no', false)).toBe('skoleangst skol angst skol');
  });

  it('normalises phrases for crisis matching: folded, nynorsk mapped to bokmål', () => {
    expect(analyzer.normalizePhrase('Eg vil IKKJE leve')).toBe('jeg vil ikke leve');
  });
});

describe('planQuery', () => {
  const analyzer = analyzerWith([
    'Klamydia er en kjønnssykdom',
    'Angst på skolen',
    'Kan man bli gravid av førsæd?',
    'Depresjon og deprimert',
  ]);

  it('drops stop words: "kan eg bli gravid av precum" keeps gravid and precum', () => {
    const plan = planQuery('kan eg bli gravid av precum', analyzer, options());
    expect(plan.words.map((w) => w.written)).toEqual(['gravid', 'precum']);
  });

  it('expands synonyms in key space ("precum" → førsæd, sædvæske)', () => {
    const [precum] = planQuery('precum', analyzer, options()).words;
    expect(precum?.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['forsed', 'sedvesk']));
  });

  it('adds typo variants from the vocabulary with their cost', () => {
    const [word] = planQuery('depresjn', analyzer, options()).words;
    expect(word?.typoBudget).toBe(1);
    expect(word?.terms).toEqual(
      expect.arrayContaining([expect.objectContaining({ term: 'depresjon', typos: 1 })]),
    );
  });

  it('completes only the last word, and not when a space ends the query', () => {
    const plan = planQuery('klamy kjønnss', analyzer, options());
    expect(plan.words.map((w) => w.prefix)).toEqual([false, true]);
    expect(plan.words[1]?.terms).toEqual(
      expect.arrayContaining([expect.objectContaining({ term: 'kjonnssikdom', prefix: true })]),
    );
    expect(planQuery('klamy ', analyzer, options()).words[0]?.prefix).toBe(false);
  });

  it('splits a compound query word into a group of part keys', () => {
    const [word] = planQuery('skoleangst', analyzer, options()).words;
    expect(word?.groups).toEqual([{ kind: 'compound', terms: ['skol', 'angst'] }]);
  });

  it('searches a query of only stop words as typed', () => {
    expect(planQuery('hva er det', analyzer, options()).words).toHaveLength(3);
  });

  it('leaves expansion to the engine when asked (Meilisearch)', () => {
    const [word] = planQuery('depresjn', analyzer, options(false)).words;
    expect(word?.terms.map((t) => t.term)).toEqual(['depresjn']);
  });
});
