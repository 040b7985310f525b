import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales, type Locale } from '@kilde/schemas';
import { contentTypeUids } from '../strapi/content-types';
import { diffVersions, listVersions, restoreVersion } from '../revision/revision-service';
import { resolveActor } from './actor';
import { gateNotesFor } from './gate-preview';
import {
  gateFailures,
  myTasks,
  notificationsFor,
  nynorskShare,
  reviewsDue,
  translationGaps,
} from './dashboard';
import { runReviewCycle } from './review-cycle';
import { STAGES, type Actor, type Stage, type WorkflowType } from './types';
import {
  confirmStillCorrect,
  markTranslationCurrent,
  transition,
  variantStatus,
  type WorkflowKey,
} from './workflow-service';

/** The slice of Koa's context the handlers use. */
interface Ctx {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: { userAbility?: { can(action: string, subject?: string): boolean } };
  body: unknown;
}

type Handler = (ctx: Ctx) => Promise<void>;

function workflowType(value: string | undefined): WorkflowType {
  if (value === 'article' || value === 'question') return value;
  throw new errors.NotFoundError(`No workflow for ${String(value)}`);
}

function locale(value: unknown): Locale {
  if (typeof value === 'string' && (locales as readonly string[]).includes(value))
    return value as Locale;
  throw new errors.ValidationError(`Unknown locale ${String(value)}`);
}

function body(ctx: Ctx): Record<string, unknown> {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 2000) : null;

function keyOf(ctx: Ctx): WorkflowKey {
  const documentId = ctx.params.documentId;
  if (!documentId) throw new errors.ValidationError('documentId is required');
  return { type: workflowType(ctx.params.type), documentId, locale: locale(ctx.params.locale) };
}

/** The admin user may read this content type in the content manager. */
function assertCanRead(ctx: Ctx, type: WorkflowType): void {
  if (!ctx.state.userAbility?.can('plugin::content-manager.explorer.read', contentTypeUids[type])) {
    throw new errors.ForbiddenError('You may not read this content type.');
  }
}

function positiveInt(value: unknown, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new errors.ValidationError(`${name} must be a version number`);
  return n;
}

/**
 * The workflow's admin API (`/kilde/...`, admin JWT): handlers parse input and shape output; the
 * services decide, with the signed-in user as actor.
 */
export function workflowRoutes(strapi: Core.Strapi) {
  const actor = (): Promise<Actor> => resolveActor(strapi);
  const route = (method: 'GET' | 'POST', path: string, handler: Handler) => ({
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  return {
    type: 'admin' as const,
    prefix: '/kilde',
    routes: [
      route('GET', '/workflow/:type/:documentId/:locale', async (ctx) => {
        const key = keyOf(ctx);
        assertCanRead(ctx, key.type);
        ctx.body = { data: await variantStatus(strapi, await actor(), key) };
      }),
      route('POST', '/workflow/:type/:documentId/:locale/transition', async (ctx) => {
        const key = keyOf(ctx);
        const to = body(ctx).to;
        if (typeof to !== 'string' || !(STAGES as readonly string[]).includes(to))
          throw new errors.ValidationError('to must be a workflow stage');
        const who = await actor();
        await transition(strapi, who, key, to as Stage, text(body(ctx).comment));
        ctx.body = { data: await variantStatus(strapi, who, key) };
      }),
      route('POST', '/workflow/:type/:documentId/:locale/confirm', async (ctx) => {
        const key = keyOf(ctx);
        const who = await actor();
        const review = await confirmStillCorrect(strapi, who, key, text(body(ctx).comment));
        ctx.body = { data: { review, status: await variantStatus(strapi, who, key) } };
      }),
      route('POST', '/workflow/:type/:documentId/:locale/translation-current', async (ctx) => {
        const key = keyOf(ctx);
        const who = await actor();
        await markTranslationCurrent(strapi, who, key, text(body(ctx).comment));
        ctx.body = { data: await variantStatus(strapi, who, key) };
      }),
      route('POST', '/gate', async (ctx) => {
        const b = body(ctx);
        const type = workflowType(typeof b.type === 'string' ? b.type : undefined);
        assertCanRead(ctx, type);
        const values =
          b.values && typeof b.values === 'object' ? (b.values as Record<string, unknown>) : {};
        ctx.body = {
          data: await gateNotesFor(
            strapi,
            type,
            locale(b.locale),
            typeof b.documentId === 'string' ? b.documentId : null,
            values,
          ),
        };
      }),
      route('GET', '/revisions/:type/:documentId/:locale', async (ctx) => {
        const key = keyOf(ctx);
        assertCanRead(ctx, key.type);
        ctx.body = { data: await listVersions(strapi, key) };
      }),
      route('GET', '/revisions/:type/:documentId/:locale/diff', async (ctx) => {
        const key = keyOf(ctx);
        assertCanRead(ctx, key.type);
        ctx.body = {
          data: await diffVersions(
            strapi,
            key,
            positiveInt(ctx.query.from, 'from'),
            positiveInt(ctx.query.to, 'to'),
          ),
        };
      }),
      route('POST', '/revisions/:type/:documentId/:locale/restore', async (ctx) => {
        const key = keyOf(ctx);
        const who = await actor();
        await restoreVersion(strapi, who, key, positiveInt(body(ctx).version, 'version'));
        ctx.body = { data: await variantStatus(strapi, who, key) };
      }),
      route('GET', '/dashboard/reviews', async (ctx) => {
        ctx.body = { data: await reviewsDue(strapi, await actor()) };
      }),
      route('GET', '/dashboard/tasks', async (ctx) => {
        ctx.body = { data: await myTasks(strapi, await actor()) };
      }),
      route('GET', '/dashboard/nynorsk', async (ctx) => {
        ctx.body = { data: await nynorskShare(strapi) };
      }),
      route('GET', '/dashboard/translations', async (ctx) => {
        ctx.body = { data: await translationGaps(strapi) };
      }),
      route('GET', '/dashboard/gate-failures', async (ctx) => {
        ctx.body = { data: await gateFailures(strapi, await actor()) };
      }),
      route('GET', '/dashboard/notifications', async (ctx) => {
        ctx.body = { data: await notificationsFor(strapi, await actor()) };
      }),
      route('POST', '/review-cycle/run', async (ctx) => {
        const who = await actor();
        if (who.kind !== 'admin' || !who.administrator)
          throw new errors.ForbiddenError('Only administrators can run the review job by hand.');
        const today = text(body(ctx).today);
        if (today !== null && !/^\d{4}-\d{2}-\d{2}$/.test(today))
          throw new errors.ValidationError('today must be YYYY-MM-DD');
        ctx.body = { data: await runReviewCycle(strapi, today ? { today } : {}) };
      }),
    ],
  };
}
