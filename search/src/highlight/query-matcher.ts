import type { AnalysisProfile, TextAnalyzer } from '../norwegian/analyzer';
import type { QueryPlan } from '../norwegian/query-plan';
import { typoCost } from '../norwegian/typo';

/**
 * Decides whether a word of a document matches a planned query, the way the engines matched
 * it: same folded form, same key (inflection, nb/nn spelling), a synonym or compound part, a
 * prefix of the last word, or within the word's typo budget.
 *
 * @remarks
 * Highlighting re-derives matches instead of asking the engine because neither engine reports
 * which surface words matched an expanded term (MiniSearch reports index terms, Meilisearch
 * only knows the rewritten query), and both must mark "skulen" when the query said "skole".
 */
export class QueryMatcher {
  /** Folded forms and keys the plan matches (both live in one index-term space). */
  private readonly terms = new Set<string>();
  private readonly prefixes: string[] = [];
  private readonly typoWords: Array<{ folded: string; budget: number }> = [];
  private readonly memo = new Map<string, boolean>();

  constructor(
    plan: QueryPlan,
    private readonly analyzer: TextAnalyzer,
    private readonly profile: AnalysisProfile,
  ) {
    for (const word of plan.words) {
      this.terms.add(word.folded);
      for (const k of word.keys) this.terms.add(k);
      for (const t of word.terms) this.terms.add(t.term);
      for (const g of word.groups) for (const t of g.terms) this.terms.add(t);
      if (word.prefix) this.prefixes.push(word.folded);
      if (word.typoBudget > 0) this.typoWords.push({ folded: word.folded, budget: word.typoBudget });
    }
  }

  /** Whether a word as written in a document matches. */
  matches = (word: string): boolean => {
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const result = this.compute(word);
    this.memo.set(word, result);
    return result;
  };

  private compute(word: string): boolean {
    const a = this.analyzer.analyze(word, this.profile);
    if (a.stop) return false;
    if (this.terms.has(a.folded) || this.terms.has(a.key)) return true;
    if (this.prefixes.some((p) => a.folded.startsWith(p))) return true;
    if (this.typoWords.some((w) => typoCost(w.folded, a.folded, w.budget) <= w.budget)) {
      return true;
    }
    return this.analyzer.partKeys(a, this.profile).some((k) => this.terms.has(k));
  }
}
