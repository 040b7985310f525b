import type { TypoToleranceSettings } from '../port/types';

/**
 * How many typos a query word may contain, by its length in characters (Meilisearch's rule:
 * none below `oneTypo`, one from `oneTypo`, two from `twoTypos`; defaults 5 and 9).
 */
export function typoBudget(word: string, settings: TypoToleranceSettings): number {
  if (!settings.enabled) return 0;
  const length = [...word].length;
  if (length >= settings.minWordSizeForTypos.twoTypos) return 2;
  if (length >= settings.minWordSizeForTypos.oneTypo) return 1;
  return 0;
}

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein where a swap of two neighbouring
 * letters is one edit, as in Meilisearch), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return Math.min(prev[n] ?? max + 1, max + 1);
}

/**
 * Typos charged for matching `query` to `candidate`: the edit distance, plus one when the first
 * letter differs (Meilisearch counts a first-letter typo as two). `max + 1` means "no match".
 */
export function typoCost(query: string, candidate: string, max: number): number {
  if (max <= 0) return query === candidate ? 0 : 1;
  const d = editDistance(query, candidate, max);
  if (d > max) return max + 1;
  const firstDiffers = query.length > 0 && candidate.length > 0 && query[0] !== candidate[0];
  return Math.min(d + (firstDiffers ? 1 : 0), max + 1);
}
