import type { Locale } from '@kilde/schemas';
import type { IndexSettings } from '../port/types';
import { fold } from './fold';
import { stemEnglish, stemNorwegian } from './stemmer';
import { spellingVariantPairs } from './spelling-variants';
import { curatedHealthWords } from './curated-vocabulary';
import { defaultCompoundSplitOptions, splitCompound, type PartLexicon } from './compound-splitter';
import { words } from './tokenize';
import { Vocabulary } from './vocabulary';

/** Which rules analyse a text: Norwegian (nb and nn together) or English. */
export type AnalysisProfile = 'no' | 'en';

/** The analysis profile for a document or query locale. */
export function profileFor(locale: Locale): AnalysisProfile {
  return locale === 'en' ? 'en' : 'no';
}

/** One word after analysis. */
export interface WordAnalysis {
  /** Folded surface form: what prefix and typo matching compare. */
  folded: string;
  /** Folded, stemmed and nb-normalised form: what inflections and nn/nb variants share. */
  key: string;
  stop: boolean;
}

/** An indexed word: its analysis plus the keys of its compound parts. */
export interface IndexedWord extends WordAnalysis {
  /** How it was written (lower case), for suggestions. */
  written: string;
  /** Keys of compound parts other than the word's own key ("skoleangst" → skol, angst). */
  parts: string[];
}

/** Analyzer configuration; the engines derive it from {@link IndexSettings}. */
export interface AnalyzerOptions {
  synonyms: Readonly<Record<string, readonly string[]>>;
  stopWords: Readonly<Record<Locale, readonly string[]>>;
  spellingVariants?: ReadonlyArray<readonly [string, string]>;
  curatedWords?: readonly string[];
}

// Curated words count as this many documents when judging compound parts: enough to split in
// a small corpus, negligible next to real frequencies in a large one.
const CURATED_WEIGHT = 3;
const MEMO_LIMIT = 200_000;

/**
 * The Norwegian layer: folding, stemming, nb↔nn normalisation, compound splitting and synonyms,
 * applied to documents at index time and to queries at search time by both engines.
 *
 * @remarks
 * Meilisearch has no nynorsk, no Norwegian stemming and no compound splitting; this class is
 * where Kilde does better, and the Meilisearch adapter is fed its output (expanded fields and
 * rewritten queries) so both engines behave alike.
 */
export class TextAnalyzer {
  readonly vocabulary: Vocabulary;
  private readonly stop: Record<AnalysisProfile, Set<string>>;
  private readonly canonical = new Map<string, string>();
  private readonly canonicalSurface = new Map<string, string>();
  private readonly curatedFolded = new Set<string>();
  private readonly curatedKeys = new Set<string>();
  private readonly synonymTable: Record<AnalysisProfile, Map<string, string[][]>>;
  private readonly memo: Record<AnalysisProfile, Map<string, WordAnalysis>> = {
    no: new Map(),
    en: new Map(),
  };
  private splitMemo = new Map<string, string[] | null>();
  private splitMemoVersion = -1;
  private readonly lexicon: PartLexicon;

  constructor(options: AnalyzerOptions, vocabulary: Vocabulary = new Vocabulary()) {
    this.vocabulary = vocabulary;
    this.stop = {
      no: new Set([...(options.stopWords.nb ?? []), ...(options.stopWords.nn ?? [])].map(fold)),
      en: new Set((options.stopWords.en ?? []).map(fold)),
    };
    for (const [nb, nn] of options.spellingVariants ?? spellingVariantPairs) {
      const fNb = fold(nb);
      const fNn = fold(nn);
      if (fNn !== fNb && !this.canonicalSurface.has(fNn)) this.canonicalSurface.set(fNn, fNb);
      const kNb = stemNorwegian(fNb);
      const kNn = stemNorwegian(fNn);
      // First pair wins: "veke" → "uke" must not be overwritten by a later inflected pair.
      if (kNn !== kNb && !this.canonical.has(kNn)) this.canonical.set(kNn, kNb);
    }
    for (const word of options.curatedWords ?? curatedHealthWords) {
      const f = fold(word);
      this.curatedFolded.add(f);
      this.curatedKeys.add(this.keyOf(f, 'no'));
    }
    this.lexicon = {
      partFrequency: (f) => this.partFrequency(f),
      isStopWord: (f) => this.stop.no.has(f),
    };
    this.synonymTable = {
      no: this.buildSynonyms(options.synonyms, 'no'),
      en: this.buildSynonyms(options.synonyms, 'en'),
    };
  }

  /** Builds an analyzer from index settings. */
  static fromSettings(settings: IndexSettings, vocabulary?: Vocabulary): TextAnalyzer {
    return new TextAnalyzer(
      { synonyms: settings.synonyms, stopWords: settings.stopWords },
      vocabulary,
    );
  }

  /** The key of an already folded word. */
  keyOf(folded: string, profile: AnalysisProfile): string {
    if (profile === 'en') return stemEnglish(folded);
    const stem = stemNorwegian(folded);
    return this.canonical.get(stem) ?? stem;
  }

  /** Folds, stems and normalises one word (memoised: corpora repeat words a lot). */
  analyze(word: string, profile: AnalysisProfile): WordAnalysis {
    const memo = this.memo[profile];
    const hit = memo.get(word);
    if (hit) return hit;
    const folded = fold(word);
    const result: WordAnalysis = {
      folded,
      key: this.keyOf(folded, profile),
      stop: this.stop[profile].has(folded),
    };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, result);
    return result;
  }

  /** Whether a folded word is a stop word for the profile. */
  isStopWord(folded: string, profile: AnalysisProfile): boolean {
    return this.stop[profile].has(folded);
  }

  /**
   * Folded compound parts of a folded word, or `null`. Norwegian only: English compounds are
   * written apart.
   */
  split(folded: string, profile: AnalysisProfile): string[] | null {
    if (profile !== 'no') return null;
    if (this.splitMemoVersion !== this.vocabulary.version || this.splitMemo.size >= MEMO_LIMIT) {
      this.splitMemo.clear();
      this.splitMemoVersion = this.vocabulary.version;
    }
    const cached = this.splitMemo.get(folded);
    if (cached !== undefined) return cached;
    const parts = splitCompound(folded, this.lexicon, defaultCompoundSplitOptions);
    this.splitMemo.set(folded, parts);
    return parts;
  }

  /** Keys of a word's compound parts, without the word's own key. */
  partKeys(analysis: WordAnalysis, profile: AnalysisProfile): string[] {
    const parts = this.split(analysis.folded, profile);
    if (!parts) return [];
    const keys = new Set<string>();
    for (const p of parts) {
      const k = this.keyOf(p, profile);
      if (k !== analysis.key) keys.add(k);
    }
    return [...keys];
  }

  /**
   * The non-stop words of a text, analysed, in order, without compound parts (first indexing
   * pass: feeds the vocabulary before any splitting decision is made).
   */
  analyzeText(text: string, profile: AnalysisProfile): IndexedWord[] {
    const out: IndexedWord[] = [];
    for (const w of words(text)) {
      const a = this.analyze(w, profile);
      if (!a.stop) out.push({ ...a, written: w.toLowerCase(), parts: [] });
    }
    return out;
  }

  /** Fills in compound parts (second indexing pass, once the vocabulary knows the batch). */
  addParts(indexed: IndexedWord[], profile: AnalysisProfile): void {
    for (const w of indexed) w.parts = this.partKeys(w, profile);
  }

  /**
   * The index terms of analysed words as one space-separated string: per word its folded form,
   * its key when different and its part keys. This is what MiniSearch indexes and what the
   * Meilisearch adapter stores in the `*_x` fields.
   */
  static indexTerms(indexed: readonly IndexedWord[], withSurface = true): string {
    const out: string[] = [];
    for (const w of indexed) {
      if (withSurface) out.push(w.folded);
      if (!withSurface || w.key !== w.folded) out.push(w.key);
      for (const p of w.parts) out.push(p);
    }
    return out.join(' ');
  }

  /** Synonym expansions of a key: each a group of keys that must all match. */
  synonymsOf(key: string, profile: AnalysisProfile): readonly string[][] {
    return this.synonymTable[profile].get(key) ?? [];
  }

  /** The synonym table in key space (for the Meilisearch `synonyms` setting). */
  synonymEntries(profile: AnalysisProfile): Array<[string, string[][]]> {
    return [...this.synonymTable[profile].entries()];
  }

  /**
   * Normalises free text for phrase matching (crisis phrases): folded words with nynorsk
   * spellings mapped to bokmål, joined by single spaces.
   */
  normalizePhrase(text: string): string {
    return words(text)
      .map((w) => {
        const f = fold(w);
        return this.canonicalSurface.get(f) ?? f;
      })
      .join(' ');
  }

  private partFrequency(folded: string): number {
    const key = this.keyOf(folded, 'no');
    const corpus = Math.max(this.vocabulary.df(folded), this.vocabulary.keyDf(key));
    const curated = this.curatedFolded.has(folded) || this.curatedKeys.has(key);
    return corpus + (curated ? CURATED_WEIGHT : 0);
  }

  private buildSynonyms(
    synonyms: Readonly<Record<string, readonly string[]>>,
    profile: AnalysisProfile,
  ): Map<string, string[][]> {
    const table = new Map<string, string[][]>();
    for (const [from, targets] of Object.entries(synonyms)) {
      const fromWords = words(from);
      if (fromWords.length !== 1 || fromWords[0] === undefined) continue;
      const fromKey = this.keyOf(fold(fromWords[0]), profile);
      const groups = table.get(fromKey) ?? [];
      for (const target of targets) {
        const group = words(target)
          .map((w) => fold(w))
          .filter((f) => !this.stop[profile].has(f))
          .map((f) => this.keyOf(f, profile));
        if (group.length === 0) continue;
        if (group.length === 1 && group[0] === fromKey) continue;
        if (!groups.some((g) => g.join(' ') === group.join(' '))) groups.push(group);
      }
      if (groups.length > 0) table.set(fromKey, groups);
    }
    return table;
  }
}
