import type { RankingRule } from '../port/types';
import type { QueryWordMasks } from './forward-index';
import type { Candidates } from './retrieval';
import type { StoredDocument } from './stored-document';

/** The proximity cost of two words in different attributes or far apart (Meilisearch caps at 8). */
export const MAX_PROXIMITY = 8;
// Positions of different attributes are pushed this far apart so any cross-attribute pair caps.
const FIELD_GAP = 1 << 20;

/**
 * Meilisearch's proximity cost for one document: for each pair of consecutive counted query
 * words, the smallest distance between their occurrences in the same attribute (one more when
 * they appear in reverse order), capped at {@link MAX_PROXIMITY}; summed over pairs.
 */
export function proximityCost(
  seq: Int32Array,
  fieldEnds: Int32Array,
  masks: QueryWordMasks,
  counted: readonly number[],
): number {
  const n = counted.length;
  if (n < 2) return 0;
  const positions = positionBuffers(n);
  let field = 0;
  let fieldEnd = fieldEnds[0] ?? seq.length;
  // Distances count content words: "angst på skolen" has its two words side by side, as it
  // reads; stop words are kept in the sequence only so highlighting can find words by position.
  let position = 0;
  for (let p = 0; p < seq.length; p++) {
    while (p >= fieldEnd && field < fieldEnds.length - 1)
      fieldEnd = fieldEnds[++field] ?? seq.length;
    const id = seq[p] ?? -1;
    if (id < 0) continue;
    position++;
    const m = masks.of(id);
    if (m === 0) continue;
    for (let j = 0; j < n; j++) {
      if (m & (1 << (counted[j] ?? 0))) positions[j]?.push(position + field * FIELD_GAP);
    }
  }
  let sum = 0;
  for (let j = 0; j + 1 < n; j++) sum += pairCost(positions[j] ?? [], positions[j + 1] ?? []);
  return sum;
}

// Reused between documents: proximity runs for thousands of candidates per query.
const buffers: number[][] = [];
function positionBuffers(n: number): number[][] {
  while (buffers.length < n) buffers.push([]);
  for (let j = 0; j < n; j++) (buffers[j] as number[]).length = 0;
  return buffers;
}

function pairCost(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return MAX_PROXIMITY;
  let best = MAX_PROXIMITY;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    // In query order ("angst skole" with "angst" before "skole") costs the distance; reversed
    // costs one more, as in Meilisearch.
    const cost = y >= x ? y - x : x - y + 1;
    if (cost < best) {
      best = cost;
      if (best === 0) break;
    }
    if (x < y) i++;
    else j++;
  }
  return Math.min(best, MAX_PROXIMITY);
}

/** Compares two candidates by index; negative when `a` ranks first. */
export type CandidateCompare = (a: number, b: number) => number;

/** Options for {@link rankCandidates}. */
export interface RankOptions {
  rules: readonly RankingRule[];
  /** The `sort` rule's comparison, when the query sorts. */
  sort: CandidateCompare | null;
  /** How many ranked candidates are needed (offset + limit). */
  end: number;
  /** Proximity inputs; absent for single-word and placeholder searches. */
  proximity?: {
    masks: QueryWordMasks;
    byShort: ReadonlyArray<StoredDocument | undefined>;
    /** Most members of one tie whose proximity is computed. */
    budget: number;
  };
}

/**
 * Orders candidates by the ranking rules far enough to serve the first `end`, returning their
 * indexes.
 *
 * @remarks
 * Two rules need more than the per-document figures retrieval collected: proximity (a scan of
 * the forward index) and the "title equals the query" half of exactness. So candidates are
 * first selected by the rules before the first of those, as one packed number per candidate
 * (a heap over numbers, not comparator closures: a common word has tens of thousands of
 * candidates), the selection is widened to the whole last tie, and only within ties that reach
 * the page are the expensive figures computed — for at most `budget` members per tie, chosen
 * by the cheap remaining rules, like Meilisearch's search cutoff bounds its work.
 */
export function rankCandidates(c: Candidates, options: RankOptions): Int32Array {
  const { end } = options;
  if (end <= 0 || c.count === 0) return new Int32Array(0);
  if (options.sort) return rankWithComparators(c, options);
  const multiWord = options.proximity !== undefined;
  const rules = options.rules.filter((r) => r !== 'sort' && (r !== 'proximity' || multiWord));
  const lazyAt = rules.findIndex((r) => r === 'proximity' || r === 'exactness');
  const eager = lazyAt < 0 ? rules : rules.slice(0, lazyAt);
  const later = lazyAt < 0 ? [] : rules.slice(lazyAt);
  if (!multiWord) c.proximity.fill(0);

  // Reused buffers: a common word has tens of thousands of candidates, and fresh arrays per
  // search would keep the garbage collector busy.
  const eagerKey = c.buffers.rEager;
  fillKeys(c, eager, eagerKey);
  if (later.length === 0) {
    const byEager = (a: number, b: number): number =>
      (eagerKey[b] ?? 0) - (eagerKey[a] ?? 0) || tieBreak(c, a, b);
    const all = c.buffers.rIndex.subarray(0, c.count);
    for (let i = 0; i < c.count; i++) all[i] = i;
    return Int32Array.from(topK(all, end, byEager));
  }

  // Widen to the whole last tie: proximity or exactness may lift any member onto the page.
  // Ties are grouped by key without sorting them: a tie can hold thousands of candidates.
  const boundary = thresholdKey(eagerKey, c.count, end, keyBits(eager), c.buffers.rIndex);
  const ties = new Map<number, number[]>();
  for (let i = 0; i < c.count; i++) {
    const key = eagerKey[i] ?? 0;
    if (key < boundary) continue;
    const list = ties.get(key);
    if (list) list.push(i);
    else ties.set(key, [i]);
  }
  const keys = [...ties.keys()].sort((a, b) => b - a);

  const cheapLater = later.filter((r) => r !== 'proximity' && r !== 'exactness');
  const packCheap = packer(c, cheapLater);
  const packLater = packer(c, later);
  const cheapKey = c.buffers.rCheap;
  const laterKey = c.buffers.rLater;
  const byCheap = (a: number, b: number): number =>
    (cheapKey[b] ?? 0) - (cheapKey[a] ?? 0) || tieBreak(c, a, b);
  const byLater = (a: number, b: number): number =>
    (laterKey[b] ?? 0) - (laterKey[a] ?? 0) || tieBreak(c, a, b);
  const budget = options.proximity?.budget ?? 0;
  const out: number[] = [];
  for (const key of keys) {
    if (out.length >= end) break;
    const bucket = Int32Array.from(ties.get(key) ?? []);
    const need = end - out.length;
    for (const i of bucket) cheapKey[i] = packCheap(i);
    const scored = topK(bucket, Math.min(bucket.length, Math.max(budget, 2 * need)), byCheap);
    for (const i of scored) {
      if (options.proximity) {
        const { masks, byShort } = options.proximity;
        const stored = byShort[c.short[i] ?? -1];
        c.proximity[i] = stored
          ? proximityCost(stored.seq, stored.fieldEnds, masks, bitsOf(c.counted[i] ?? 0))
          : MAX_PROXIMITY * 16;
      }
      laterKey[i] = packLater(i);
    }
    scored.sort(byLater);
    out.push(...scored.slice(0, need));
    if (scored.length < need && scored.length < bucket.length) {
      const inScored = new Set(scored);
      const unscored = Array.from(bucket).filter((i) => !inScored.has(i));
      for (const i of unscored) c.proximity[i] = 0x7fffffff;
      out.push(...topK(Int32Array.from(unscored), need - scored.length, byCheap));
    }
  }
  return Int32Array.from(out.slice(0, end));
}

const RULE_BITS: Record<RankingRule, number> = {
  words: 4,
  typo: 5,
  proximity: 7,
  attribute: 7,
  exactness: 6,
  sort: 0,
};

function keyBits(rules: readonly RankingRule[]): number {
  return rules.reduce((bits, r) => bits + RULE_BITS[r], 0);
}

/**
 * Packs the values of some rules into `out`, higher is better, rule by rule over the whole
 * array (tight loops over typed arrays instead of a closure per candidate).
 */
function fillKeys(c: Candidates, rules: readonly RankingRule[], out: Float64Array): void {
  const n = c.count;
  out.fill(0, 0, n);
  for (const rule of rules) {
    const scale = 1 << RULE_BITS[rule];
    switch (rule) {
      case 'words':
        for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) * scale + (c.words[i] ?? 0);
        break;
      case 'typo':
        for (let i = 0; i < n; i++) {
          out[i] = (out[i] ?? 0) * scale + 31 - Math.min(c.typos[i] ?? 0, 31);
        }
        break;
      case 'attribute':
        for (let i = 0; i < n; i++) {
          out[i] = (out[i] ?? 0) * scale + 127 - Math.min(c.attribute[i] ?? 0, 127);
        }
        break;
      case 'proximity':
        for (let i = 0; i < n; i++) {
          out[i] = (out[i] ?? 0) * scale + 127 - Math.min(Math.max(c.proximity[i] ?? 0, 0), 127);
        }
        break;
      case 'exactness':
        for (let i = 0; i < n; i++) {
          const value = (2 - c.exactAttributeOf(i)) * 16 + Math.min(c.exactWords[i] ?? 0, 15);
          out[i] = (out[i] ?? 0) * scale + value;
        }
        break;
      case 'sort':
        break;
      default:
        assertNever(rule);
    }
  }
}

/**
 * The key of the `end`-th best candidate: every candidate with a key at least this high is
 * selected. A histogram over the (small, integer) keys when they fit in 17 bits, a heap
 * otherwise.
 */
function thresholdKey(
  keys: Float64Array,
  count: number,
  end: number,
  bits: number,
  scratch: Int32Array,
): number {
  if (bits <= 17) {
    const histogram = new Int32Array(1 << bits);
    for (let i = 0; i < count; i++) {
      const key = keys[i] ?? 0;
      histogram[key] = (histogram[key] ?? 0) + 1;
    }
    let seen = 0;
    for (let key = histogram.length - 1; key >= 0; key--) {
      seen += histogram[key] ?? 0;
      if (seen >= end) return key;
    }
    return 0;
  }
  const all = scratch.subarray(0, count);
  for (let i = 0; i < count; i++) all[i] = i;
  const head = topK(all, end, (a, b) => (keys[b] ?? 0) - (keys[a] ?? 0));
  return keys[head[head.length - 1] ?? 0] ?? 0;
}

/** Final tie-break: the BM25-like score, then index order (stable across pages). */
function tieBreak(c: Candidates, a: number, b: number): number {
  return (c.score[b] ?? 0) - (c.score[a] ?? 0) || (c.short[a] ?? 0) - (c.short[b] ?? 0);
}

/**
 * Packs the values of some rules into one number, higher is better, earlier rules weighing
 * more (each value is bounded, so the packing is lexicographic).
 */
function packer(c: Candidates, rules: readonly RankingRule[]): (i: number) => number {
  const parts: Array<{ bits: number; value: (i: number) => number }> = rules.flatMap((rule) => {
    switch (rule) {
      case 'words':
        return [{ bits: 4, value: (i: number) => c.words[i] ?? 0 }];
      case 'typo':
        return [{ bits: 5, value: (i: number) => 31 - Math.min(c.typos[i] ?? 0, 31) }];
      case 'proximity':
        return [
          { bits: 7, value: (i: number) => 127 - Math.min(Math.max(c.proximity[i] ?? 0, 0), 127) },
        ];
      case 'attribute':
        return [{ bits: 7, value: (i: number) => 127 - Math.min(c.attribute[i] ?? 0, 127) }];
      case 'exactness':
        return [
          {
            bits: 6,
            value: (i: number) =>
              (2 - c.exactAttributeOf(i)) * 16 + Math.min(c.exactWords[i] ?? 0, 15),
          },
        ];
      case 'sort':
        return [];
      default:
        return assertNever(rule);
    }
  });
  return (i) => {
    let key = 0;
    for (const { bits, value } of parts) key = key * (1 << bits) + value(i);
    return key;
  };
}

/** The general path when the query sorts by a document attribute (not a packable number). */
function rankWithComparators(c: Candidates, options: RankOptions): Int32Array {
  const { rules, sort, end } = options;
  const all = new Int32Array(c.count);
  for (let i = 0; i < c.count; i++) all[i] = i;
  const full = compareBy(c, rules, sort, true);
  if (!options.proximity) {
    c.proximity.fill(0);
    return Int32Array.from(topK(all, end, full));
  }
  const { masks, byShort } = options.proximity;
  // Sorted searches are rare (lists by date); compute proximity for every candidate kept.
  const keep = topK(
    all,
    Math.min(c.count, Math.max(end * 20, 500)),
    compareBy(
      c,
      rules.filter((r) => r !== 'proximity'),
      sort,
      true,
    ),
  );
  for (const i of keep) {
    const stored = byShort[c.short[i] ?? -1];
    c.proximity[i] = stored
      ? proximityCost(stored.seq, stored.fieldEnds, masks, bitsOf(c.counted[i] ?? 0))
      : 0x7fffffff;
  }
  return Int32Array.from(keep.sort(full).slice(0, end));
}

function bitsOf(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; mask >> i; i++) if ((mask >> i) & 1) out.push(i);
  return out;
}

function compareBy(
  c: Candidates,
  rules: readonly RankingRule[],
  sort: CandidateCompare | null,
  tieBreak: boolean,
): CandidateCompare {
  const steps: CandidateCompare[] = [];
  for (const rule of rules) {
    switch (rule) {
      case 'words':
        steps.push((a, b) => (c.words[b] ?? 0) - (c.words[a] ?? 0));
        break;
      case 'typo':
        steps.push((a, b) => (c.typos[a] ?? 0) - (c.typos[b] ?? 0));
        break;
      case 'proximity':
        steps.push((a, b) => (c.proximity[a] ?? 0) - (c.proximity[b] ?? 0));
        break;
      case 'attribute':
        steps.push((a, b) => (c.attribute[a] ?? 0) - (c.attribute[b] ?? 0));
        break;
      case 'sort':
        if (sort) steps.push(sort);
        break;
      case 'exactness':
        steps.push(
          (a, b) =>
            c.exactAttributeOf(a) - c.exactAttributeOf(b) ||
            (c.exactWords[b] ?? 0) - (c.exactWords[a] ?? 0),
        );
        break;
      default:
        assertNever(rule);
    }
  }
  if (tieBreak) {
    steps.push(
      (a, b) => (c.score[b] ?? 0) - (c.score[a] ?? 0) || (c.short[a] ?? 0) - (c.short[b] ?? 0),
    );
  }
  return (a, b) => {
    for (const step of steps) {
      const d = step(a, b);
      if (d !== 0) return d;
    }
    return 0;
  };
}

/** The `k` best of `items` in order: a bounded heap instead of sorting every match. */
function topK(items: Int32Array, k: number, compare: CandidateCompare): number[] {
  if (items.length <= Math.max(k, 256)) return Array.from(items).sort(compare).slice(0, k);
  // Max-heap on "worse": the root is the worst of the best k seen so far.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => compare(a, b) > 0;
  const swap = (i: number, j: number): void => {
    const t = heap[i] ?? 0;
    heap[i] = heap[j] ?? 0;
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i] ?? 0, heap[p] ?? 0)) break;
        swap(i, p);
        i = p;
      }
    } else if (worse(heap[0] ?? 0, item)) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l] ?? 0, heap[m] ?? 0)) m = l;
        if (r < heap.length && worse(heap[r] ?? 0, heap[m] ?? 0)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.sort(compare);
}

function assertNever(value: never): never {
  throw new Error(`Unknown ranking rule: ${String(value)}`);
}
