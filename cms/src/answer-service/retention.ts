import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ANSWER_SERVICE_TABLES } from '@kilde/migrations';
import { answerServiceSettings } from './settings';

const T = ANSWER_SERVICE_TABLES;
const DAY_MS = 86_400_000;

export interface RetentionReport {
  /** Rows deleted because their answer was read more than the retention time ago. */
  read: number;
  /** Rows deleted because they expired (never read) more than the retention time ago. */
  expired: number;
}

/**
 * Deletes private questions and answers (rows, not flags) a retention time after the answer was
 * read, or after the question expired unread. Published archive copies are content of their own
 * and are not touched.
 */
export async function runAnswerRetention(knex: Knex, now = new Date()): Promise<RetentionReport> {
  const at = now.toISOString();
  const read = await knex(T.questions).whereNotNull('delete_after').where('delete_after', '<=', at).del();
  const expiredBefore = new Date(now.getTime() - answerServiceSettings().retentionDays * DAY_MS).toISOString();
  const expired = await knex(T.questions).whereNull('read_at').where('expires_at', '<=', expiredBefore).del();
  return { read, expired };
}

/** Daily at 03:30 Norwegian time (Strapi cron; off in tests, which call the job with a date). */
export function scheduleAnswerRetention(strapi: Core.Strapi): void {
  strapi.cron.add({
    kildeAnswerRetention: {
      task: async ({ strapi: s }: { strapi: Core.Strapi }) => {
        const report = await runAnswerRetention(s.db.connection);
        if (report.read + report.expired > 0) s.log.info(`Kilde answer service: deleted ${report.read} read and ${report.expired} expired private questions`);
      },
      options: { rule: '0 30 3 * * *', tz: 'Europe/Oslo' },
    },
  });
}
