import type { QueryPlan } from '../norwegian/query-plan';

/**
 * The query string Meilisearch gets for a planned query: stop words dropped, each word replaced
 * by its key (stem, bokmål spelling), compounds by their part keys. Meilisearch then matches
 * the `*_x` fields, applies its own typo tolerance, its prefix search on the last word (a key
 * of a half-typed word is still a prefix of the folded words in `folded_x`), and its synonyms
 * setting, which is in key space too. A trailing space is kept: it tells Meilisearch the last
 * word is complete.
 */
export function rewriteQueryForMeilisearch(plan: QueryPlan): string {
  const words = plan.words.map((w) => {
    const compound = w.groups.find((g) => g.kind === 'compound');
    if (compound) return compound.terms.join(' ');
    return w.keys[0] ?? w.folded;
  });
  const trailing = /\s$/.test(plan.q) ? ' ' : '';
  return words.join(' ') + trailing;
}
