import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  createPartnerKey,
  listPartnerKeys,
  listPartnerUsage,
  partnerScopes,
  revokePartnerKey,
  rotatePartnerKey,
  type PartnerKeyRecord,
  type PartnerScope,
} from '@kilde/store';
import { audit } from '../audit';
import { assertAdminRole, hasAdminRole } from '../strapi/admin-roles';

interface Ctx {
  params: Record<string, string | undefined>;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: {
    user?: { id?: number; firstname?: string; lastname?: string; roles?: { code?: string }[] };
  };
  body: unknown;
}

const ADMINISTRATORS = new Set(['strapi-super-admin']);
const READERS = new Set(['strapi-super-admin', 'kilde-editor', 'kilde-publisher']);

function actorOf(ctx: Ctx): { actor: string; actorName: string | null } {
  const u = ctx.state.user;
  return {
    actor: `admin:${String(u?.id)}`,
    actorName: [u?.firstname, u?.lastname].filter(Boolean).join(' ') || null,
  };
}

function body(ctx: Ctx): Record<string, unknown> {
  const b = ctx.request.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
}

/** Parses `scopes` (a non-empty list of known scopes); a bad one is a 400 naming it. */
export function parseScopes(value: unknown): PartnerScope[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new errors.ValidationError('scopes must be a non-empty list', { field: 'scopes' });
  for (const s of value) {
    if (typeof s !== 'string' || !(partnerScopes as readonly string[]).includes(s)) {
      throw new errors.ValidationError(
        `Unknown scope ${JSON.stringify(s)}; use ${partnerScopes.join(', ')}`,
        { field: 'scopes' },
      );
    }
  }
  return [...new Set(value as PartnerScope[])];
}

function optionalLimit(value: unknown, field: string, max: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new errors.ValidationError(`${field} must be a whole number from 1 to ${max}`, { field });
  return n;
}

/** What the admin may see of a key: never the secret or its hash. */
function view(r: PartnerKeyRecord, now = Date.now()) {
  const status = r.revokedAt
    ? 'revoked'
    : r.expiresAt && Date.parse(r.expiresAt) <= now
      ? 'expired'
      : r.expiresAt
        ? 'expiring'
        : 'active';
  return { ...r, status };
}

/**
 * Partner keys in the admin (the Partner entry's side panel): list, create (shown once), revoke,
 * rotate with an overlap, and the partner's usage per provider per day. Administrators manage
 * keys; editors and publishers may look (which content is reused where). Every change is audited.
 */
export function partnerKeyRoutes(strapi: Core.Strapi) {
  const route = (method: 'GET' | 'POST', path: string, handler: (ctx: Ctx) => Promise<void>) => ({
    method,
    path,
    handler,
    config: { policies: ['admin::isAuthenticatedAdmin'] },
  });
  const knex = () => strapi.db.connection;
  const partnerOf = (ctx: Ctx): string => {
    const p = ctx.query.partner;
    if (typeof p !== 'string' || !p.trim())
      throw new errors.ValidationError('partner is required', { parameter: 'partner' });
    return p.trim();
  };
  return {
    type: 'admin' as const,
    prefix: '/kilde',
    routes: [
      route('GET', '/partner-keys', async (ctx) => {
        assertAdminRole(ctx, READERS, 'Your role may not see partner keys.');
        ctx.body = {
          data: (await listPartnerKeys(knex(), partnerOf(ctx))).map((r) => view(r)),
          scopes: partnerScopes,
          // The panel shows create/rotate/revoke only to those the server lets do them.
          canManage: hasAdminRole(ctx, ADMINISTRATORS),
        };
      }),
      route('POST', '/partner-keys', async (ctx) => {
        assertAdminRole(ctx, ADMINISTRATORS, 'Your role may not create partner keys.');
        const b = body(ctx);
        const partner = typeof b.partner === 'string' ? b.partner.trim() : '';
        if (!partner || partner.length > 200)
          throw new errors.ValidationError('partner must be the partner’s name', {
            field: 'partner',
          });
        const scopes = parseScopes(b.scopes);
        const rateLimitPerMinute = optionalLimit(
          b.rateLimitPerMinute,
          'rateLimitPerMinute',
          10_000_000,
        );
        const { key, record } = await createPartnerKey(knex(), {
          partner,
          scopes,
          rateLimitPerMinute,
        });
        await audit(strapi, {
          ...actorOf(ctx),
          action: 'partner-key.create',
          subjectType: 'partner-key',
          subjectId: record.id,
          details: { partner, scopes, prefix: record.prefix },
        });
        // The only time the secret leaves the server.
        ctx.body = { data: { key, record: view(record) } };
      }),
      route('POST', '/partner-keys/:id/revoke', async (ctx) => {
        assertAdminRole(ctx, ADMINISTRATORS, 'Your role may not revoke partner keys.');
        const id = ctx.params.id ?? '';
        if (!(await revokePartnerKey(knex(), id)))
          throw new errors.NotFoundError(`No live key with id ${id}`);
        await audit(strapi, {
          ...actorOf(ctx),
          action: 'partner-key.revoke',
          subjectType: 'partner-key',
          subjectId: id,
        });
        ctx.body = { data: { revoked: id } };
      }),
      route('POST', '/partner-keys/:id/rotate', async (ctx) => {
        assertAdminRole(ctx, ADMINISTRATORS, 'Your role may not rotate partner keys.');
        const id = ctx.params.id ?? '';
        const overlapHours = optionalLimit(body(ctx).overlapHours, 'overlapHours', 24 * 90) ?? 24;
        const fresh = await rotatePartnerKey(knex(), id, overlapHours);
        if (!fresh) throw new errors.NotFoundError(`No live key with id ${id}`);
        await audit(strapi, {
          ...actorOf(ctx),
          action: 'partner-key.rotate',
          subjectType: 'partner-key',
          subjectId: id,
          details: { newKeyId: fresh.record.id, overlapHours },
        });
        ctx.body = { data: { key: fresh.key, record: view(fresh.record), overlapHours } };
      }),
      route('GET', '/partner-usage', async (ctx) => {
        assertAdminRole(ctx, READERS, 'Your role may not see partner usage.');
        const days = optionalLimit(ctx.query.days, 'days', 400) ?? 30;
        const fromDay = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
        const rows = await listPartnerUsage(knex(), { partner: partnerOf(ctx), fromDay });
        // Provider ids are document ids; name them from the read store for people.
        const ids = [...new Set(rows.map((r) => r.providerId).filter(Boolean))];
        const names = new Map<string, string>();
        if (ids.length > 0) {
          const docs = await knex()('kilde_documents')
            .whereIn('doc_id', ids)
            .where({ type: 'organisation' })
            .select<{ doc_id: string; locale: string; document: string }[]>('doc_id', 'locale', 'document');
          for (const d of docs)
            if (!names.has(d.doc_id) || d.locale === 'nb')
              names.set(d.doc_id, (JSON.parse(d.document) as { name?: string }).name ?? d.doc_id);
        }
        ctx.body = {
          data: rows.map((r) => ({
            ...r,
            providerName: r.providerId ? (names.get(r.providerId) ?? r.providerId) : null,
          })),
          days,
        };
      }),
    ],
  };
}
