import type { TypoToleranceSettings } from '../port/types';
import { MAX_PHRASE_WORDS, type AnalysisProfile, type TextAnalyzer } from './analyzer';
import { tokenize, type Token } from './tokenize';
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

/**
 * Terms that must all be present for the word to match: compound parts, the words of a
 * multi-word synonym, or the words of a phrase the query used ("birth control").
 */
export interface PlannedGroup {
  terms: string[];
  kind: 'compound' | 'synonym' | 'phrase';
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
  /**
   * Typo and prefix variants are added most frequent first until they cover this many
   * documents: the cost of a query grows with the postings it reads, and a variant shared by
   * a fifth of the corpus adds little to what the word itself finds. Default 20 000.
   */
  maxExpansionDocuments?: number;
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
  const units = phraseUnits(tokens, analyzer, options.profiles);
  let kept = units.filter(
    (u) =>
      u.phrase || options.profiles.every((p) => !analyzer.analyze(u.tokens[0]?.text ?? '', p).stop),
  );
  // A query of nothing but stop words still has to mean something; search for them as typed.
  if (kept.length === 0) kept = units;

  for (const unit of kept) {
    if (unit.phrase) {
      planned.push(planPhrase(unit.tokens, unit.phrase, analyzer, planned.length));
      continue;
    }
    const token = unit.tokens[0] as Token;
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
    const addGroup = groupAdder(word);

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
    // Variants that stem to the word's own key ("skolen" for "skole") find nothing the key
    // does not already find; leaving them out keeps common words cheap.
    const coveredByKey = (term: string): boolean =>
      options.profiles.some((p) => word.keys.includes(analyzer.keyOf(term, p)));
    const expansionBudget = options.maxExpansionDocuments ?? 20_000;
    if (options.expand && budget > 0) {
      let covered = 0;
      for (const match of analyzer.vocabulary.fuzzy(folded, budget, options.maxTypoTerms ?? 24)) {
        if (covered >= expansionBudget) break;
        const cost = typoCost(folded, match.term, budget);
        if (cost > budget || coveredByKey(match.term)) continue;
        addTerm(match.term, cost, false, false);
        covered += match.df;
      }
    }
    if (options.expand && word.prefix) {
      // Short prefixes have thousands of completions; like Meilisearch's prefix database, only
      // the most frequent are searched.
      const limit =
        options.maxPrefixTerms ?? (folded.length <= 2 ? 8 : folded.length === 3 ? 16 : 30);
      let added = 0;
      let covered = 0;
      for (const term of analyzer.vocabulary.completions(folded, limit * 2)) {
        if (added >= limit || covered >= expansionBudget) break;
        if (coveredByKey(term)) continue;
        addTerm(term, 0, false, true);
        added++;
        covered += analyzer.vocabulary.df(term);
      }
    }
    word.terms = [...terms.values()];
    planned.push(word);
  }
  return { q, words: planned, profiles: options.profiles };
}

/** A query word, or a run of words that is a multi-word synonym key. */
interface Unit {
  tokens: Token[];
  phrase?: { key: string; profile: AnalysisProfile };
}

/** Groups tokens into words and phrases, longest phrase first ("morning after pill"). */
function phraseUnits(tokens: Token[], analyzer: TextAnalyzer, profiles: AnalysisProfile[]): Unit[] {
  const phrases = profiles.filter((p) => analyzer.hasPhraseSynonyms(p));
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; ) {
    let unit: Unit | undefined;
    for (let n = Math.min(MAX_PHRASE_WORDS, tokens.length - i); n >= 2 && !unit; n--) {
      const run = tokens.slice(i, i + n);
      for (const profile of phrases) {
        const key = run.map((t) => analyzer.keyOf(fold(t.text), profile)).join(' ');
        if (analyzer.synonymsOf(key, profile).length > 0) {
          unit = { tokens: run, phrase: { key, profile } };
          break;
        }
      }
    }
    unit ??= { tokens: [tokens[i] as Token] };
    units.push(unit);
    i += unit.tokens.length;
  }
  return units;
}

/** A phrase synonym key as one planned word: its synonyms, or all of its own words. */
function planPhrase(
  run: Token[],
  phrase: { key: string; profile: AnalysisProfile },
  analyzer: TextAnalyzer,
  position: number,
): PlannedWord {
  const word: PlannedWord = {
    position,
    written: run.map((t) => t.text.toLowerCase()).join(' '),
    folded: run.map((t) => fold(t.text)).join(' '),
    keys: [phrase.key],
    typoBudget: 0,
    prefix: false,
    terms: [],
    groups: [],
    frequency: 0,
  };
  const addGroup = groupAdder(word);
  for (const group of analyzer.synonymsOf(phrase.key, phrase.profile)) {
    const [only] = group;
    if (group.length === 1 && only !== undefined) {
      word.terms.push({ term: only, typos: 0, exact: false, prefix: false });
    } else addGroup(group, 'synonym');
  }
  const own = run
    .map((t) => analyzer.analyze(t.text, phrase.profile))
    .filter((a) => !a.stop)
    .map((a) => a.key);
  if (own.length > 1) addGroup(own, 'phrase');
  else if (own[0] !== undefined)
    word.terms.push({ term: own[0], typos: 0, exact: false, prefix: false });
  return word;
}

function groupAdder(word: PlannedWord): (terms: string[], kind: PlannedGroup['kind']) => void {
  const seen = new Set(word.groups.map((g) => g.terms.join(' ')));
  return (terms, kind) => {
    const id = terms.join(' ');
    if (seen.has(id)) return;
    seen.add(id);
    word.groups.push({ terms, kind });
  };
}
