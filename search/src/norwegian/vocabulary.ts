import SearchableMap from 'minisearch/SearchableMap';
import { editDistance } from './typo';

/** A vocabulary word near a query word, with its edit distance and document frequency. */
export interface VocabularyMatch {
  term: string;
  distance: number;
  df: number;
}

/** The serialisable form of a {@link Vocabulary}. */
export interface VocabularyJson {
  surfaces: Array<[string, number]>;
  keys: Array<[string, number]>;
  /** Folded word → how it was written (for suggestions shown to people). */
  display: Array<[string, string]>;
}

/**
 * The words of the indexed corpus (folded surface forms and their stemmed keys) with document
 * frequencies. It feeds compound splitting, typo expansion, prefix completion and spelling
 * suggestions.
 *
 * @remarks
 * Surfaces live in MiniSearch's radix tree (`SearchableMap`) because it answers prefix and
 * fuzzy look-ups without scanning every word.
 */
export class Vocabulary {
  /** Folded word → document frequency (the hot path: a hash look-up). */
  private counts = new Map<string, number>();
  /** The same words in a radix tree, for prefix and fuzzy look-ups only. */
  private surfaces = new SearchableMap<true>();
  private keys = new Map<string, number>();
  private display = new Map<string, string>();
  private completionCache = new Map<string, string[]>();
  private fuzzyCache = new Map<string, VocabularyMatch[]>();
  /** Bumped on every change, so callers can invalidate what they derived from it. */
  version = 0;

  /**
   * Counts one document's distinct words (folded form → as written) and keys.
   */
  addDocument(
    surfaces: Iterable<readonly [folded: string, written: string]>,
    keys: Iterable<string>,
  ): void {
    for (const [s, written] of surfaces) {
      const n = this.counts.get(s) ?? 0;
      this.counts.set(s, n + 1);
      if (n === 0) this.surfaces.set(s, true);
      // Folded forms ("kjerlighet") must never reach a person: remember the first spelling that
      // differs from the fold, which is the properly spelt one ("kjærlighet" beats "kjaerlighet"
      // only if it came first, but both beat the fold).
      if (written !== s && !this.display.has(s)) this.display.set(s, written);
    }
    for (const k of keys) this.keys.set(k, (this.keys.get(k) ?? 0) + 1);
    this.touch();
  }

  /** Un-counts a document previously passed to {@link addDocument}. */
  removeDocument(surfaces: Iterable<string>, keys: Iterable<string>): void {
    for (const s of surfaces) {
      const n = (this.counts.get(s) ?? 0) - 1;
      if (n > 0) this.counts.set(s, n);
      else if (this.counts.delete(s)) {
        this.surfaces.delete(s);
        this.display.delete(s);
      }
    }
    for (const k of keys) {
      const n = (this.keys.get(k) ?? 0) - 1;
      if (n > 0) this.keys.set(k, n);
      else this.keys.delete(k);
    }
    this.touch();
  }

  /** Documents containing this folded word. */
  df(folded: string): number {
    return this.counts.get(folded) ?? 0;
  }

  /** How a folded word is written in the corpus ("kjerlighet" → "kjærlighet"). */
  written(folded: string): string {
    return this.display.get(folded) ?? folded;
  }

  /** Documents containing a word with this key. */
  keyDf(key: string): number {
    return this.keys.get(key) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }

  /**
   * Words within `maxDistance` edits of `folded`, nearest and most frequent first, at most
   * `limit`. A swap of neighbouring letters counts as one edit when it is the only edit.
   */
  fuzzy(folded: string, maxDistance: number, limit = 24): VocabularyMatch[] {
    if (maxDistance <= 0 || folded.length === 0) return [];
    // Like completions, remembered until the vocabulary changes: a fuzzy walk of a large radix
    // tree costs milliseconds, and popular query words repeat.
    const cacheKey = `${maxDistance}:${limit}:${folded}`;
    const cached = this.fuzzyCache.get(cacheKey);
    if (cached) return cached;
    const result = this.fuzzyUncached(folded, maxDistance, limit);
    if (this.fuzzyCache.size >= 20_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(cacheKey, result);
    return result;
  }

  private fuzzyUncached(folded: string, maxDistance: number, limit: number): VocabularyMatch[] {
    const found = new Map<string, VocabularyMatch>();
    const consider = (term: string, df: number): void => {
      if (term === folded || found.has(term) || df === 0) return;
      const distance = editDistance(folded, term, maxDistance);
      if (distance <= maxDistance) found.set(term, { term, distance, df });
    };
    for (const term of this.surfaces.fuzzyGet(folded, maxDistance).keys()) {
      consider(term, this.df(term));
    }
    // The radix tree's fuzzy search is plain Levenshtein, where swapping two neighbours costs
    // two edits; Meilisearch charges one. Look up every one-swap variant as well.
    for (let i = 0; i + 1 < folded.length; i++) {
      if (folded[i] === folded[i + 1]) continue;
      const swapped = `${folded.slice(0, i)}${folded[i + 1]}${folded[i]}${folded.slice(i + 2)}`;
      consider(swapped, this.df(swapped));
    }
    return [...found.values()]
      .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1))
      .slice(0, limit);
  }

  /** The most frequent words starting with `prefix` (excluding `prefix` itself). */
  completions(prefix: string, limit = 48): string[] {
    const cacheKey = `${limit}:${prefix}`;
    const cached = this.completionCache.get(cacheKey);
    if (cached) return cached;
    const found: Array<[string, number]> = [];
    for (const term of this.surfaces.atPrefix(prefix).keys()) {
      if (term !== prefix) found.push([term, this.df(term)]);
    }
    found.sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
    const result = found.slice(0, limit).map(([t]) => t);
    // A common prefix has thousands of completions; remember the answer until the vocabulary
    // changes (bounded, so a stream of unique prefixes cannot grow it without end).
    if (this.completionCache.size >= 20_000) this.completionCache.clear();
    this.completionCache.set(cacheKey, result);
    return result;
  }

  toJSON(): VocabularyJson {
    return {
      surfaces: [...this.counts.entries()],
      keys: [...this.keys.entries()],
      display: [...this.display.entries()],
    };
  }

  /** Rebuilds a vocabulary saved with {@link toJSON}. */
  static fromJSON(json: VocabularyJson): Vocabulary {
    const v = new Vocabulary();
    for (const [s, n] of json.surfaces) {
      v.counts.set(s, n);
      v.surfaces.set(s, true);
    }
    for (const [k, n] of json.keys) v.keys.set(k, n);
    for (const [f, w] of json.display) v.display.set(f, w);
    return v;
  }

  clear(): void {
    this.counts.clear();
    this.surfaces.clear();
    this.keys.clear();
    this.display.clear();
    this.touch();
  }

  private touch(): void {
    this.version++;
    if (this.completionCache.size > 0) this.completionCache.clear();
    if (this.fuzzyCache.size > 0) this.fuzzyCache.clear();
  }
}
