import type { Knex } from 'knex';
import type { Core } from '@strapi/strapi';
import type { PublicationMeta } from '@kilde/store';
import { documentTypeOf } from '../strapi/content-types';
import { reconcileDocument, type RemovalReason } from './publication-service';

/** What `strapi.db.transaction` hands its callback (@strapi/database types it as `any[]`). */
type TransactionParams = { trx: Knex.Transaction; onCommit: (cb: () => void) => void };

type MiddlewareContext = {
  uid: string;
  action: string;
  params: Record<string, unknown>;
};

/** Actions that can change what is published. */
function affectsPublication(ctx: MiddlewareContext): RemovalReason | undefined {
  switch (ctx.action) {
    case 'publish':
    case 'unpublish':
      return 'unpublished';
    case 'delete':
      return 'deleted';
    case 'create':
    case 'update':
      return ctx.params.status === 'published' ? 'unpublished' : undefined;
    default:
      return undefined;
  }
}

function actorOf(strapi: Core.Strapi): string | undefined {
  const user = (strapi.requestContext.get() as { state?: { user?: { id?: unknown } } } | undefined)?.state?.user;
  const id = user?.id;
  return typeof id === 'number' || typeof id === 'string' ? `admin:${id}` : undefined;
}

/**
 * Registers the publication hook on Strapi's document service. Every publish, unpublish and
 * delete of a published type — from the admin, the REST API, import, seed or a script — runs in
 * one database transaction together with the read-store write and the outbox row.
 */
export function registerPublicationMiddleware(
  strapi: Core.Strapi,
  options: { onCommitted: () => void; meta?: () => Partial<PublicationMeta> },
): void {
  strapi.documents.use(async (ctx, next) => {
    const type = documentTypeOf(ctx.uid);
    const reason = type ? affectsPublication(ctx) : undefined;
    if (!type || !reason) return next();

    return strapi.db.transaction(async ({ trx, onCommit }: TransactionParams) => {
      const result = await next();
      const params = ctx.params as Record<string, unknown>;
      const documentId =
        (typeof params.documentId === 'string' && params.documentId) ||
        (result && typeof result === 'object' && 'documentId' in result && typeof result.documentId === 'string'
          ? result.documentId
          : undefined);
      if (documentId) {
        const meta: PublicationMeta = { actor: actorOf(strapi), ...options.meta?.() };
        await reconcileDocument(strapi, trx, type, documentId, reason, meta);
        onCommit(options.onCommitted);
      }
      return result;
    });
  });
}
