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

/** One word after analysis (shared, memoised: treat as read-only). */
export interface WordAnalysis {
  /** How it was written, lower-cased (for suggestions shown to people). */
  written: string;
  /** Folded surface form: what prefix and typo matching compare. */
  folded: string;
  /** Folded, stemmed and nb-normalised form: what inflections and nn/nb variants share. */
  key: string;
  stop: boolean;
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
const NO_PARTS: readonly string[] = [];
const CURATED_ENDINGS = ['e', 'en', 'er', 'ene', 'et', 'a', 'ar', 'ane', 'ing', 'ingen'];
/** Longest multi-word synonym key, in words ("morning after pill"). */
export const MAX_PHRASE_WORDS = 3;
const MEMO_LIMIT = 1_000_000;

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
  private readonly synonymTable: Record<AnalysisProfile, Map<string, string[][]>>;
  private readonly phraseKeys: Record<AnalysisProfile, boolean>;
  private readonly memo: Record<AnalysisProfile, Map<string, WordAnalysis>> = {
    no: new Map(),
    en: new Map(),
  };
  private splitMemo = new Map<string, string[] | null>();
  private partKeysMemo: Record<AnalysisProfile, Map<string, readonly string[]>> = {
    no: new Map(),
    en: new Map(),
  };
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
    // Base forms plus regular inflections, so "smerter" counts as a part like "smerte" does
    // without stemming every candidate part while splitting.
    for (const word of options.curatedWords ?? curatedHealthWords) {
      const f = fold(word);
      const stem = f.endsWith('e') ? f.slice(0, -1) : f;
      for (const ending of CURATED_ENDINGS) this.curatedFolded.add(stem + ending);
      this.curatedFolded.add(f);
    }
    this.lexicon = {
      partFrequency: (f) => this.partFrequency(f),
      isStopWord: (f) => this.stop.no.has(f),
    };
    this.synonymTable = {
      no: this.buildSynonyms(options.synonyms, 'no'),
      en: this.buildSynonyms(options.synonyms, 'en'),
    };
    const hasPhrase = (p: AnalysisProfile): boolean =>
      [...this.synonymTable[p].keys()].some((k) => k.includes(' '));
    this.phraseKeys = { no: hasPhrase('no'), en: hasPhrase('en') };
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
      written: word.toLowerCase(),
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
    this.checkSplitMemo();
    const cached = this.splitMemo.get(folded);
    if (cached !== undefined) return cached;
    const parts = splitCompound(folded, this.lexicon, defaultCompoundSplitOptions);
    this.splitMemo.set(folded, parts);
    return parts;
  }

  /** Keys of a word's compound parts, without the word's own key ("skoleangst" → skol, angst). */
  partKeys(
    word: Pick<WordAnalysis, 'folded' | 'key'>,
    profile: AnalysisProfile,
  ): readonly string[] {
    this.checkSplitMemo();
    const memo = this.partKeysMemo[profile];
    const cached = memo.get(word.folded);
    if (cached) return cached;
    const parts = this.split(word.folded, profile);
    const keys = new Set<string>();
    if (parts) {
      for (const p of parts) {
        const k = this.keyOf(p, profile);
        if (k !== word.key) keys.add(k);
      }
    }
    const result = keys.size === 0 ? NO_PARTS : [...keys];
    memo.set(word.folded, result);
    return result;
  }

  /** Every word of a text, stop words included (flagged), analysed, in order. */
  analyzeAll(text: string, profile: AnalysisProfile): WordAnalysis[] {
    return words(text).map((w) => this.analyze(w, profile));
  }

  /** The non-stop words of a text, analysed, in order. */
  analyzeText(text: string, profile: AnalysisProfile): WordAnalysis[] {
    const out: WordAnalysis[] = [];
    for (const w of words(text)) {
      const a = this.analyze(w, profile);
      if (!a.stop) out.push(a);
    }
    return out;
  }

  /**
   * The index terms of analysed words (stop words skipped) as one space-separated string: per
   * word its folded form
   * (unless `withSurface` is off), its key when different and its part keys. This is what
   * MiniSearch indexes and what the Meilisearch adapter stores in the `*_x` fields.
   */
  indexTerms(
    analysed: readonly WordAnalysis[],
    profile: AnalysisProfile,
    withSurface = true,
  ): string {
    const out: string[] = [];
    for (const w of analysed) {
      if (w.stop) continue;
      if (withSurface) out.push(w.folded);
      if (!withSurface || w.key !== w.folded) out.push(w.key);
      for (const p of this.partKeys(w, profile)) out.push(p);
    }
    return out.join(' ');
  }

  /**
   * Synonym expansions of a key, or of a phrase's keys joined by spaces: each a group of keys
   * that must all match.
   */
  synonymsOf(key: string, profile: AnalysisProfile): readonly string[][] {
    return this.synonymTable[profile].get(key) ?? [];
  }

  /** Whether some synonym key is a phrase (several words). */
  hasPhraseSynonyms(profile: AnalysisProfile): boolean {
    return this.phraseKeys[profile];
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

  // Corpus words include inflected forms ("angsten"), so a plain frequency look-up recognises
  // inflected tails; curated base forms count extra so small corpora split too.
  private partFrequency(folded: string): number {
    return this.vocabulary.df(folded) + (this.curatedFolded.has(folded) ? CURATED_WEIGHT : 0);
  }

  // Splits depend on the vocabulary: forget them when it changes (indexing counts a whole batch
  // before splitting, so this happens once per batch, not per word).
  private checkSplitMemo(): void {
    if (
      this.splitMemoVersion !== this.vocabulary.version ||
      this.splitMemo.size >= MEMO_LIMIT ||
      this.partKeysMemo.no.size >= MEMO_LIMIT
    ) {
      this.splitMemo.clear();
      this.partKeysMemo.no.clear();
      this.partKeysMemo.en.clear();
      this.splitMemoVersion = this.vocabulary.version;
    }
  }

  private buildSynonyms(
    synonyms: Readonly<Record<string, readonly string[]>>,
    profile: AnalysisProfile,
  ): Map<string, string[][]> {
    const table = new Map<string, string[][]>();
    for (const [from, targets] of Object.entries(synonyms)) {
      const fromWords = words(from);
      if (fromWords.length === 0 || fromWords.length > MAX_PHRASE_WORDS) continue;
      // Phrases ("birth control") are keyed by their words' keys joined with spaces, which is
      // also how the Meilisearch adapter sends them (Meilisearch supports multi-word synonyms).
      const fromKey = fromWords.map((w) => this.keyOf(fold(w), profile)).join(' ');
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
