import { createHash } from 'node:crypto';

/** A strong ETag of a response body (SHA-1, base64url; collision resistance is not needed here). */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an `If-None-Match` header matches `etag` (weak comparison, as RFC 9110 asks). */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  for (const tag of header.split(',')) if (tag.trim().replace(/^W\//, '') === bare) return true;
  return false;
}
