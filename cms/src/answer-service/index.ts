/**
 * The answer service (issue #8): young people ask anonymously through the API, professionals
 * answer in the admin, consented answers join the archive. Private questions live in Kilde's own
 * table (`kilde_questions`), never in Strapi content, the read store, the outbox or search.
 */
import type { Core } from '@strapi/strapi';
import { answerServiceAdminRoutes, registerAnswerServiceInternalRoutes } from './routes';
import { scheduleAnswerRetention } from './retention';

/** In `bootstrap`: admin routes, internal routes for the API, and the daily retention job. */
export function bootstrapAnswerService(strapi: Core.Strapi, options: { scheduleJobs: boolean }): void {
  strapi.server.routes(answerServiceAdminRoutes(strapi) as never);
  registerAnswerServiceInternalRoutes(strapi);
  if (options.scheduleJobs) scheduleAnswerRetention(strapi);
}

export { runAnswerRetention, type RetentionReport } from './retention';
export { setAnswerServiceSettings, answerServiceSettings } from './settings';
export { askQuestion, readWithReceipt, countDeflection, deflectionStats, parseIntake } from './intake';
export { receiptHash, normalizeReceipt, newReceipt } from './receipt';
export * from './answering';
export { publishToArchive } from './archive';
export type * from './types';
