import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PartnerScope } from '@kilde/store';
import type { AuthenticatedPartner } from '../auth/types';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { sendJson } from '../http/send';
import { rateLimitHeaders } from '../rate-limit/rate-limit-headers';
import type { RestContext } from '../rest/types';

const AUTH_FAILURES = {
  missing: {
    code: ApiErrorCode.ApiKeyMissing,
    message: 'Send a partner key: `Authorization: Bearer <key>`.',
  },
  invalid: { code: ApiErrorCode.ApiKeyInvalid, message: 'This key is not one Kilde issued.' },
  revoked: { code: ApiErrorCode.ApiKeyRevoked, message: 'This key was revoked.' },
  expired: { code: ApiErrorCode.ApiKeyExpired, message: 'This key has expired.' },
} as const;

/**
 * Authenticates a partner key, checks a scope and takes `cost` tokens from the key's bucket
 * (the same refusals, in the same order, as GraphQL: 401, 403, 429).
 */
export async function requirePartner(
  context: RestContext,
  req: IncomingMessage,
  scope: PartnerScope,
  cost = 1,
): Promise<{ partner: AuthenticatedPartner; headers: Record<string, string> }> {
  const auth = await context.keys.authenticate(req.headers.authorization);
  if (!auth.ok) {
    const f = AUTH_FAILURES[auth.reason];
    throw new HttpError(401, f.code, f.message, {
      headers: { 'www-authenticate': 'Bearer realm="kilde"' },
    });
  }
  if (!auth.partner.scopes.has(scope)) {
    throw new HttpError(
      403,
      ApiErrorCode.InsufficientScope,
      `This key lacks the \`${scope}\` scope.`,
      { details: { requiredScopes: [scope] } },
    );
  }
  const limit = auth.partner.rateLimitPerMinute ?? context.defaultRateLimitPerMinute;
  const d = await context.rateLimiter.take(auth.partner.keyId, limit, cost);
  if (!d.allowed)
    throw new HttpError(
      429,
      ApiErrorCode.RateLimited,
      `Too many requests for this key; retry in ${d.retryAfterSeconds} s.`,
      { headers: rateLimitHeaders(d) },
    );
  return { partner: auth.partner, headers: rateLimitHeaders(d) };
}

/**
 * Sends an error as `{ error: { code, message, details } }` (the server's fallback drops
 * `details`, which importers need: every problem with file, line and path).
 */
export function sendError(res: ServerResponse, err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  if (res.headersSent) {
    res.destroy();
    return true;
  }
  sendJson(
    res,
    err.status,
    {
      error: {
        code: err.code,
        message: err.message,
        ...(err.details === undefined ? {} : { details: err.details }),
      },
    },
    { 'cache-control': 'no-store', ...err.headers },
  );
  return true;
}
