import type { Core } from '@strapi/strapi';
import { pruneOutbox, type StoreLogger } from '@kilde/store';

/**
 * The daily outbox prune, at 04:15 Norwegian time (Strapi cron; off in tests, which call
 * `pruneOutbox` with a clock). Every CMS node schedules it: concurrent runs take different rows
 * and the watermark only moves forward, so no leader election is needed.
 * @remarks Logs counts and sequence numbers only; outbox rows carry editors' ids and content.
 */
export function scheduleOutboxPrune(
  strapi: Core.Strapi,
  options: { retentionDays: number; staleAfterHours: number },
): void {
  strapi.cron.add({
    kildeOutboxPrune: {
      task: async ({ strapi: s }: { strapi: Core.Strapi }) => {
        try {
          await pruneOutbox(s.db.connection, {
            retentionDays: options.retentionDays,
            // Each stale consumer holding pruning back is logged as a warning by name.
            staleAfterHours: options.staleAfterHours,
            logger: strapiLogger(s),
          });
        } catch (err) {
          // A failed night is retried by the next one; nothing is half done (batches are atomic).
          s.log.error(
            `Kilde outbox prune failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      },
      options: { rule: '0 15 4 * * *', tz: 'Europe/Oslo' },
    },
  });
}

/** Strapi's logger takes one string; keep the store's fields in it so lines stay greppable. */
function strapiLogger(strapi: Core.Strapi): StoreLogger {
  const line = (fields: Record<string, unknown>, msg: string): string =>
    `Kilde ${msg} ${JSON.stringify(fields)}`;
  return {
    debug: (f, m) => strapi.log.debug(line(f, m)),
    info: (f, m) => strapi.log.info(line(f, m)),
    warn: (f, m) => strapi.log.warn(line(f, m)),
    error: (f, m) => strapi.log.error(line(f, m)),
  };
}
