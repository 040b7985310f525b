import type { MatchingStrategy } from '../port/types';
import type { QueryPlan } from '../norwegian/query-plan';
import type { PostingIndex } from './posting-index';
import type { DocumentPredicate, SplitFilter } from './filters';
import type { StoredDocument } from './stored-document';

/**
 * The matching documents of one query with the per-document figures the ranking rules need,
 * as parallel typed arrays (candidate `i` is document `short[i]`). The arrays are views into
 * reusable buffers: valid until the next search on the same engine state.
 */
export interface Candidates {
  count: number;
  short: Int32Array;
  /** Words rule: how many words (in drop order) matched before the first miss. */
  words: Uint8Array;
  /** Bit mask of the query words the words rule counted. */
  counted: Int32Array;
  typos: Uint8Array;
  attribute: Uint16Array;
  exactWords: Uint8Array;
  /**
   * 0: title equals the query, 1: title starts with it, 2: neither; -1 until asked through
   * {@link Candidates.exactAttributeOf}, which reads the forward index only for candidates
   * whose order the earlier rules left open.
   */
  exactAttribute: Int8Array;
  exactAttributeOf(i: number): number;
  /** Work buffers the ranker may use, at least `count` long. */
  buffers: Pick<RetrievalScratch, 'rEager' | 'rCheap' | 'rLater' | 'rIndex'>;
  /** Filled lazily by the ranker; -1 until computed. */
  proximity: Int32Array;
  /** A BM25-like score, only to break ties the ranking rules leave. */
  score: Float32Array;
}

const TYPO_BITS = 2;
const ATTR_BITS = 3;
const NO_TYPO = (1 << TYPO_BITS) - 1;
const NO_ATTR = (1 << ATTR_BITS) - 1;
const EXACT_SHIFT = 16;

/** Reusable per-document work arrays, grown to the index's short-id range. */
export class RetrievalScratch {
  size = 0;
  generation = 0;
  stamp = new Int32Array(0);
  /** Bits 0–15: matched words; bits 16–31: words matched by their exact folded form. */
  flags = new Int32Array(0);
  typos = new Int32Array(0);
  attrs = new Int32Array(0);
  score = new Float32Array(0);
  touched = new Int32Array(0);
  // Candidate buffers, reused between searches (a common word matches most of the corpus).
  cShort = new Int32Array(0);
  cWords = new Uint8Array(0);
  cCounted = new Int32Array(0);
  cTypos = new Uint8Array(0);
  cAttribute = new Uint16Array(0);
  cExactWords = new Uint8Array(0);
  cExactAttribute = new Int8Array(0);
  cProximity = new Int32Array(0);
  cScore = new Float32Array(0);
  // Ranking buffers (packed rule keys per candidate, candidate indexes).
  rEager = new Float64Array(0);
  rCheap = new Float64Array(0);
  rLater = new Float64Array(0);
  rIndex = new Int32Array(0);
  // Group intersection buffers (compound parts, phrase synonyms).
  gGeneration = 0;
  gStamp = new Int32Array(0);
  gCount = new Uint8Array(0);
  gRank = new Uint8Array(0);
  gList = new Int32Array(0);

  ensure(size: number): void {
    if (size <= this.size) return;
    const n = Math.max(size, Math.ceil(this.size * 1.5), 1024);
    this.size = n;
    this.generation = 0;
    this.stamp = new Int32Array(n);
    this.flags = new Int32Array(n);
    this.typos = new Int32Array(n);
    this.attrs = new Int32Array(n);
    this.score = new Float32Array(n);
    this.touched = new Int32Array(n);
    this.cShort = new Int32Array(n);
    this.cWords = new Uint8Array(n);
    this.cCounted = new Int32Array(n);
    this.cTypos = new Uint8Array(n);
    this.cAttribute = new Uint16Array(n);
    this.cExactWords = new Uint8Array(n);
    this.cExactAttribute = new Int8Array(n);
    this.cProximity = new Int32Array(n);
    this.cScore = new Float32Array(n);
    this.rEager = new Float64Array(n);
    this.rCheap = new Float64Array(n);
    this.rLater = new Float64Array(n);
    this.rIndex = new Int32Array(n);
    this.gGeneration = 0;
    this.gStamp = new Int32Array(n);
    this.gCount = new Uint8Array(n);
    this.gRank = new Uint8Array(n);
    this.gList = new Int32Array(n);
  }

  /** Candidate arrays for `count` candidates, as views into the reusable buffers. */
  candidates(count: number, exactAttributeOf: (sid: number) => number): Candidates {
    const c: Candidates = {
      count,
      short: this.cShort.subarray(0, count),
      words: this.cWords.subarray(0, count),
      counted: this.cCounted.subarray(0, count),
      typos: this.cTypos.subarray(0, count),
      attribute: this.cAttribute.subarray(0, count),
      exactWords: this.cExactWords.subarray(0, count),
      exactAttribute: this.cExactAttribute.subarray(0, count),
      proximity: this.cProximity.subarray(0, count),
      score: this.cScore.subarray(0, count),
      buffers: this,
      exactAttributeOf: (i) => {
        let v = c.exactAttribute[i] ?? 2;
        if (v < 0) {
          v = exactAttributeOf(c.short[i] ?? 0);
          c.exactAttribute[i] = v;
        }
        return v;
      },
    };
    c.exactAttribute.fill(-1);
    c.proximity.fill(-1);
    return c;
  }
}

/** What retrieval needs from the engine state. */
export interface RetrievalContext {
  index: PostingIndex;
  byShort: ReadonlyArray<StoredDocument | undefined>;
  /** Ranking position of each MiniSearch attribute id (title 0, summary 1, …). */
  fieldRank: ReadonlyMap<number, number>;
  /** Forward-index position of the title, or -1. */
  titleField: number;
  /** Term id of each query word's folded form in the forward index (-2 when unknown). */
  queryFolded: readonly number[];
  documentCount: number;
  scratch: RetrievalScratch;
  /** Locale and type bits per short id (see `LOCALE_BITS`, `TYPE_BITS`). */
  localeCodes: Uint8Array;
  typeCodes: Uint8Array;
}

/**
 * Finds the documents that match a planned query and scores them for the ranking rules.
 *
 * @remarks
 * The word the matching strategy keeps longest (the first for `last`, the rarest for
 * `frequency` and `all`) decides the candidate set, so its postings are walked first and the
 * other words only update documents already in the set. Filters are checked once per document,
 * the first time it is seen. The posting loop is written out flat over typed arrays: it runs
 * once per posting, hundreds of thousands of times for a common word.
 */
export function retrieve(
  ctx: RetrievalContext,
  plan: QueryPlan,
  strategy: MatchingStrategy,
  filter: SplitFilter,
): Candidates {
  const { localeMask, typeMask, rest: predicate } = filter;
  const { localeCodes, typeCodes } = ctx;
  const { index, byShort, scratch } = ctx;
  scratch.ensure(index.shortIdLimit);
  const gen = ++scratch.generation;
  const { stamp, flags, typos, attrs, score, touched } = scratch;
  let touchedCount = 0;
  const n = plan.words.length;
  const typoInit = (1 << (TYPO_BITS * n)) - 1;
  const attrInit = n * ATTR_BITS >= 31 ? 0x3fffffff : (1 << (ATTR_BITS * n)) - 1;

  // The order in which the words rule gives up words.
  const order = plan.words.map((_, i) => i);
  if (strategy !== 'last') {
    order.sort(
      (a, b) => (plan.words[a]?.frequency ?? 0) - (plan.words[b]?.frequency ?? 0) || a - b,
    );
  }

  const fieldWeight = (rank: number): number => (rank === 0 ? 3 : rank === 1 ? 2 : 1);
  const rankOf = (fieldId: number): number =>
    Math.min(ctx.fieldRank.get(fieldId) ?? NO_ATTR - 1, NO_ATTR - 1);

  /** Makes `sid` a candidate (or tells it is filtered out / outside the set). */
  const admit = (sid: number, create: boolean): boolean => {
    if (stamp[sid] === gen) return true;
    if (!create || stamp[sid] === -gen) return false;
    const stored = byShort[sid];
    if (
      stored === undefined ||
      (localeMask !== 0 && ((localeCodes[sid] ?? 0) & localeMask) === 0) ||
      (typeMask !== 0 && ((typeCodes[sid] ?? 0) & typeMask) === 0) ||
      (predicate !== undefined && !predicate(stored.doc))
    ) {
      stamp[sid] = -gen;
      return false;
    }
    stamp[sid] = gen;
    flags[sid] = 0;
    typos[sid] = typoInit;
    attrs[sid] = attrInit;
    score[sid] = 0;
    touched[touchedCount++] = sid;
    return true;
  };

  const apply = (
    word: number,
    typoCost: number,
    isExact: boolean,
    postings: ReadonlyMap<number, ReadonlyMap<number, number>>,
    weight: number,
    create: boolean,
  ): void => {
    const bits = (1 << word) | (isExact ? 1 << (word + EXACT_SHIFT) : 0);
    const tShift = TYPO_BITS * word;
    const tMask = NO_TYPO << tShift;
    const tBits = Math.min(typoCost, NO_TYPO - 1) << tShift;
    const aShift = ATTR_BITS * word;
    const aMask = NO_ATTR << aShift;
    for (const [fieldId, docs] of postings) {
      const rank = rankOf(fieldId);
      const aBits = rank << aShift;
      const w = weight * fieldWeight(rank);
      // Map#forEach, not for…of: destructuring Map entries allocates per posting and was
      // twenty times slower on a 100k-document index.
      docs.forEach((tf, sid) => {
        if (stamp[sid] !== gen && !admit(sid, create)) return;
        flags[sid] = (flags[sid] ?? 0) | bits;
        const t = typos[sid] ?? 0;
        if ((t & tMask) > tBits) typos[sid] = (t & ~tMask) | tBits;
        const a = attrs[sid] ?? 0;
        if ((a & aMask) > aBits) attrs[sid] = (a & ~aMask) | aBits;
        score[sid] = (score[sid] ?? 0) + (w * tf) / (tf + 1.2);
      });
    }
  };

  /** A complete group (all its terms present) matches its word with no typo. */
  const applyGroup = (word: number, terms: readonly string[], create: boolean): void => {
    const bit = 1 << word;
    const tMask = NO_TYPO << (TYPO_BITS * word);
    const aShift = ATTR_BITS * word;
    const aMask = NO_ATTR << aShift;
    const found = groupMatches(index, ctx.fieldRank, terms, scratch);
    const { gList, gRank } = scratch;
    for (let k = 0; k < found; k++) {
      const sid = gList[k] ?? 0;
      const rank = gRank[sid] ?? NO_ATTR - 1;
      if (stamp[sid] !== gen && !admit(sid, create)) continue;
      flags[sid] = (flags[sid] ?? 0) | bit;
      typos[sid] = (typos[sid] ?? 0) & ~tMask;
      const a = attrs[sid] ?? 0;
      if ((a & aMask) > rank << aShift) attrs[sid] = (a & ~aMask) | (rank << aShift);
      score[sid] = (score[sid] ?? 0) + fieldWeight(rank);
    }
  };

  const processWord = (word: number, create: boolean): void => {
    const w = plan.words[word];
    if (!w) return;
    for (const term of w.terms) {
      const postings = index.postings(term.term);
      if (!postings) continue;
      const weight = idf(postings, ctx.documentCount) * (term.typos > 0 ? 0.5 : 1);
      apply(word, term.typos, term.exact, postings, weight, create);
    }
    for (const group of w.groups) applyGroup(word, group.terms, create);
  };

  const first = order[0] ?? 0;
  processWord(first, true);
  for (const word of order) if (word !== first) processWord(word, false);

  const exactAttributeOf = (sid: number): number =>
    exactAttribute(byShort[sid], ctx.titleField, ctx.queryFolded);
  const out = scratch.candidates(touchedCount, exactAttributeOf);
  const all = strategy === 'all';
  let c = 0;
  for (let k = 0; k < touchedCount; k++) {
    const sid = touched[k] ?? 0;
    const f = flags[sid] ?? 0;
    const t = typos[sid] ?? 0;
    const a = attrs[sid] ?? 0;
    let words = 0;
    let counted = 0;
    let typoSum = 0;
    let attrSum = 0;
    let exactWords = 0;
    for (const i of order) {
      if (!(f & (1 << i))) break;
      words++;
      counted |= 1 << i;
      typoSum += (t >> (TYPO_BITS * i)) & NO_TYPO;
      attrSum += (a >> (ATTR_BITS * i)) & NO_ATTR;
      if (f & (1 << (i + EXACT_SHIFT))) exactWords++;
    }
    if (words === 0 || (all && words < n)) continue;
    out.short[c] = sid;
    out.words[c] = words;
    out.counted[c] = counted;
    out.typos[c] = typoSum;
    out.attribute[c] = attrSum;
    out.exactWords[c] = exactWords;
    out.score[c] = score[sid] ?? 0;
    c++;
  }
  out.count = c;
  return out;
}

function idf(
  postings: ReadonlyMap<number, ReadonlyMap<number, number>>,
  documents: number,
): number {
  let df = 0;
  for (const p of postings.values()) df += p.size;
  return Math.log(1 + documents / Math.max(df, 1));
}

/** Every live document passing the filter, in index order (a placeholder search). */
export function allDocuments(
  byShort: ReadonlyArray<StoredDocument | undefined>,
  predicate: DocumentPredicate | undefined,
  scratch: RetrievalScratch,
): Candidates {
  scratch.ensure(byShort.length);
  let count = 0;
  const short = scratch.cShort;
  byShort.forEach((stored, sid) => {
    if (stored && (!predicate || predicate(stored.doc))) short[count++] = sid;
  });
  const c = scratch.candidates(count, () => 2);
  c.words.fill(0);
  c.counted.fill(0);
  c.typos.fill(0);
  c.attribute.fill(0);
  c.exactWords.fill(0);
  c.exactAttribute.fill(2);
  c.proximity.fill(0);
  c.score.fill(0);
  return c;
}

/**
 * Documents containing every term of a group (compound parts, phrase synonyms), with the best
 * attribute rank any of the terms reached: writes them to `scratch.gList` (ranks in
 * `scratch.gRank` by short id) and returns how many. Starts from the rarest term and counts,
 * per document, how many terms in a row it has.
 */
function groupMatches(
  index: PostingIndex,
  fieldRank: ReadonlyMap<number, number>,
  terms: readonly string[],
  scratch: RetrievalScratch,
): number {
  const perTerm = terms.map((t) => index.postings(t));
  if (perTerm.length === 0 || perTerm.some((p) => p === undefined)) return 0;
  const sized = perTerm
    .map((p) => ({ p: p as ReadonlyMap<number, ReadonlyMap<number, number>>, size: totalSize(p) }))
    .sort((a, b) => a.size - b.size);
  const gen = ++scratch.gGeneration;
  const { gStamp, gCount, gRank, gList } = scratch;
  let listed = 0;
  sized.forEach(({ p }, k) => {
    for (const [fieldId, docs] of p) {
      const rank = Math.min(fieldRank.get(fieldId) ?? NO_ATTR - 1, NO_ATTR - 1);
      docs.forEach((_tf, sid) => {
        if (k === 0) {
          if (gStamp[sid] !== gen) {
            gStamp[sid] = gen;
            gCount[sid] = 1;
            gRank[sid] = rank;
            gList[listed++] = sid;
          } else if (rank < (gRank[sid] ?? NO_ATTR)) gRank[sid] = rank;
          return;
        }
        if (gStamp[sid] !== gen) return;
        const count = gCount[sid] ?? 0;
        // Count a term once per document even when it occurs in several attributes.
        if (count === k) gCount[sid] = k + 1;
        if (count >= k && rank < (gRank[sid] ?? NO_ATTR)) gRank[sid] = rank;
      });
    }
  });
  let found = 0;
  for (let i = 0; i < listed; i++) {
    const sid = gList[i] ?? 0;
    if ((gCount[sid] ?? 0) === sized.length) gList[found++] = sid;
  }
  return found;
}

function totalSize(p: ReadonlyMap<number, ReadonlyMap<number, number>> | undefined): number {
  let n = 0;
  if (p) for (const docs of p.values()) n += docs.size;
  return n;
}

function exactAttribute(
  stored: StoredDocument | undefined,
  titleField: number,
  queryFolded: readonly number[],
): number {
  if (!stored || titleField < 0 || queryFolded.length === 0) return 2;
  const start = titleField === 0 ? 0 : (stored.fieldEnds[titleField - 1] ?? 0);
  const end = stored.fieldEnds[titleField] ?? start;
  // Compare the title's words without its stop words, as the query has none either.
  let matched = 0;
  for (let p = start; p < end; p++) {
    const id = stored.seq[p] ?? -1;
    if (id < 0) continue;
    if (matched === queryFolded.length) return 1;
    if (id !== queryFolded[matched]) return 2;
    matched++;
  }
  return matched === queryFolded.length ? 0 : 2;
}
