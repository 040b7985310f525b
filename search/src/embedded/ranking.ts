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
  const positions: number[][] = counted.map(() => []);
  let field = 0;
  let fieldEnd = fieldEnds[0] ?? seq.length;
  for (let p = 0; p < seq.length; p++) {
    while (p >= fieldEnd && field < fieldEnds.length - 1) fieldEnd = fieldEnds[++field] ?? seq.length;
    const m = masks.of(seq[p] ?? 0);
    if (m === 0) continue;
    for (let j = 0; j < n; j++) {
      if (m & (1 << (counted[j] ?? 0))) positions[j]?.push(p + field * FIELD_GAP);
    }
  }
  let sum = 0;
  for (let j = 0; j + 1 < n; j++) sum += pairCost(positions[j] ?? [], positions[j + 1] ?? []);
  return sum;
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
 * indexes. Proximity is the only rule that needs the forward index, so the best `end` are first
 * selected by the rules before it, widened to the whole last tie, and only those ties get their
 * proximity computed.
 */
export function rankCandidates(c: Candidates, options: RankOptions): Int32Array {
  const { rules, sort, end } = options;
  if (end <= 0 || c.count === 0) return new Int32Array(0);
  const all = new Int32Array(c.count);
  for (let i = 0; i < c.count; i++) all[i] = i;
  const full = compareBy(c, rules, sort, true);
  const proximityAt = options.proximity ? rules.indexOf('proximity') : -1;
  if (proximityAt < 0 || !options.proximity) {
    c.proximity.fill(0);
    return Int32Array.from(topK(all, end, full));
  }
  const { masks, byShort, budget } = options.proximity;
  const before = rules.slice(0, proximityAt);
  const compareBefore = compareBy(c, before, sort, false);
  const head = topK(all, end, compareBefore);
  const boundary = head[head.length - 1] ?? 0;
  // Everything strictly better than the boundary is in `head`; add the boundary's whole tie.
  const selected: number[] = [];
  for (const i of head) if (compareBefore(i, boundary) < 0) selected.push(i);
  for (let i = 0; i < c.count; i++) if (compareBefore(i, boundary) === 0) selected.push(i);
  selected.sort(compareBefore);

  const rest = compareBy(
    c,
    rules.filter((r) => r !== 'proximity' && !before.includes(r)),
    sort,
    true,
  );
  const out: number[] = [];
  let start = 0;
  while (start < selected.length && out.length < end) {
    let stop = start + 1;
    const first = selected[start] ?? 0;
    while (stop < selected.length && compareBefore(first, selected[stop] ?? 0) === 0) stop++;
    const bucket = selected.slice(start, stop).sort(rest);
    // Within the budget every member gets its proximity; past it, members keep the order of
    // the remaining rules and rank after the scored ones.
    bucket.forEach((i, k) => {
      const stored = byShort[c.short[i] ?? -1];
      c.proximity[i] =
        k < budget && stored
          ? proximityCost(stored.seq, stored.fieldEnds, masks, bitsOf(c.counted[i] ?? 0))
          : 0x7fffffff;
    });
    bucket.sort(full);
    out.push(...bucket);
    start = stop;
  }
  return Int32Array.from(out.slice(0, end));
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
            (c.exactAttribute[a] ?? 0) - (c.exactAttribute[b] ?? 0) ||
            (c.exactWords[b] ?? 0) - (c.exactWords[a] ?? 0),
        );
        break;
      default:
        assertNever(rule);
    }
  }
  if (tieBreak) {
    steps.push((a, b) => (c.score[b] ?? 0) - (c.score[a] ?? 0) || (c.short[a] ?? 0) - (c.short[b] ?? 0));
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
