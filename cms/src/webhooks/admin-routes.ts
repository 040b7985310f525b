import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { audit } from '../audit';
import { assertAdminRole, hasAdminRole } from '../strapi/admin-roles';
import { ENDPOINT_UID, toView, type EndpointRow, type EndpointView } from './endpoints';
import {
  deliveryCounts,
  deliveryFilters,
  listDeliveries,
  redeliver,
  type DeliveryCounts,
  type DeliveryFilter,
  type DeliveryView,
} from './deliveries';

interface Ctx {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  state: {
    user?: { id?: number; firstname?: string; lastname?: string; roles?: { code?: string }[] };
  };
  status: number;
  body: unknown;
}

/**
 * Who may read the delivery log: as for partner keys, administrators, editors and publishers
 * (partner integrations are part of what editors answer for).
 */
const READERS = new Set(['strapi-super-admin', 'kilde-editor', 'kilde-publisher']);
/** Who may redeliver and switch a disabled endpoint back on: administrators and editors. */
const OPERATORS = new Set(['strapi-super-admin', 'kilde-editor']);

/** An endpoint in the admin's list: its settings (never a secret), state and delivery counts. */
export interface AdminEndpointView extends EndpointView {
  partner: string;
  counts: DeliveryCounts;
}

/** The admin's delivery log page answer. */
export interface AdminDeliveriesView {
  endpoint: AdminEndpointView;
  deliveries: DeliveryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  canOperate: boolean;
}

const NO_COUNTS: DeliveryCounts = { pending: 0, retrying: 0, delivered: 0, abandoned: 0 };

/** Reads and checks the log's query parameters; a bad one is a 400 naming it. */
export function parseDeliveryQuery(query: Record<string, unknown>): {
  status?: DeliveryFilter;
  limit: number;
  before?: number;
} {
  const out: { status?: DeliveryFilter; limit: number; before?: number } = { limit: 50 };
  const status = query.status;
  if (status !== undefined && status !== '') {
    if (typeof status !== 'string' || !(deliveryFilters as readonly string[]).includes(status))
      throw new errors.ValidationError(`status must be one of ${deliveryFilters.join(', ')}`, {
        parameter: 'status',
      });
    out.status = status as DeliveryFilter;
  }
  if (query.limit !== undefined && query.limit !== '') {
    const n = Number(query.limit);
    if (!Number.isInteger(n) || n < 1 || n > 200)
      throw new errors.ValidationError('limit must be a whole number from 1 to 200', {
        parameter: 'limit',
      });
    out.limit = n;
  }
  if (query.before !== undefined && query.before !== '') {
    const n = Number(query.before);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new errors.ValidationError('before must be a delivery id', { parameter: 'before' });
    out.before = n;
  }
  return out;
}

/**
 * The webhook delivery log in the admin (`/kilde/webhooks…`, admin JWT): every endpoint with its
 * state and counts, one endpoint's deliveries (filter by state, paged), redelivery and switching
 * a disabled endpoint back on. Redelivery is the same operation as the partners' `/v1/webhooks/
 * :id/deliveries/:deliveryId/redeliver` and the CLI's; every act is audited.
 */
export function webhookAdminRoutes(strapi: Core.Strapi, options: { wake: () => void }) {
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Ctx) => Promise<void>) => ({
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  const knex = () => strapi.db.connection;
  const endpointOf = async (ctx: Ctx): Promise<EndpointRow> => {
    const id = ctx.params.id ?? '';
    const row = (await strapi.db
      .query(ENDPOINT_UID)
      .findOne({ where: { documentId: id } })) as EndpointRow | null;
    if (!row) throw new errors.NotFoundError(`No webhook endpoint with id ${id}`);
    return row;
  };
  const view = (row: EndpointRow, counts: Map<string, DeliveryCounts>): AdminEndpointView => ({
    ...toView(row),
    partner: row.partner,
    counts: counts.get(row.documentId) ?? NO_COUNTS,
  });
  const actorOf = (ctx: Ctx) => {
    const u = ctx.state.user;
    return {
      actor: `admin:${String(u?.id)}`,
      actorName: [u?.firstname, u?.lastname].filter(Boolean).join(' ') || null,
    };
  };
  return {
    type: 'admin' as const,
    prefix: '/kilde',
    routes: [
      route('GET', '/webhooks', async (ctx) => {
        assertAdminRole(ctx, READERS, 'Your role may not see webhook deliveries.');
        const rows = (await strapi.db
          .query(ENDPOINT_UID)
          .findMany({ orderBy: [{ partner: 'asc' }, { id: 'asc' }] })) as EndpointRow[];
        const counts = await deliveryCounts(knex());
        ctx.body = {
          data: rows.map((r) => view(r, counts)),
          canOperate: hasAdminRole(ctx, OPERATORS),
        };
      }),
      route('GET', '/webhooks/:id/deliveries', async (ctx) => {
        assertAdminRole(ctx, READERS, 'Your role may not see webhook deliveries.');
        const q = parseDeliveryQuery(ctx.query);
        const row = await endpointOf(ctx);
        // One more than asked tells whether an older page exists.
        const rows = await listDeliveries(knex(), row.documentId, {
          ...q,
          limit: q.limit + 1,
          operator: true,
        });
        const page = rows.slice(0, q.limit);
        const data: AdminDeliveriesView = {
          endpoint: view(row, await deliveryCounts(knex())),
          deliveries: page,
          nextBefore: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
          canOperate: hasAdminRole(ctx, OPERATORS),
        };
        ctx.body = { data };
      }),
      route('POST', '/webhooks/:id/deliveries/:deliveryId/redeliver', async (ctx) => {
        assertAdminRole(ctx, OPERATORS, 'Your role may not redeliver webhooks.');
        const row = await endpointOf(ctx);
        const deliveryId = Number(ctx.params.deliveryId);
        if (!(await redeliver(knex(), row.documentId, deliveryId)))
          throw new errors.NotFoundError(
            `No delivery ${String(ctx.params.deliveryId)} for endpoint ${row.documentId}`,
          );
        await audit(strapi, {
          ...actorOf(ctx),
          action: 'webhook.redeliver',
          subjectType: 'webhook-endpoint',
          subjectId: row.documentId,
          details: { partner: row.partner, delivery: deliveryId },
        });
        options.wake();
        ctx.status = 202;
        ctx.body = {
          data: {
            redelivery: 'scheduled',
            // A disabled endpoint keeps it until it is switched on again.
            waitsForEnable: row.enabled === false,
          },
        };
      }),
      route('POST', '/webhooks/:id/enable', async (ctx) => {
        assertAdminRole(ctx, OPERATORS, 'Your role may not switch webhook endpoints on.');
        const row = await endpointOf(ctx);
        // Through the document service, so the endpoint middleware clears the disabled reason
        // and the endpoint audit records who did it, as for an edit in the content manager.
        await strapi
          .documents(ENDPOINT_UID as never)
          .update({ documentId: row.documentId, data: { enabled: true } as never });
        options.wake();
        const fresh = await endpointOf(ctx);
        ctx.body = { data: view(fresh, await deliveryCounts(knex())) };
      }),
    ],
  };
}
