/**
 * Anonymous search analytics, the CMS side (issue #7): the editors' report behind the admin
 * widget and the 13-month retention purge. The API process counts and writes the aggregates
 * (api/src/search-analytics/); see docs/search-api.md.
 */
import type { Core } from '@strapi/strapi';
import { purgeSearchAnalytics } from './purge';
import { searchAnalyticsRoutes } from './routes';

/** In `bootstrap`: the admin route, and the daily purge at 03:30 Norwegian time where cron runs. */
export function registerSearchAnalytics(strapi: Core.Strapi, options: { scheduleJobs: boolean }): void {
  strapi.server.routes(searchAnalyticsRoutes(strapi) as never);
  if (!options.scheduleJobs) return;
  strapi.cron.add({
    kildeSearchAnalyticsPurge: {
      task: async ({ strapi: s }: { strapi: Core.Strapi }) => {
        const { cutoff, deleted } = await purgeSearchAnalytics(s.db.connection);
        const total = Object.values(deleted).reduce((a, b) => a + b, 0);
        if (total > 0) s.log.info(`Kilde search analytics: ${total} rows before ${cutoff} deleted (13-month retention)`);
      },
      options: { rule: '0 30 3 * * *', tz: 'Europe/Oslo' },
    },
  });
}

export { purgeSearchAnalytics, retentionCutoff, SEARCH_ANALYTICS_RETENTION_MONTHS } from './purge';
export { searchAnalyticsReport, type SearchAnalyticsReport } from './report';
