import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { KildeError } from '@kilde/schemas';
import { hashPartnerKey } from './partner-keys';

/**
 * A public key for the search widget: it sits in a web page, so it is not a secret. What makes it
 * safe is that it can only search (`search` scope), only from its allowed origins (the browser's
 * `Origin` header, which a page cannot forge), and under its own rate limits.
 */
export interface WidgetKeyRecord {
  id: string;
  partner: string;
  prefix: string;
  /** Normalised origins (`https://ung.no`), exact match. */
  allowedOrigins: string[];
  rateLimitPerMinute: number | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** What a presented widget key is: live, revoked, expired, or unknown (`null`). */
export type WidgetKeyLookup =
  | { status: 'active' | 'revoked' | 'expired'; record: WidgetKeyRecord }
  | null;

interface Row {
  id: string;
  partner: string;
  prefix: string;
  kind: string;
  allowed_origins: string | null;
  rate_limit_per_minute: number | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

const TABLE = 'kilde_partner_keys';

/** Widget keys look like `kwk_<8 chars>_<24 chars>` (base64url); never a valid bearer key. */
export const WIDGET_KEY_PATTERN = /^kwk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{24}$/;

/** Raised for an origin that cannot be put on a widget key. */
export class InvalidOriginError extends KildeError {
  constructor(origin: string, reason: string) {
    super('INVALID_ORIGIN', `${JSON.stringify(origin)} is not a usable origin: ${reason}`, {
      status: 400,
      details: { origin, reason },
    });
  }
}

/**
 * The origin a browser would send for pages at `value`: `scheme://host[:port]`, lower case, the
 * default port dropped. Only http and https; no path, query, credentials or wildcard.
 * @throws InvalidOriginError naming the value and why.
 */
export function normalizeOrigin(value: string): string {
  const text = value.trim();
  if (text.includes('*')) throw new InvalidOriginError(value, 'wildcards are not allowed; list each origin');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidOriginError(value, 'expected scheme://host[:port], e.g. https://ung.no');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InvalidOriginError(value, 'only http and https');
  if (url.username || url.password) throw new InvalidOriginError(value, 'no credentials in an origin');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new InvalidOriginError(value, 'an origin has no path, query or fragment');
  }
  return url.origin;
}

function toRecord(r: Row): WidgetKeyRecord {
  return {
    id: r.id,
    partner: r.partner,
    prefix: r.prefix,
    allowedOrigins: r.allowed_origins ? (JSON.parse(r.allowed_origins) as string[]) : [],
    rateLimitPerMinute: r.rate_limit_per_minute,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

const COLUMNS = ['id', 'partner', 'prefix', 'kind', 'allowed_origins', 'rate_limit_per_minute', 'created_at', 'expires_at', 'revoked_at'];

/**
 * Creates a widget key (scope `search` only) for the given origins and returns it with its record.
 * Only its hash is stored, like partner keys, so the same lookup and revocation apply.
 * @throws InvalidOriginError for an origin that is not `scheme://host[:port]`.
 */
export async function createWidgetKey(
  knex: Knex,
  input: { partner: string; allowedOrigins: readonly string[]; rateLimitPerMinute?: number; expiresAt?: Date },
): Promise<{ key: string; record: WidgetKeyRecord }> {
  const origins = [...new Set(input.allowedOrigins.map(normalizeOrigin))];
  if (origins.length === 0) throw new InvalidOriginError('', 'a widget key needs at least one allowed origin');
  const prefix = randomBytes(6).toString('base64url');
  const key = `kwk_${prefix}_${randomBytes(18).toString('base64url')}`;
  const row = {
    id: randomUUID(),
    partner: input.partner,
    prefix,
    key_hash: hashPartnerKey(key),
    scopes: JSON.stringify(['search']),
    kind: 'widget',
    allowed_origins: JSON.stringify(origins),
    rate_limit_per_minute: input.rateLimitPerMinute ?? null,
    created_at: new Date().toISOString(),
    expires_at: input.expiresAt?.toISOString() ?? null,
    revoked_at: null,
  };
  await knex(TABLE).insert(row);
  return { key, record: toRecord(row) };
}

/** Looks a presented widget key up; partner keys never match. */
export async function lookupWidgetKey(knex: Knex, key: string, now: Date = new Date()): Promise<WidgetKeyLookup> {
  if (!WIDGET_KEY_PATTERN.test(key)) return null;
  const row = (await knex(TABLE).select(COLUMNS).where({ key_hash: hashPartnerKey(key), kind: 'widget' }).first()) as Row | undefined;
  if (!row) return null;
  const record = toRecord(row);
  if (row.revoked_at) return { status: 'revoked', record };
  if (row.expires_at && row.expires_at <= now.toISOString()) return { status: 'expired', record };
  return { status: 'active', record };
}

/** Widget keys (all, or of one partner), newest first, without secrets. */
export async function listWidgetKeys(knex: Knex, partner?: string): Promise<WidgetKeyRecord[]> {
  const q = knex(TABLE).select(COLUMNS).where({ kind: 'widget' }).orderBy('created_at', 'desc');
  if (partner) void q.where({ partner });
  return ((await q) as Row[]).map(toRecord);
}

/**
 * Every origin some live widget key allows: what a CORS preflight (which carries no key) is
 * answered for.
 */
export async function listWidgetOrigins(knex: Knex, now: Date = new Date()): Promise<Set<string>> {
  const rows = (await knex(TABLE)
    .select(['allowed_origins'])
    .where({ kind: 'widget' })
    .whereNull('revoked_at')
    .where((q) => void q.whereNull('expires_at').orWhere('expires_at', '>', now.toISOString()))) as Pick<Row, 'allowed_origins'>[];
  const out = new Set<string>();
  for (const r of rows) for (const o of r.allowed_origins ? (JSON.parse(r.allowed_origins) as string[]) : []) out.add(o);
  return out;
}

/**
 * Issues a new widget key with the same partner, origins and limit, and lets the old one keep
 * working for `overlapHours` (pages being redeployed with the new key). Null when no live widget
 * key has this id.
 */
export async function rotateWidgetKey(knex: Knex, id: string, overlapHours = 24): Promise<{ key: string; record: WidgetKeyRecord } | null> {
  const old = (await knex(TABLE).select(COLUMNS).where({ id, kind: 'widget' }).whereNull('revoked_at').first()) as Row | undefined;
  if (!old) return null;
  const previous = toRecord(old);
  const fresh = await createWidgetKey(knex, {
    partner: previous.partner,
    allowedOrigins: previous.allowedOrigins,
    rateLimitPerMinute: previous.rateLimitPerMinute ?? undefined,
  });
  const until = new Date(Date.now() + overlapHours * 3_600_000).toISOString();
  if (!old.expires_at || old.expires_at > until) await knex(TABLE).where({ id }).update({ expires_at: until });
  return fresh;
}
