/**
 * Per-document word sequences for the proximity rule and highlighting, over a dictionary of
 * interned terms.
 *
 * @remarks
 * MiniSearch keeps no positions, and Meilisearch's proximity rule needs them. Each document's
 * words are stored as an `Int32Array` of term ids (searchable attributes in ranking order, at
 * most {@link MAX_FIELD_TOKENS} per attribute, stop words as {@link STOP_WORD}), four bytes a
 * word. Keeping stop words in place makes the n-th entry of an attribute its n-th word, so
 * highlighting can mark words without analysing them again.
 */
export const MAX_FIELD_TOKENS = 500;
/** The term id stored for a stop word. */
export const STOP_WORD = -1;

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
  private keyOfArr: Int32Array = new Int32Array(1024).fill(-1);
  /** Per id: offset into `partsPool` of [count, ...partIds], or -1. */
  private partsAt: Int32Array = new Int32Array(1024).fill(-1);
  private partsPool: Int32Array = new Int32Array(1024);
  private partsUsed = 0;

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
        this.keyOfArr = grow(this.keyOfArr, this.keyOfArr.length * 2, -1);
        this.partsAt = grow(this.partsAt, this.keyOfArr.length, -1);
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
    if (partKeys.length > 0)
      this.setParts(
        id,
        partKeys.map((p) => this.intern(p)),
      );
    return id;
  }

  /** Key id of a surface id, or -1. */
  keyOf(id: number): number {
    return this.keyOfArr[id] ?? -1;
  }

  /** Calls `visit` with each compound-part key id of a surface id. */
  forEachPart(id: number, visit: (partId: number) => void): void {
    const at = this.partsAt[id] ?? -1;
    if (at < 0) return;
    const count = this.partsPool[at] ?? 0;
    for (let i = 1; i <= count; i++) visit(this.partsPool[at + i] ?? 0);
  }

  /** Compound-part key ids of a surface id (empty when not a compound). */
  partsOf(id: number): number[] {
    const out: number[] = [];
    this.forEachPart(id, (p) => out.push(p));
    return out;
  }

  toJSON(): TermDictionaryJson {
    const parts: Array<[number, number[]]> = [];
    for (let id = 0; id < this.terms.length; id++) {
      if ((this.partsAt[id] ?? -1) >= 0) parts.push([id, this.partsOf(id)]);
    }
    return {
      // Copies: the dictionary keeps growing while a snapshot is being written.
      terms: this.terms.slice(),
      keyOf: Array.from(this.keyOfArr.subarray(0, this.terms.length)),
      parts,
    };
  }

  static fromJSON(json: TermDictionaryJson): TermDictionary {
    const d = new TermDictionary();
    for (const t of json.terms) d.intern(t);
    d.keyOfArr.set(json.keyOf.slice(0, d.keyOfArr.length));
    for (const [id, parts] of json.parts) d.setParts(id, parts);
    return d;
  }

  private setParts(id: number, partIds: readonly number[]): void {
    const need = this.partsUsed + partIds.length + 1;
    if (need > this.partsPool.length) {
      this.partsPool = grow(this.partsPool, Math.max(need, this.partsPool.length * 2), 0);
    }
    const at = this.partsUsed;
    this.partsPool[at] = partIds.length;
    partIds.forEach((p, i) => (this.partsPool[at + 1 + i] = p));
    this.partsUsed = need;
    this.partsAt[id] = at;
  }
}

function grow(arr: Int32Array, length: number, fill: number): Int32Array {
  const out = new Int32Array(length).fill(fill);
  out.set(arr.subarray(0, Math.min(arr.length, length)));
  return out;
}

/**
 * Matches term ids against the words of one query, caching per id for the query's lifetime.
 * A document word matches query word `i` when its id, its key or one of its part keys is among
 * word `i`'s terms; the result is a bit mask over query words.
 *
 * @remarks
 * Everything is a typed-array read: proximity scans every word of hundreds of candidates, and
 * hash-map look-ups per word cost more than the scan itself.
 */
export class QueryWordMasks {
  /** Mask + 1 per term id, 0 = not yet computed for this query. */
  private cache: Uint16Array;
  /** Mask of the query words a term id is listed for (the query's own terms only). */
  private direct: Uint16Array;
  private readonly touched: number[] = [];

  constructor(private readonly dictionary: TermDictionary) {
    this.cache = new Uint16Array(Math.max(1024, dictionary.size));
    this.direct = new Uint16Array(this.cache.length);
  }

  /** Starts a new query; `wordTerms[i]` are the term strings that count as query word `i`. */
  reset(wordTerms: ReadonlyArray<readonly string[]>): void {
    // Forget only what the last query set: clearing whole arrays would cost more.
    for (const id of this.touched) {
      this.cache[id] = 0;
      this.direct[id] = 0;
    }
    this.touched.length = 0;
    if (this.dictionary.size > this.cache.length) {
      this.cache = new Uint16Array(this.dictionary.size * 2);
      this.direct = new Uint16Array(this.cache.length);
    }
    wordTerms.forEach((terms, i) => {
      for (const t of terms) {
        const id = this.dictionary.lookup(t);
        if (id === undefined) continue;
        this.direct[id] = (this.direct[id] ?? 0) | (1 << i);
        this.touched.push(id);
      }
    });
  }

  /** Bit mask of the query words a document term id matches. */
  of(id: number): number {
    const cached = this.cache[id] ?? 0;
    if (cached !== 0) return cached - 1;
    const direct = this.direct;
    let m = direct[id] ?? 0;
    const key = this.dictionary.keyOf(id);
    if (key >= 0) m |= direct[key] ?? 0;
    this.dictionary.forEachPart(id, (p) => {
      m |= direct[p] ?? 0;
    });
    if (id < this.cache.length) {
      this.cache[id] = m + 1;
      this.touched.push(id);
    }
    return m;
  }
}
