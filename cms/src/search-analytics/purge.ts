import type { Knex } from 'knex';
import { SEARCH_ANALYTICS_TABLES as T } from '@kilde/migrations';

/** How long search analytics are kept. */
export const SEARCH_ANALYTICS_RETENTION_MONTHS = 13;

/** The first day still kept: `today` minus `months` calendar months (clamped to month end). */
export function retentionCutoff(today: Date, months = SEARCH_ANALYTICS_RETENTION_MONTHS): string {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(today.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

/**
 * Deletes search analytics older than the retention period (13 months) from every table.
 * Returns the rows deleted per table. Idempotent; run daily by the CMS.
 */
export async function purgeSearchAnalytics(knex: Knex, options: { today?: Date; months?: number } = {}): Promise<{ cutoff: string; deleted: Record<string, number> }> {
  const cutoff = retentionCutoff(options.today ?? new Date(), options.months);
  const deleted: Record<string, number> = {};
  await knex.transaction(async (trx) => {
    for (const table of Object.values(T)) deleted[table] = Number(await trx(table).where('day', '<', cutoff).delete());
  });
  return { cutoff, deleted };
}
