import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** What a partner key may do. */
export const partnerScopes = ['read:content', 'read:questions', 'search', 'import', 'export'] as const;
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
