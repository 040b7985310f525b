import type { Knex } from 'knex';
import { SEARCH_ANALYTICS_TABLES as T } from '@kilde/migrations';
import type { Locale } from '@kilde/schemas';

/** What the editors' widget shows for one locale and period. */
export interface SearchAnalyticsReport {
  locale: Locale;
  from: string;
  to: string;
  /** Queries searched fewer times than this in the period are not listed. */
  minSearches: number;
  totals: { searches: number; zeroResults: number; dropped: number; clicks: number; refinements: number };
  topQueries: { query: string; searches: number; zeroResults: number; clicks: number }[];
  zeroResultQueries: { query: string; searches: number; zeroResults: number }[];
  /** Click-through per result position (all groups together), positions 1–10. */
  byPosition: { position: number; impressions: number; clicks: number; ctr: number }[];
  refinements: { from: string; to: string; count: number }[];
}

const n = (v: unknown): number => Number(v ?? 0);

/** `YYYY-MM-DD` of `today` minus `days` days (UTC). */
export function dayMinus(today: Date, days: number): string {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days)).toISOString().slice(0, 10);
}

/**
 * The search analytics of the last `days` days (today included) for one locale: what young people
 * search for, what finds nothing, and how far down the list they click.
 * @remarks Rare queries (searched fewer than `minSearches` times in the period) are left out: a
 * query typed once is more likely to point at one person than to tell editors what to write.
 */
export async function searchAnalyticsReport(
  knex: Knex,
  options: { locale: Locale; days?: number; today?: Date; minSearches?: number; limit?: number },
): Promise<SearchAnalyticsReport> {
  const today = options.today ?? new Date();
  const days = options.days ?? 30;
  const minSearches = options.minSearches ?? 2;
  const limit = options.limit ?? 15;
  const from = dayMinus(today, days - 1);
  const to = dayMinus(today, 0);
  const where = (q: Knex.QueryBuilder) => q.where('locale', options.locale).where('day', '>=', from).where('day', '<=', to);

  const totals: Record<string, unknown>[] = await where(knex(T.daily)).sum({
    searches: 'searches',
    zeroResults: 'zero_results',
    dropped: 'dropped',
    clicks: 'clicks',
    refinements: 'refinements',
  });
  const totalsRow = totals[0];

  const queryRows = (await where(knex(T.queries))
    .select('query')
    .sum({ searches: 'searches', zeroResults: 'zero_results', clicks: 'clicks' })
    .groupBy('query')
    .havingRaw('sum(searches) >= ?', [minSearches])
    .orderByRaw('sum(searches) desc, query asc')
    .limit(limit)) as Record<string, unknown>[];

  const zeroRows = (await where(knex(T.queries))
    .select('query')
    .sum({ searches: 'searches', zeroResults: 'zero_results' })
    .groupBy('query')
    .havingRaw('sum(searches) >= ? and sum(zero_results) > 0', [minSearches])
    .orderByRaw('sum(zero_results) desc, query asc')
    .limit(limit)) as Record<string, unknown>[];

  const positionRows = (await where(knex(T.positions))
    .select('position')
    .sum({ impressions: 'impressions', clicks: 'clicks' })
    .where('position', '<=', 10)
    .groupBy('position')
    .orderBy('position')) as Record<string, unknown>[];

  const refinementRows = (await where(knex(T.refinements))
    .select('from_query', 'to_query')
    .sum({ count: 'count' })
    .groupBy('from_query', 'to_query')
    .havingRaw('sum(count) >= ?', [minSearches])
    .orderByRaw('sum(count) desc, from_query asc')
    .limit(limit)) as Record<string, unknown>[];

  return {
    locale: options.locale,
    from,
    to,
    minSearches,
    totals: {
      searches: n(totalsRow?.searches),
      zeroResults: n(totalsRow?.zeroResults),
      dropped: n(totalsRow?.dropped),
      clicks: n(totalsRow?.clicks),
      refinements: n(totalsRow?.refinements),
    },
    topQueries: queryRows.map((r) => ({ query: String(r.query), searches: n(r.searches), zeroResults: n(r.zeroResults), clicks: n(r.clicks) })),
    zeroResultQueries: zeroRows.map((r) => ({ query: String(r.query), searches: n(r.searches), zeroResults: n(r.zeroResults) })),
    byPosition: positionRows.map((r) => {
      const impressions = n(r.impressions);
      const clicks = n(r.clicks);
      return { position: n(r.position), impressions, clicks, ctr: impressions > 0 ? clicks / impressions : 0 };
    }),
    refinements: refinementRows.map((r) => ({ from: String(r.from_query), to: String(r.to_query), count: n(r.count) })),
  };
}
