import type { AnalysisProfile, TextAnalyzer } from '../norwegian/analyzer';
import type { QueryPlan } from '../norwegian/query-plan';
import { typoCost } from '../norwegian/typo';

/** Options for {@link QueryMatcher}. */
export interface QueryMatcherOptions {
  /**
   * Check every word against each query word's typo budget. The embedded engine leaves this
   * off because its plan already lists the typo variants found in the vocabulary; the
   * Meilisearch adapter turns it on, since Meilisearch expanded typos on its side.
   */
  typoCheck: boolean;
  /**
   * Compound-part keys of a folded word when the caller knows them already (the embedded
   * engine's forward index), saving a split per word; otherwise the analyzer splits.
   */
  partKeysOf?: (folded: string) => readonly string[] | undefined;
}

/**
 * Decides whether a word of a document matches a planned query, the way the engines matched
 * it: same folded form, same key (inflection, nb/nn spelling), a synonym or compound part, a
 * prefix of the last word, or within the word's typo budget. One matcher serves all hits of a
 * search, so each distinct word is judged once.
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
    private readonly options: QueryMatcherOptions = { typoCheck: true },
  ) {
    for (const word of plan.words) {
      this.terms.add(word.folded);
      for (const k of word.keys) this.terms.add(k);
      for (const t of word.terms) this.terms.add(t.term);
      for (const g of word.groups) for (const t of g.terms) this.terms.add(t);
      if (word.prefix) this.prefixes.push(word.folded);
      if (word.typoBudget > 0)
        this.typoWords.push({ folded: word.folded, budget: word.typoBudget });
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
    for (const p of this.prefixes) if (a.folded.startsWith(p)) return true;
    if (this.options.typoCheck) {
      for (const w of this.typoWords)
        if (typoCost(w.folded, a.folded, w.budget) <= w.budget) return true;
    }
    const parts = this.options.partKeysOf?.(a.folded) ?? this.analyzer.partKeys(a, this.profile);
    for (const k of parts) if (this.terms.has(k)) return true;
    return false;
  }
}
