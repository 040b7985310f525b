import type { PartnerScope } from '@kilde/store';

/** The partner behind a request, as its key says. No personal data: a partner is an organisation. */
export interface AuthenticatedPartner {
  keyId: string;
  partner: string;
  scopes: ReadonlySet<PartnerScope>;
  /** The key's own limit, or null for the API default. */
  rateLimitPerMinute: number | null;
}

/** Why a request is not authenticated. */
export type AuthFailure = 'missing' | 'invalid' | 'revoked' | 'expired';

export type AuthResult = { ok: true; partner: AuthenticatedPartner } | { ok: false; reason: AuthFailure };
