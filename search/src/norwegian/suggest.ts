import type { AnalysisProfile, TextAnalyzer } from './analyzer';
import { tokenize } from './tokenize';

/**
 * A spelling suggestion for a query from the indexed vocabulary ("did you mean"), or `null`
 * when every word is known (as written, as an inflection, or as a compound of known words).
 *
 * @remarks
 * Unknown words are replaced by the nearest vocabulary word — fewest edits, then most
 * documents — allowing more edits than search does (1 up to four letters, 2 up to eight, then 3),
 * because a suggestion is offered, not silently applied. Replacements use the corpus spelling
 * ("kjaerlihet" → "kjærlighet"), never the folded form.
 */
export function suggestQuery(
  q: string,
  analyzer: TextAnalyzer,
  profile: AnalysisProfile,
): string | null {
  const vocabulary = analyzer.vocabulary;
  let out = '';
  let at = 0;
  let changed = false;
  for (const token of tokenize(q)) {
    out += q.slice(at, token.start);
    at = token.end;
    const a = analyzer.analyze(token.text, profile);
    const known =
      a.stop ||
      /^\d+$/.test(a.folded) ||
      vocabulary.df(a.folded) > 0 ||
      vocabulary.keyDf(a.key) > 0 ||
      analyzer.split(a.folded, profile) !== null;
    if (known) {
      out += token.text;
      continue;
    }
    const length = a.folded.length;
    const maxDistance = length <= 4 ? 1 : length <= 8 ? 2 : 3;
    const [best] = vocabulary.fuzzy(a.folded, maxDistance, 1);
    if (best) {
      out += vocabulary.written(best.term);
      changed = true;
    } else {
      out += token.text;
    }
  }
  out += q.slice(at);
  return changed ? out : null;
}
