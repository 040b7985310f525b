import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { newWebhookSecret } from '@kilde/api';
import { audit } from '../audit';
import { registerInternalRoutes, type InternalCtx } from '../internal';
import { ENDPOINT_UID, toView, type EndpointRow } from './endpoints';
import { listDeliveries, redeliver } from './deliveries';

const EDITABLE = ['url', 'description', 'events', 'locales', 'types', 'topics', 'enabled'] as const;

function body(ctx: InternalCtx): Record<string, unknown> {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

function partnerOf(ctx: InternalCtx): string {
  const p = ctx.query.partner ?? body(ctx).partner;
  if (typeof p !== 'string' || p === '')
    throw new errors.ValidationError('partner is required', {
      errors: [{ path: ['partner'], message: 'is required' }],
    });
  return p;
}

/**
 * Internal routes behind `/v1/webhooks` on the API (shared secret): a partner manages only its
 * own endpoints; every write goes through the document service, so the admin and the API share
 * the same validation (URL checks, secret rotation).
 */
export function registerWebhookInternalRoutes(
  strapi: Core.Strapi,
  options: { wake: () => void } = { wake: () => undefined },
): void {
  const docs = () => strapi.documents(ENDPOINT_UID as never);
  const own = async (ctx: InternalCtx): Promise<EndpointRow> => {
    const partner = partnerOf(ctx);
    const row = (await strapi.db
      .query(ENDPOINT_UID)
      .findOne({ where: { documentId: ctx.params.id, partner } })) as EndpointRow | null;
    if (!row) throw new errors.NotFoundError('No such webhook endpoint for this partner');
    return row;
  };
  const pick = (b: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(EDITABLE.filter((k) => k in b).map((k) => [k, b[k]]));
  registerInternalRoutes(strapi, [
    {
      method: 'GET',
      path: '/webhooks',
      handler: async (ctx) => {
        const rows = (await strapi.db
          .query(ENDPOINT_UID)
          .findMany({
            where: { partner: partnerOf(ctx) },
            orderBy: { id: 'asc' },
          })) as EndpointRow[];
        ctx.body = { data: rows.map(toView) };
      },
    },
    {
      method: 'POST',
      path: '/webhooks',
      handler: async (ctx) => {
        const created = (await docs().create({
          data: { ...pick(body(ctx)), partner: partnerOf(ctx) } as never,
        })) as unknown as { documentId: string };
        const row = (await strapi.db
          .query(ENDPOINT_UID)
          .findOne({ where: { documentId: created.documentId } })) as EndpointRow;
        ctx.status = 201;
        ctx.body = { data: { ...toView(row), secret: row.secret } };
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:id',
      handler: async (ctx) => {
        ctx.body = { data: toView(await own(ctx)) };
      },
    },
    {
      method: 'PATCH',
      path: '/webhooks/:id',
      handler: async (ctx) => {
        const row = await own(ctx);
        await docs().update({ documentId: row.documentId, data: pick(body(ctx)) as never });
        ctx.body = {
          data: toView(
            (await strapi.db.query(ENDPOINT_UID).findOne({ where: { id: row.id } })) as EndpointRow,
          ),
        };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:id',
      handler: async (ctx) => {
        const row = await own(ctx);
        await docs().delete({ documentId: row.documentId });
        ctx.body = { data: { deleted: true } };
      },
    },
    {
      method: 'POST',
      path: '/webhooks/:id/rotate-secret',
      handler: async (ctx) => {
        const row = await own(ctx);
        const secret = newWebhookSecret();
        await docs().update({ documentId: row.documentId, data: { secret } as never });
        const fresh = (await strapi.db
          .query(ENDPOINT_UID)
          .findOne({ where: { id: row.id } })) as EndpointRow;
        ctx.body = { data: { ...toView(fresh), secret } };
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:id/deliveries',
      handler: async (ctx) => {
        const row = await own(ctx);
        ctx.body = {
          data: await listDeliveries(strapi.db.connection, row.documentId, {
            limit: Number(ctx.query.limit ?? 50) || 50,
          }),
        };
      },
    },
    {
      method: 'POST',
      path: '/webhooks/:id/deliveries/:deliveryId/redeliver',
      handler: async (ctx) => {
        const row = await own(ctx);
        const ok = await redeliver(
          strapi.db.connection,
          row.documentId,
          Number(ctx.params.deliveryId),
        );
        if (!ok) throw new errors.NotFoundError('No such delivery for this endpoint');
        await audit(strapi, {
          actor: `partner:${row.partner}`,
          actorName: null,
          action: 'webhook.redeliver',
          subjectType: 'webhook-endpoint',
          subjectId: row.documentId,
          details: { partner: row.partner, delivery: Number(ctx.params.deliveryId) },
        });
        options.wake();
        ctx.status = 202;
        ctx.body = { data: { redelivery: 'scheduled' } };
      },
    },
  ]);
}
