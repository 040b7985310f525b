import type { TypoToleranceSettings } from '../port/types';
import type { AnalysisProfile, TextAnalyzer } from './analyzer';
import { tokenize } from './tokenize';
import { typoBudget, typoCost } from './typo';
import { fold } from './fold';

/** One index term a query word may match, and what matching it costs. */
export interface PlannedTerm {
  term: string;
  /** Typos charged (0 for exact, key, synonym and prefix matches). */
  typos: number;
  /** The folded surface form as typed: counts for the exactness rule. */
  exact: boolean;
  prefix: boolean;
}

/** Terms that must all be present for the word to match (compound parts, phrase synonyms). */
export interface PlannedGroup {
  terms: string[];
  kind: 'compound' | 'synonym';
}

/** One query word with every way it can match. */
export interface PlannedWord {
  /** Position among the planned (non-stop) words. */
  position: number;
  written: string;
  folded: string;
  /** The word's own key per profile (deduplicated). */
  keys: string[];
  typoBudget: number;
  prefix: boolean;
  terms: PlannedTerm[];
  groups: PlannedGroup[];
  /** Documents containing the word's key: the `frequency` matching strategy drops common words first. */
  frequency: number;
}

/** A query rewritten by the Norwegian layer. */
export interface QueryPlan {
  q: string;
  words: PlannedWord[];
  profiles: AnalysisProfile[];
}

/** How to plan a query. */
export interface PlanOptions {
  profiles: AnalysisProfile[];
  typoTolerance: TypoToleranceSettings;
  prefixSearch: boolean;
  /**
   * Expand typos and prefixes against the vocabulary (the embedded engine). The Meilisearch
   * adapter leaves this off because Meilisearch expands them itself.
   */
  expand: boolean;
  /** Most typo expansions per word. */
  maxTypoTerms?: number;
  /** Most prefix completions for the last word. */
  maxPrefixTerms?: number;
}

/**
 * Rewrites a query into planned words: stop words dropped, each remaining word with its folded
 * form, its key (stem, nb-normalised), synonyms, compound parts and — when `expand` is set —
 * its typo variants and, for the last word, its prefix completions from the vocabulary.
 */
export function planQuery(q: string, analyzer: TextAnalyzer, options: PlanOptions): QueryPlan {
  const tokens = tokenize(q);
  const endsWord = tokens.length > 0 && (tokens[tokens.length - 1]?.end ?? 0) === q.length;
  const disabled = new Set(options.typoTolerance.disableOnWords.map(fold));
  const planned: PlannedWord[] = [];
  let kept = tokens.filter((t) =>
    options.profiles.every((p) => !analyzer.analyze(t.text, p).stop),
  );
  // A query of nothing but stop words still has to mean something; search for them as typed.
  if (kept.length === 0) kept = tokens;

  for (const token of kept) {
    const isLast = token === tokens[tokens.length - 1];
    const written = token.text.toLowerCase();
    const folded = fold(token.text);
    const budget = disabled.has(folded) ? 0 : typoBudget(token.text, options.typoTolerance);
    const word: PlannedWord = {
      position: planned.length,
      written,
      folded,
      keys: [],
      typoBudget: budget,
      prefix: options.prefixSearch && isLast && endsWord,
      terms: [],
      groups: [],
      frequency: 0,
    };
    const terms = new Map<string, PlannedTerm>();
    const addTerm = (term: string, typos: number, exact: boolean, prefix: boolean): void => {
      const prev = terms.get(term);
      if (!prev) {
        terms.set(term, { term, typos, exact, prefix });
        return;
      }
      prev.typos = Math.min(prev.typos, typos);
      prev.exact ||= exact;
      prev.prefix &&= prefix;
    };
    const groupKeys = new Set<string>();
    const addGroup = (groupTerms: string[], kind: PlannedGroup['kind']): void => {
      const id = groupTerms.join(' ');
      if (groupKeys.has(id)) return;
      groupKeys.add(id);
      word.groups.push({ terms: groupTerms, kind });
    };

    addTerm(folded, 0, true, false);
    for (const profile of options.profiles) {
      const key = analyzer.keyOf(folded, profile);
      if (!word.keys.includes(key)) word.keys.push(key);
      addTerm(key, 0, false, false);
      word.frequency = Math.max(word.frequency, analyzer.vocabulary.keyDf(key));
      for (const group of analyzer.synonymsOf(key, profile)) {
        const [only] = group;
        if (group.length === 1 && only !== undefined) addTerm(only, 0, false, false);
        else addGroup(group, 'synonym');
      }
      const parts = analyzer.split(folded, profile);
      if (parts) {
        const partKeys = [...new Set(parts.map((p) => analyzer.keyOf(p, profile)))];
        if (partKeys.length > 1) addGroup(partKeys, 'compound');
      }
    }
    if (options.expand && budget > 0) {
      for (const match of analyzer.vocabulary.fuzzy(folded, budget, options.maxTypoTerms ?? 24)) {
        const cost = typoCost(folded, match.term, budget);
        if (cost <= budget) addTerm(match.term, cost, false, false);
      }
    }
    if (options.expand && word.prefix) {
      for (const term of analyzer.vocabulary.completions(folded, options.maxPrefixTerms ?? 48)) {
        addTerm(term, 0, false, true);
      }
    }
    word.terms = [...terms.values()];
    planned.push(word);
  }
  return { q, words: planned, profiles: options.profiles };
}
