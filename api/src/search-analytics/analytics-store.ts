import type { Knex } from 'knex';
import { SEARCH_ANALYTICS_TABLES as T } from '@kilde/migrations';
import type { AnalyticsBatch } from './types';

const CHUNK = 200;

/** `column = column + excluded.column` for each counter (both SQLite and PostgreSQL). */
function additive(trx: Knex.Transaction, table: string, columns: string[], at: string): Record<string, Knex.Raw | string> {
  const out: Record<string, Knex.Raw | string> = { updated_at: at };
  for (const c of columns) out[c] = trx.raw('?? + excluded.??', [`${table}.${c}`, c]);
  return out;
}

async function upsert(trx: Knex.Transaction, table: string, rows: Record<string, unknown>[], key: string[], counters: string[], at: string): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx(table)
      .insert(rows.slice(i, i + CHUNK).map((r) => ({ ...r, updated_at: at })))
      .onConflict(key)
      .merge(additive(trx, table, counters, at));
  }
}

/**
 * Adds one batch of search analytics to the daily aggregates in a single short transaction.
 * @remarks Additive upserts: concurrent API replicas add, never overwrite. Called by the
 * recorder's periodic flush only, never on a request.
 */
export async function addSearchAnalytics(knex: Knex, batch: AnalyticsBatch, at: Date = new Date()): Promise<void> {
  const stamp = at.toISOString();
  if (batch.daily.length + batch.queries.length + batch.positions.length + batch.refinements.length === 0) return;
  await knex.transaction(async (trx) => {
    await upsert(
      trx,
      T.daily,
      batch.daily.map((d) => ({ day: d.day, locale: d.locale, searches: d.searches, zero_results: d.zeroResults, dropped: d.dropped, clicks: d.clicks, refinements: d.refinements })),
      ['day', 'locale'],
      ['searches', 'zero_results', 'dropped', 'clicks', 'refinements'],
      stamp,
    );
    await upsert(
      trx,
      T.queries,
      batch.queries.map((q) => ({ day: q.day, locale: q.locale, query: q.query, searches: q.searches, zero_results: q.zeroResults, clicks: q.clicks })),
      ['day', 'locale', 'query'],
      ['searches', 'zero_results', 'clicks'],
      stamp,
    );
    await upsert(
      trx,
      T.positions,
      batch.positions.map((p) => ({ day: p.day, locale: p.locale, type: p.type, position: p.position, impressions: p.impressions, clicks: p.clicks })),
      ['day', 'locale', 'type', 'position'],
      ['impressions', 'clicks'],
      stamp,
    );
    await upsert(
      trx,
      T.refinements,
      batch.refinements.map((r) => ({ day: r.day, locale: r.locale, from_query: r.fromQuery, to_query: r.toQuery, count: r.count })),
      ['day', 'locale', 'from_query', 'to_query'],
      ['count'],
      stamp,
    );
  });
}
