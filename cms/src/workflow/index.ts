/**
 * The editorial workflow (issue #4): stages per language variant, roles, the publish gate,
 * review cycles, translation state, notifications and the admin API behind the Kilde panel and
 * homepage widgets. Enforced in a document-service middleware, so no path bypasses it.
 */
import type { Core } from '@strapi/strapi';
import { configureAdminLayouts, registerOwnOrganisationCondition } from './admin-setup';
import { configureNotifications } from './notifications';
import { scheduleReviewCycle } from './review-cycle';
import { workflowRoutes } from './routes';
import { registerWorkflowMiddleware } from './workflow-middleware';
import { setWorkflowCommitHook } from './workflow-service';

/** In `register`: the middleware, registered before the publication hook so it wraps it. */
export function registerWorkflow(strapi: Core.Strapi, options: { onCommitted: () => void }): void {
  registerWorkflowMiddleware(strapi, options);
  setWorkflowCommitHook(options.onCommitted);
}

/** In `bootstrap`, before the editorial roles are given permissions (they use the condition). */
export async function bootstrapWorkflow(
  strapi: Core.Strapi,
  options: { sendEmail: boolean; scheduleJobs: boolean },
): Promise<void> {
  await registerOwnOrganisationCondition(strapi);
  configureNotifications(strapi, { sendEmail: options.sendEmail });
  strapi.server.routes(workflowRoutes(strapi) as never);
  // Tests run the job themselves with an injected date; a timer firing mid-test would race them.
  if (options.scheduleJobs) scheduleReviewCycle(strapi);
  await configureAdminLayouts(strapi);
}

export { runAs, systemActor, adminActor, resolveActor, actorLabel } from './actor';
export { admitDraftWrite } from './access';
export { currentPublicationMeta } from './publication-scope';
export { runReviewCycle, type ReviewCycleReport } from './review-cycle';
export { listNotifications, type Notification } from './notifications';
export { listEvents } from './events';
export { getTranslationState, listOutdatedTranslations } from './translation-state';
export {
  variantStatus,
  transition,
  confirmStillCorrect,
  markTranslationCurrent,
} from './workflow-service';
export { OWN_ORGANISATION_CONDITION } from './admin-setup';
export type { Actor, ChangeNote, Stage, WorkflowEvent } from './types';
