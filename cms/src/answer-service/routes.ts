import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales, type Locale } from '@kilde/schemas';
import { registerInternalRoutes, type InternalCtx } from '../internal';
import { resolveActor } from '../workflow/actor';
import {
  answerQueue,
  assertAdmin,
  claimQuestion,
  gateAnswer,
  giveSecondOpinion,
  questionDetail,
  releaseQuestion,
  requestSecondOpinion,
  saveAnswer,
  sendAnswer,
  answeredRow,
  type AdminActor,
} from './answering';
import { publishToArchive } from './archive';
import { askQuestion, countDeflection, deflectionStats, parseIntake, readWithReceipt } from './intake';
import { runAnswerRetention } from './retention';

interface Ctx {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
}

const bodyOf = (ctx: { request: { body?: unknown } }): Record<string, unknown> => {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};

const idOf = (ctx: Ctx): string => {
  const id = ctx.params.id;
  if (!id || !/^[A-Za-z0-9_-]{8,32}$/.test(id)) throw new errors.NotFoundError('No such question.');
  return id;
};

/**
 * The answer service's admin API (`/kilde/answer-service/...`, admin JWT): the queue, one
 * question, claim/release, draft, second opinion, send, publish to the archive, the gate preview
 * and deflection figures. Every handler resolves the signed-in user and the service decides.
 */
export function answerServiceAdminRoutes(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const actor = async (): Promise<AdminActor> => assertAdmin(await resolveActor(strapi));
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Ctx) => Promise<void>) => ({
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  return {
    type: 'admin' as const,
    prefix: '/kilde/answer-service',
    routes: [
      route('GET', '/queue', async (ctx) => {
        ctx.body = { data: await answerQueue(knex(), await actor()) };
      }),
      route('GET', '/questions/:id', async (ctx) => {
        ctx.body = { data: await questionDetail(knex(), await actor(), idOf(ctx)) };
      }),
      route('POST', '/questions/:id/claim', async (ctx) => {
        const who = await actor();
        await claimQuestion(knex(), who, idOf(ctx));
        ctx.body = { data: await questionDetail(knex(), who, idOf(ctx)) };
      }),
      route('POST', '/questions/:id/release', async (ctx) => {
        const who = await actor();
        await releaseQuestion(knex(), who, idOf(ctx));
        ctx.body = { data: await questionDetail(knex(), who, idOf(ctx)) };
      }),
      route('POST', '/questions/:id/gate', async (ctx) => {
        await actor();
        const answer = bodyOf(ctx).answer;
        ctx.body = { data: await gateAnswer(knex(), await answeredRow(knex(), idOf(ctx)), typeof answer === 'string' ? answer : '') };
      }),
      route('POST', '/questions/:id/save', async (ctx) => {
        const who = await actor();
        const b = bodyOf(ctx);
        const gate = await saveAnswer(knex(), who, idOf(ctx), { answer: b.answer, profession: b.profession });
        ctx.body = { data: { gate, question: await questionDetail(knex(), who, idOf(ctx)) } };
      }),
      route('POST', '/questions/:id/second-opinion/request', async (ctx) => {
        const who = await actor();
        const b = bodyOf(ctx);
        await requestSecondOpinion(knex(), who, idOf(ctx), { answer: b.answer, profession: b.profession });
        ctx.body = { data: await questionDetail(knex(), who, idOf(ctx)) };
      }),
      route('POST', '/questions/:id/second-opinion', async (ctx) => {
        const who = await actor();
        const b = bodyOf(ctx);
        await giveSecondOpinion(knex(), who, idOf(ctx), { verdict: b.verdict, comment: b.comment, profession: b.profession });
        ctx.body = { data: await questionDetail(knex(), who, idOf(ctx)) };
      }),
      route('POST', '/questions/:id/send', async (ctx) => {
        const who = await actor();
        const b = bodyOf(ctx);
        const gate = await sendAnswer(knex(), who, idOf(ctx), { answer: b.answer, profession: b.profession });
        ctx.body = { data: { gate, question: await questionDetail(knex(), who, idOf(ctx)) } };
      }),
      route('POST', '/questions/:id/publish', async (ctx) => {
        const who = await actor();
        const b = bodyOf(ctx);
        const published = await publishToArchive(strapi, who, idOf(ctx), { title: b.title, question: b.question, answer: b.answer });
        ctx.body = { data: { ...published, question: await questionDetail(knex(), who, idOf(ctx)) } };
      }),
      route('GET', '/deflections', async (ctx) => {
        await actor();
        ctx.body = { data: await deflectionStats(knex()) };
      }),
      route('POST', '/retention/run', async (ctx) => {
        const who = await actor();
        if (!who.administrator) throw new errors.PolicyError('Only administrators can run the retention job by hand.');
        ctx.body = { data: await runAnswerRetention(knex()) };
      }),
    ],
  };
}

function localeOf(value: unknown): Locale {
  if ((locales as readonly unknown[]).includes(value)) return value as Locale;
  throw new errors.ValidationError(`locale must be one of ${locales.join(', ')}`, { errors: [{ path: 'locale', message: `must be one of ${locales.join(', ')}` }] });
}

/**
 * The internal routes the API calls for the asker (`/kilde-internal/questions...`, shared
 * secret). Receipts travel in bodies, never in URLs, so no request log holds one.
 */
export function registerAnswerServiceInternalRoutes(strapi: Core.Strapi): void {
  const knex = () => strapi.db.connection;
  registerInternalRoutes(strapi, [
    {
      method: 'POST',
      path: '/questions',
      handler: async (ctx: InternalCtx) => {
        ctx.status = 201;
        ctx.body = { data: await askQuestion(knex(), parseIntake(ctx.request.body)) };
      },
    },
    {
      method: 'POST',
      path: '/questions/lookup',
      handler: async (ctx: InternalCtx) => {
        const receipt = bodyOf(ctx).receipt;
        const view = typeof receipt === 'string' ? await readWithReceipt(knex(), receipt) : null;
        if (!view) throw new errors.NotFoundError('No question matches this receipt code.');
        ctx.body = { data: view };
      },
    },
    {
      method: 'POST',
      path: '/questions/deflections',
      handler: async (ctx: InternalCtx) => {
        const b = bodyOf(ctx);
        if (b.event !== 'deflected' && b.event !== 'asked')
          throw new errors.ValidationError('event must be deflected or asked', { errors: [{ path: 'event', message: 'must be deflected or asked' }] });
        await countDeflection(knex(), localeOf(b.locale), b.event);
        ctx.body = { data: { counted: true } };
      },
    },
  ]);
}
