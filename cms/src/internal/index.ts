/**
 * The CMS side of the internal API → CMS channel: routes under `/kilde-internal/...` that only
 * the API process (holding `KILDE_INTERNAL_SECRET`) may call. Features register their routes with
 * {@link registerInternalRoutes} in `bootstrap`; the guard is added for them.
 */
import type { Core } from '@strapi/strapi';
import { loadCmsConfig } from '../settings/load-config';
import { internalGuard } from './internal-guard';

export { INTERNAL_SECRET_HEADER, internalGuard, secretMatches } from './internal-guard';

export const INTERNAL_PREFIX = '/kilde-internal';

/** The slice of Koa's context internal handlers use. */
export interface InternalCtx {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  body: unknown;
  status: number;
}

export interface InternalRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the prefix: `/questions` becomes `/kilde-internal/questions`. */
  path: string;
  handler: (ctx: InternalCtx) => Promise<void> | void;
}

/**
 * Registers routes under `/kilde-internal`, each behind the shared-secret guard and outside
 * Strapi's Content API and admin authentication (`auth: false`: the guard is the authentication).
 */
export function registerInternalRoutes(strapi: Core.Strapi, routes: readonly InternalRoute[], secret = loadCmsConfig().secrets.internalSecret): void {
  const guard = internalGuard(secret);
  strapi.server.routes({
    prefix: INTERNAL_PREFIX,
    routes: routes.map((r) => ({
      method: r.method,
      path: r.path,
      handler: r.handler,
      config: { auth: false, middlewares: [guard] },
    })),
  } as never);
}

/** `GET /kilde-internal/ping`: lets the API (and tests) check the channel and the secret. */
export function registerInternalChannel(strapi: Core.Strapi): void {
  registerInternalRoutes(strapi, [
    {
      method: 'GET',
      path: '/ping',
      handler: (ctx) => {
        ctx.body = { data: { ok: true } };
      },
    },
  ]);
}
