import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** What a partner key may do. */
export const partnerScopes = ['read:content', 'read:questions', 'search', 'import', 'export', 'webhooks'] as const;
export type PartnerScope = (typeof partnerScopes)[number];

export interface PartnerKeyRecord {
  id: string;
  partner: string;
  prefix: string;
  scopes: PartnerScope[];
  rateLimitPerMinute: number | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Day-precise at best: the API records use in its periodic usage flush, not per request. */
  lastUsedAt: string | null;
}

interface Row {
  id: string;
  partner: string;
  prefix: string;
  key_hash: string;
  scopes: string;
  rate_limit_per_minute: number | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at?: string | null;
}

const TABLE = 'kilde_partner_keys';

/** SHA-256 of a presented key, as stored. */
export function hashPartnerKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function toRecord(r: Row): PartnerKeyRecord {
  return {
    id: r.id,
    partner: r.partner,
    prefix: r.prefix,
    scopes: JSON.parse(r.scopes) as PartnerScope[],
    rateLimitPerMinute: r.rate_limit_per_minute,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at ?? null,
  };
}

/**
 * Creates a key and returns it once; only its hash is kept.
 * Format: `kilde_<8-char prefix>_<32-char secret>`, so leaked keys are easy to recognise and grep.
 */
export async function createPartnerKey(
  knex: Knex,
  input: { partner: string; scopes: readonly PartnerScope[]; rateLimitPerMinute?: number; expiresAt?: Date },
): Promise<{ key: string; record: PartnerKeyRecord }> {
  const prefix = randomBytes(6).toString('base64url');
  const key = `kilde_${prefix}_${randomBytes(24).toString('base64url')}`;
  const row: Row = {
    id: randomUUID(),
    partner: input.partner,
    prefix,
    key_hash: hashPartnerKey(key),
    scopes: JSON.stringify([...new Set(input.scopes)]),
    rate_limit_per_minute: input.rateLimitPerMinute ?? null,
    created_at: new Date().toISOString(),
    expires_at: input.expiresAt?.toISOString() ?? null,
    revoked_at: null,
  };
  await knex(TABLE).insert(row);
  return { key, record: toRecord(row) };
}

/** The live record for a presented key, or null when unknown, revoked or expired. */
export async function findPartnerKey(knex: Knex, key: string, now: Date = new Date()): Promise<PartnerKeyRecord | null> {
  const row = (await knex(TABLE).where({ key_hash: hashPartnerKey(key) }).first()) as Row | undefined;
  if (!row || row.revoked_at) return null;
  if (row.expires_at && row.expires_at <= now.toISOString()) return null;
  return toRecord(row);
}

/** What a presented key is: live, revoked, expired, or unknown (`null`). */
export type PartnerKeyLookup =
  | { status: 'active'; record: PartnerKeyRecord }
  | { status: 'revoked' | 'expired'; record: PartnerKeyRecord }
  | null;

/**
 * Looks a presented key up and says why it does not work, so the API can answer with a precise,
 * stable error code (a partner who rotated too late learns "expired", not "unknown").
 */
export async function lookupPartnerKey(knex: Knex, key: string, now: Date = new Date()): Promise<PartnerKeyLookup> {
  const row = (await knex(TABLE).where({ key_hash: hashPartnerKey(key) }).first()) as Row | undefined;
  if (!row) return null;
  const record = toRecord(row);
  if (row.revoked_at) return { status: 'revoked', record };
  if (row.expires_at && row.expires_at <= now.toISOString()) return { status: 'expired', record };
  return { status: 'active', record };
}

/** Stamps `last_used_at` on keys, in one statement (the API calls it from its usage flush). */
export async function touchPartnerKeys(knex: Knex, ids: readonly string[], at: Date = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await knex(TABLE).whereIn('id', [...new Set(ids)]).update({ last_used_at: at.toISOString() });
}

/** Keys of a partner (or all), newest first, without secrets. */
export async function listPartnerKeys(knex: Knex, partner?: string): Promise<PartnerKeyRecord[]> {
  const q = knex(TABLE).orderBy('created_at', 'desc');
  if (partner) void q.where({ partner });
  return ((await q) as Row[]).map(toRecord);
}

/** Revokes a key at once. Returns false when there was no such live key. */
export async function revokePartnerKey(knex: Knex, id: string): Promise<boolean> {
  const n = await knex(TABLE).where({ id }).whereNull('revoked_at').update({ revoked_at: new Date().toISOString() });
  return n > 0;
}

/**
 * Issues a new key with the same partner, scopes and limit, and lets the old one keep working for
 * `overlapHours` so the partner can deploy the new key without downtime.
 */
export async function rotatePartnerKey(knex: Knex, id: string, overlapHours = 24): Promise<{ key: string; record: PartnerKeyRecord } | null> {
  const old = (await knex(TABLE).where({ id }).whereNull('revoked_at').first()) as Row | undefined;
  if (!old) return null;
  const fresh = await createPartnerKey(knex, {
    partner: old.partner,
    scopes: JSON.parse(old.scopes) as PartnerScope[],
    rateLimitPerMinute: old.rate_limit_per_minute ?? undefined,
  });
  const until = new Date(Date.now() + overlapHours * 3_600_000).toISOString();
  if (!old.expires_at || old.expires_at > until) await knex(TABLE).where({ id }).update({ expires_at: until });
  return fresh;
}

const USAGE_TABLE = 'kilde_partner_usage';

/** One increment of the anonymous usage aggregates. `providerId: ''` is the partner's total. */
export interface PartnerUsageIncrement {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  partner: string;
  providerId: string;
  requests: number;
  items: number;
}

/** One row of the usage aggregates. */
export interface PartnerUsageRow extends PartnerUsageIncrement {
  updatedAt: string;
}

/**
 * Adds usage counts to the daily aggregates in one transaction (`requests = requests + n`).
 * @remarks Additive upserts make concurrent API replicas safe without coordination; the API
 * batches its counts in memory and calls this about once a minute, never per request.
 */
export async function recordPartnerUsage(
  knex: Knex,
  increments: readonly PartnerUsageIncrement[],
  at: Date = new Date(),
): Promise<void> {
  if (increments.length === 0) return;
  const updatedAt = at.toISOString();
  await knex.transaction(async (trx) => {
    for (let i = 0; i < increments.length; i += 200) {
      const rows = increments.slice(i, i + 200).map((u) => ({
        day: u.day,
        partner: u.partner,
        provider_id: u.providerId,
        requests: u.requests,
        items: u.items,
        updated_at: updatedAt,
      }));
      await trx(USAGE_TABLE)
        .insert(rows)
        .onConflict(['day', 'partner', 'provider_id'])
        .merge({
          requests: trx.raw('?? + excluded.requests', [`${USAGE_TABLE}.requests`]),
          items: trx.raw('?? + excluded.items', [`${USAGE_TABLE}.items`]),
          updated_at: trx.raw('excluded.updated_at'),
        });
    }
  });
}

/** Usage aggregates, newest day first, optionally for one partner and from a day on. */
export async function listPartnerUsage(
  knex: Knex,
  query: { partner?: string; fromDay?: string; providerId?: string } = {},
): Promise<PartnerUsageRow[]> {
  const q = knex(USAGE_TABLE).orderBy([
    { column: 'day', order: 'desc' },
    { column: 'partner', order: 'asc' },
    { column: 'provider_id', order: 'asc' },
  ]);
  if (query.partner !== undefined) void q.where({ partner: query.partner });
  if (query.providerId !== undefined) void q.where({ provider_id: query.providerId });
  if (query.fromDay !== undefined) void q.where('day', '>=', query.fromDay);
  const rows = (await q) as {
    day: string;
    partner: string;
    provider_id: string;
    requests: number | string;
    items: number | string;
    updated_at: string;
  }[];
  return rows.map((r) => ({
    day: r.day,
    partner: r.partner,
    providerId: r.provider_id,
    requests: Number(r.requests),
    items: Number(r.items),
    updatedAt: r.updated_at,
  }));
}
