import type { MatchingStrategy } from '../port/types';
import type { QueryPlan } from '../norwegian/query-plan';
import type { PostingIndex } from './posting-index';
import type { DocumentPredicate } from './filters';
import type { StoredDocument } from './stored-document';

/**
 * The matching documents of one query with the per-document figures the ranking rules need,
 * as parallel typed arrays (candidate `i` is document `short[i]`).
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
  /** 0: title equals the query, 1: title starts with it, 2: neither. */
  exactAttribute: Uint8Array;
  /** Filled lazily by the ranker; -1 until computed. */
  proximity: Int32Array;
  /** A BM25-like score, only to break ties the ranking rules leave. */
  score: Float32Array;
}

const TYPO_BITS = 2;
const ATTR_BITS = 3;
const NO_TYPO = (1 << TYPO_BITS) - 1;
const NO_ATTR = (1 << ATTR_BITS) - 1;

/** Reusable per-document work arrays, grown to the index's short-id range. */
export class RetrievalScratch {
  size = 0;
  generation = 0;
  stamp = new Int32Array(0);
  matched = new Int32Array(0);
  exact = new Int32Array(0);
  typos = new Int32Array(0);
  attrs = new Int32Array(0);
  score = new Float32Array(0);
  touched = new Int32Array(0);

  ensure(size: number): void {
    if (size <= this.size) return;
    const n = Math.max(size, Math.ceil(this.size * 1.5), 1024);
    this.size = n;
    this.generation = 0;
    this.stamp = new Int32Array(n);
    this.matched = new Int32Array(n);
    this.exact = new Int32Array(n);
    this.typos = new Int32Array(n);
    this.attrs = new Int32Array(n);
    this.score = new Float32Array(n);
    this.touched = new Int32Array(n);
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
}

/**
 * Finds the documents that match a planned query and scores them for the ranking rules.
 *
 * @remarks
 * The word the matching strategy keeps longest (the first for `last`, the rarest for
 * `frequency` and `all`) decides the candidate set, so its postings are walked first and the
 * other words only update documents already in the set. Filters are checked once per document,
 * the first time it is seen.
 */
export function retrieve(
  ctx: RetrievalContext,
  plan: QueryPlan,
  strategy: MatchingStrategy,
  predicate: DocumentPredicate | undefined,
): Candidates {
  const { index, byShort, scratch } = ctx;
  scratch.ensure(index.shortIdLimit);
  const gen = ++scratch.generation;
  const { stamp, matched, exact, typos, attrs, score, touched } = scratch;
  let touchedCount = 0;
  const n = plan.words.length;
  const typoInit = (1 << (TYPO_BITS * n)) - 1;
  const attrInit = n * ATTR_BITS >= 31 ? 0x3fffffff : (1 << (ATTR_BITS * n)) - 1;

  // The order in which the words rule gives up words.
  const order = plan.words.map((_, i) => i);
  if (strategy !== 'last') {
    order.sort((a, b) => (plan.words[a]?.frequency ?? 0) - (plan.words[b]?.frequency ?? 0) || a - b);
  }
  const dropOrder = strategy === 'last' ? plan.words.map((_, i) => i) : order;

  const visit = (
    word: number,
    typoCost: number,
    isExact: boolean,
    sid: number,
    rank: number,
    weight: number,
    create: boolean,
  ): void => {
    const st = stamp[sid];
    if (st !== gen) {
      if (!create || st === -gen) return;
      const stored = byShort[sid];
      if (!stored || (predicate && !predicate(stored.doc))) {
        stamp[sid] = -gen;
        return;
      }
      stamp[sid] = gen;
      matched[sid] = 0;
      exact[sid] = 0;
      typos[sid] = typoInit;
      attrs[sid] = attrInit;
      score[sid] = 0;
      touched[touchedCount++] = sid;
    }
    const bit = 1 << word;
    matched[sid] = (matched[sid] ?? 0) | bit;
    if (isExact) exact[sid] = (exact[sid] ?? 0) | bit;
    const tShift = TYPO_BITS * word;
    const t = ((typos[sid] ?? 0) >> tShift) & NO_TYPO;
    if (typoCost < t) typos[sid] = ((typos[sid] ?? 0) & ~(NO_TYPO << tShift)) | (typoCost << tShift);
    const aShift = ATTR_BITS * word;
    const a = ((attrs[sid] ?? 0) >> aShift) & NO_ATTR;
    if (rank < a) attrs[sid] = ((attrs[sid] ?? 0) & ~(NO_ATTR << aShift)) | (rank << aShift);
    score[sid] = (score[sid] ?? 0) + weight;
  };

  const fieldWeight = (rank: number): number => (rank === 0 ? 3 : rank === 1 ? 2 : 1);
  const idf = (postings: ReadonlyMap<number, ReadonlyMap<number, number>>): number => {
    let df = 0;
    for (const p of postings.values()) df += p.size;
    return Math.log(1 + ctx.documentCount / Math.max(df, 1));
  };

  const processWord = (word: number, create: boolean): void => {
    const w = plan.words[word];
    if (!w) return;
    for (const term of w.terms) {
      const postings = index.postings(term.term);
      if (!postings) continue;
      const termIdf = idf(postings) * (term.typos > 0 ? 0.5 : 1);
      for (const [fieldId, docs] of postings) {
        const rank = Math.min(ctx.fieldRank.get(fieldId) ?? NO_ATTR - 1, NO_ATTR - 1);
        const fw = termIdf * fieldWeight(rank);
        for (const [sid, tf] of docs) {
          visit(word, Math.min(term.typos, NO_TYPO - 1), term.exact, sid, rank, (fw * tf) / (tf + 1.2), create);
        }
      }
    }
    for (const group of w.groups) {
      for (const [sid, rank] of groupMatches(index, ctx.fieldRank, group.terms)) {
        visit(word, 0, false, sid, rank, fieldWeight(rank), create);
      }
    }
  };

  const first = order[0] ?? 0;
  processWord(first, true);
  for (const word of order) if (word !== first) processWord(word, false);

  const out: Candidates = {
    count: 0,
    short: new Int32Array(touchedCount),
    words: new Uint8Array(touchedCount),
    counted: new Int32Array(touchedCount),
    typos: new Uint8Array(touchedCount),
    attribute: new Uint16Array(touchedCount),
    exactWords: new Uint8Array(touchedCount),
    exactAttribute: new Uint8Array(touchedCount),
    proximity: new Int32Array(touchedCount).fill(-1),
    score: new Float32Array(touchedCount),
  };
  let c = 0;
  for (let k = 0; k < touchedCount; k++) {
    const sid = touched[k] ?? 0;
    const m = matched[sid] ?? 0;
    let words = 0;
    let counted = 0;
    let typoSum = 0;
    let attrSum = 0;
    let exactWords = 0;
    for (const i of dropOrder) {
      if (!(m & (1 << i))) break;
      words++;
      counted |= 1 << i;
      typoSum += ((typos[sid] ?? 0) >> (TYPO_BITS * i)) & NO_TYPO;
      attrSum += ((attrs[sid] ?? 0) >> (ATTR_BITS * i)) & NO_ATTR;
      if ((exact[sid] ?? 0) & (1 << i)) exactWords++;
    }
    if (words === 0 || (strategy === 'all' && words < n)) continue;
    out.short[c] = sid;
    out.words[c] = words;
    out.counted[c] = counted;
    out.typos[c] = typoSum;
    out.attribute[c] = attrSum;
    out.exactWords[c] = exactWords;
    out.exactAttribute[c] = exactAttribute(byShort[sid], ctx.titleField, ctx.queryFolded);
    out.score[c] = score[sid] ?? 0;
    c++;
  }
  out.count = c;
  return out;
}

/** Every live document passing the filter, in index order (a placeholder search). */
export function allDocuments(
  byShort: ReadonlyArray<StoredDocument | undefined>,
  predicate: DocumentPredicate | undefined,
): Candidates {
  const short: number[] = [];
  byShort.forEach((stored, sid) => {
    if (stored && (!predicate || predicate(stored.doc))) short.push(sid);
  });
  const count = short.length;
  return {
    count,
    short: Int32Array.from(short),
    words: new Uint8Array(count),
    counted: new Int32Array(count),
    typos: new Uint8Array(count),
    attribute: new Uint16Array(count),
    exactWords: new Uint8Array(count),
    exactAttribute: new Uint8Array(count),
    proximity: new Int32Array(count),
    score: new Float32Array(count),
  };
}

/**
 * Documents containing every term of a group (compound parts, phrase synonyms), with the best
 * attribute rank any of the terms reached. Starts from the rarest term.
 */
function groupMatches(
  index: PostingIndex,
  fieldRank: ReadonlyMap<number, number>,
  terms: readonly string[],
): Map<number, number> {
  const perTerm = terms.map((t) => index.postings(t));
  if (perTerm.some((p) => p === undefined)) return new Map();
  const sized = perTerm
    .map((p) => ({ p: p as ReadonlyMap<number, ReadonlyMap<number, number>>, size: totalSize(p) }))
    .sort((a, b) => a.size - b.size);
  let result: Map<number, number> | null = null;
  for (const { p } of sized) {
    const next = new Map<number, number>();
    for (const [fieldId, docs] of p) {
      const rank = fieldRank.get(fieldId) ?? NO_ATTR - 1;
      for (const sid of docs.keys()) {
        if (result && !result.has(sid)) continue;
        const best = Math.min(next.get(sid) ?? NO_ATTR, result?.get(sid) ?? NO_ATTR, rank);
        next.set(sid, best);
      }
    }
    result = next;
    if (result.size === 0) break;
  }
  return result ?? new Map();
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
  if (end - start < queryFolded.length) return 2;
  for (let i = 0; i < queryFolded.length; i++) {
    if (stored.seq[start + i] !== queryFolded[i]) return 2;
  }
  return end - start === queryFolded.length ? 0 : 1;
}
