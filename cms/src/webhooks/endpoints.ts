import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { documentTypes, locales } from '@kilde/schemas';
import { newWebhookSecret, webhookEvents } from '@kilde/api';
import { loadCmsConfig } from '../settings/load-config';
import { refuseEndpointUrl } from './url-guard';

export const ENDPOINT_UID = 'api::webhook-endpoint.webhook-endpoint';

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

/** An endpoint row as Strapi stores it. */
export interface EndpointRow {
  id: number;
  documentId: string;
  partner: string;
  url: string;
  description: string | null;
  events: string[] | null;
  locales: string[] | null;
  types: string[] | null;
  topics: string[] | null;
  enabled: boolean | null;
  secret: string | null;
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a partner sees of an endpoint (never the secret, except once when it is made). */
export interface EndpointView {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  locales: string[];
  types: string[];
  topics: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toView(row: EndpointRow): EndpointView {
  const live =
    row.previousSecret &&
    row.previousSecretExpiresAt &&
    Date.parse(row.previousSecretExpiresAt) > Date.now();
  return {
    id: row.documentId,
    url: row.url,
    description: row.description ?? null,
    events: row.events?.length ? row.events : [...webhookEvents],
    locales: row.locales ?? [],
    types: row.types ?? [],
    topics: row.topics ?? [],
    enabled: row.enabled !== false,
    disabledReason: row.disabledReason ?? null,
    disabledAt: row.disabledAt ?? null,
    previousSecretValidUntil: live ? row.previousSecretExpiresAt : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The secrets that sign right now: the current one, plus the previous one during a rotation. */
export function liveSecrets(row: EndpointRow, now = Date.now()): string[] {
  const out = row.secret ? [row.secret] : [];
  if (
    row.previousSecret &&
    row.previousSecretExpiresAt &&
    Date.parse(row.previousSecretExpiresAt) > now
  )
    out.push(row.previousSecret);
  return out;
}

function invalid(path: string, message: string): errors.ValidationError {
  return new errors.ValidationError(`${path} ${message}`, {
    errors: [{ path: [path], message, name: 'ValidationError' }],
  });
}

function subset(
  data: Record<string, unknown>,
  field: string,
  allowed: readonly string[] | null,
): void {
  if (!(field in data) || data[field] === null) return;
  const v = data[field];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.length > 200))
    throw invalid(field, 'must be a list of strings');
  if (allowed) {
    const bad = (v as string[]).filter((x) => !allowed.includes(x));
    if (bad.length)
      throw invalid(field, `has unknown values ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
  }
  if (v.length > 100) throw invalid(field, 'has more than 100 values');
}

/** Checks an endpoint's fields (the admin form and the API both come through here). */
export async function validateEndpointData(
  data: Record<string, unknown>,
  creating: boolean,
): Promise<void> {
  if (creating || 'url' in data) {
    if (typeof data.url !== 'string' || data.url === '') throw invalid('url', 'is required');
    const refusal = await refuseEndpointUrl(data.url, { production: loadCmsConfig().isProduction });
    if (refusal) throw invalid('url', refusal);
  }
  if (creating && (typeof data.partner !== 'string' || data.partner.trim() === ''))
    throw invalid('partner', 'is required');
  subset(data, 'events', webhookEvents);
  subset(data, 'locales', locales);
  subset(data, 'types', documentTypes);
  subset(data, 'topics', null);
}

/**
 * Document middleware for endpoints: validates every write (admin form or API), gives a new
 * endpoint its secret, and rotates it when the secret is cleared (admin) or replaced (API): the
 * old secret keeps signing for 24 hours.
 */
export function registerEndpointMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== ENDPOINT_UID || (ctx.action !== 'create' && ctx.action !== 'update'))
      return next();
    const params = ctx.params as { documentId?: string; data?: Record<string, unknown> };
    const data = { ...(params.data ?? {}) };
    const creating = ctx.action === 'create';
    await validateEndpointData(data, creating);
    if (creating) {
      if (typeof data.secret !== 'string' || !data.secret.startsWith('whsec_'))
        data.secret = newWebhookSecret();
      data.enabled = data.enabled ?? true;
    } else if ('secret' in data && params.documentId) {
      const current = (await strapi.db
        .query(ENDPOINT_UID)
        .findOne({ where: { documentId: params.documentId } })) as EndpointRow | null;
      const next =
        typeof data.secret === 'string' && data.secret.startsWith('whsec_')
          ? data.secret
          : newWebhookSecret();
      if (current?.secret && current.secret !== next) {
        data.previousSecret = current.secret;
        data.previousSecretExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS).toISOString();
      }
      data.secret = next;
    }
    if (!creating && data.enabled === true) {
      data.disabledReason = null;
      data.disabledAt = null;
    }
    params.data = data;
    return next();
  });
}

/** Enabled endpoints (the fan-out reads them per event; there are few). */
export async function enabledEndpoints(strapi: Core.Strapi): Promise<EndpointRow[]> {
  return (await strapi.db
    .query(ENDPOINT_UID)
    .findMany({
      where: { $or: [{ enabled: true }, { enabled: { $null: true } }] },
    })) as EndpointRow[];
}
