import type { RateLimitDecision } from './types';

/**
 * `RateLimit-*` headers (IETF draft "RateLimit header fields for HTTP") plus `Retry-After` on a
 * refusal. Sent on every authenticated response so partners can pace themselves.
 */
export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(d.limit),
    'ratelimit-remaining': String(d.remaining),
    'ratelimit-reset': String(d.resetSeconds),
    'ratelimit-policy': `${d.limit};w=60`,
  };
  if (!d.allowed) headers['retry-after'] = String(d.retryAfterSeconds);
  return headers;
}
