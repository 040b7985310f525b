import { ValidationError } from '@kilde/schemas';

/**
 * Edge cursor of a listing: the same opaque (updatedAt, id) keyset position `@kilde/store`'s
 * `listDocuments` hands out as `nextCursor` and accepts as `after` (base64url of
 * `["<updatedAt>","<id>"]`), so any edge's cursor can resume a listing right after that edge.
 */
export function listingCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id]), 'utf8').toString('base64url');
}

/** Reads a listing cursor; anything else is a `ValidationError` on `/after` (as the store does). */
export function decodeListingCursor(value: string): { updatedAt: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
    return { updatedAt: parsed[0], id: parsed[1] };
  }
  throw new ValidationError('Invalid cursor', [{ path: '/after', message: 'is not a cursor returned by a previous page' }]);
}
