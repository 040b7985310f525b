/**
 * Per-document word sequences for the proximity rule, over a dictionary of interned terms.
 *
 * @remarks
 * MiniSearch keeps no positions, and Meilisearch's proximity rule needs them. Storing each
 * document's non-stop words as an `Int32Array` of term ids (searchable attributes in ranking
 * order, at most {@link MAX_FIELD_TOKENS} per attribute) costs four bytes a word and lets the
 * ranker scan only the few candidates whose order proximity actually decides.
 */
export const MAX_FIELD_TOKENS = 1000;

/** The serialisable form of a {@link TermDictionary}. */
export interface TermDictionaryJson {
  terms: string[];
  keyOf: number[];
  parts: Array<[number, number[]]>;
}

/** Interned terms; a surface term knows its key term and compound-part key terms. */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private keyOfArr = new Int32Array(1024).fill(-1);
  private readonly partsOf = new Map<number, Int32Array>();

  get size(): number {
    return this.terms.length;
  }

  /** The id of a term, creating it if new. */
  intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
      if (id >= this.keyOfArr.length) {
        const grown = new Int32Array(this.keyOfArr.length * 2).fill(-1);
        grown.set(this.keyOfArr);
        this.keyOfArr = grown;
      }
    }
    return id;
  }

  /** The id of a known term. */
  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(id: number): string {
    return this.terms[id] ?? '';
  }

  /**
   * Interns a document word and records its key and compound-part keys (the first time only:
   * a word's analysis does not change while its dictionary lives).
   */
  registerWord(folded: string, key: string, partKeys: readonly string[]): number {
    const known = this.ids.get(folded);
    if (known !== undefined && (this.keyOfArr[known] ?? -1) >= 0) return known;
    const id = known ?? this.intern(folded);
    const keyId = key === folded ? id : this.intern(key);
    this.keyOfArr[id] = keyId;
    if (partKeys.length > 0) {
      this.partsOf.set(id, Int32Array.from(partKeys, (p) => this.intern(p)));
    }
    return id;
  }

  /** Key id of a surface id, or -1. */
  keyOf(id: number): number {
    return this.keyOfArr[id] ?? -1;
  }

  partsOfId(id: number): Int32Array | undefined {
    return this.partsOf.get(id);
  }

  toJSON(): TermDictionaryJson {
    return {
      terms: this.terms,
      keyOf: Array.from(this.keyOfArr.subarray(0, this.terms.length)),
      parts: [...this.partsOf.entries()].map(([id, p]) => [id, Array.from(p)]),
    };
  }

  static fromJSON(json: TermDictionaryJson): TermDictionary {
    const d = new TermDictionary();
    for (const t of json.terms) d.intern(t);
    d.keyOfArr.set(json.keyOf.slice(0, d.keyOfArr.length));
    for (const [id, parts] of json.parts) d.partsOf.set(id, Int32Array.from(parts));
    return d;
  }
}

/**
 * Matches term ids against the words of one query, caching per id for the query's lifetime.
 * A document word matches query word `i` when its id, its key or one of its part keys is among
 * word `i`'s terms; the result is a bit mask over query words.
 */
export class QueryWordMasks {
  private stamp: Int32Array;
  private mask: Int32Array;
  private generation = 0;
  private readonly termMasks = new Map<number, number>();

  constructor(private readonly dictionary: TermDictionary) {
    this.stamp = new Int32Array(Math.max(1024, dictionary.size));
    this.mask = new Int32Array(this.stamp.length);
  }

  /** Starts a new query; `wordTerms[i]` are the term strings that count as query word `i`. */
  reset(wordTerms: ReadonlyArray<readonly string[]>): void {
    this.generation++;
    if (this.dictionary.size > this.stamp.length) {
      this.stamp = new Int32Array(this.dictionary.size * 2);
      this.mask = new Int32Array(this.stamp.length);
      this.generation = 1;
    }
    this.termMasks.clear();
    wordTerms.forEach((terms, i) => {
      for (const t of terms) {
        const id = this.dictionary.lookup(t);
        if (id !== undefined) this.termMasks.set(id, (this.termMasks.get(id) ?? 0) | (1 << i));
      }
    });
  }

  /** Bit mask of the query words a document term id matches. */
  of(id: number): number {
    if (this.stamp[id] === this.generation) return this.mask[id] ?? 0;
    let m = this.termMasks.get(id) ?? 0;
    const key = this.dictionary.keyOf(id);
    if (key >= 0 && key !== id) m |= this.termMasks.get(key) ?? 0;
    const parts = this.dictionary.partsOfId(id);
    if (parts) for (const p of parts) m |= this.termMasks.get(p) ?? 0;
    this.stamp[id] = this.generation;
    this.mask[id] = m;
    return m;
  }
}
