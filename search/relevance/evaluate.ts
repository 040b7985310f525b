import type { Locale } from '@kilde/schemas';
import type { SearchEngine } from '../src';

export interface JudgedQuery {
  query: string;
  locale: Locale;
  category: string;
  /** Article ids (seed keys), any one of which is a right answer. */
  expect: string[];
}

export interface QueryOutcome extends JudgedQuery {
  /** 1-based rank of the first right article, or null when not in the top 10. */
  rank: number | null;
  top: string[];
}

export interface RelevanceReport {
  queries: number;
  recallAt5: number;
  mrr: number;
  byCategory: Record<string, { queries: number; recallAt5: number; mrr: number }>;
  misses: QueryOutcome[];
}

/**
 * Runs judged queries against an engine and scores them.
 * @remarks Scored over article hits, as the widget groups results by type: recall@5 is the share
 * of queries with a right article in the first five, MRR the mean reciprocal rank of the first
 * right one (0 when absent from the top 10).
 */
export async function evaluateRelevance(engine: SearchEngine, queries: readonly JudgedQuery[]): Promise<RelevanceReport> {
  const outcomes: QueryOutcome[] = [];
  for (const j of queries) {
    const result = await engine.search({ q: j.query, queryLocale: j.locale, filters: { type: 'article' }, limit: 10, highlight: false });
    const top = result.hits.map((h) => h.document.documentId);
    const index = top.findIndex((id) => j.expect.includes(id));
    outcomes.push({ ...j, rank: index >= 0 ? index + 1 : null, top });
  }
  const score = (list: QueryOutcome[]) => ({
    queries: list.length,
    recallAt5: list.filter((o) => o.rank !== null && o.rank <= 5).length / Math.max(1, list.length),
    mrr: list.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / Math.max(1, list.length),
  });
  const byCategory: RelevanceReport['byCategory'] = {};
  for (const c of [...new Set(outcomes.map((o) => o.category))]) byCategory[c] = score(outcomes.filter((o) => o.category === c));
  const all = score(outcomes);
  return { queries: all.queries, recallAt5: all.recallAt5, mrr: all.mrr, byCategory, misses: outcomes.filter((o) => o.rank === null || o.rank > 5) };
}
