import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';

interface RequestScope {
  requestId: string;
  /** Koa's state, read lazily: Strapi authenticates after this middleware has run. */
  state?: { user?: unknown };
}

const scope = new AsyncLocalStorage<RequestScope>();
/** A caller's id is kept only when it looks like an id (no header injection, no personal data). */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The id of the request this code runs for, if it runs for one. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** The admin user signed in for the current request, once Strapi has authenticated it. */
export function currentRequestUser(): unknown {
  return scope.getStore()?.state?.user;
}

/** Runs `fn` with a request id (jobs and the CLI name their own). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/**
 * Gives every HTTP request an id: the caller's `X-Request-Id` when it is a plausible id (the API
 * forwards its own on the internal channel), otherwise a new UUID. It is echoed in the response,
 * stored on the outbox rows the request causes and carried into logs, so one publish can be
 * followed from the editor's click to the partner's webhook.
 */
export function registerRequestContext(strapi: Core.Strapi): void {
  strapi.server.use(
    async (
      ctx: { get(h: string): string; set(h: string, v: string): void; state: { user?: unknown } },
      next: () => Promise<void>,
    ) => {
      const given = ctx.get('x-request-id');
      const requestId = ACCEPTABLE_ID.test(given) ? given : randomUUID();
      ctx.set('x-request-id', requestId);
      await scope.run({ requestId, state: ctx.state }, next);
    },
  );
}
