/**
 * Edge cursor of a listing: the same opaque (updatedAt, id) keyset position `@kilde/store`'s
 * `listDocuments` hands out as `nextCursor` and accepts as `after` (base64url of
 * `["<updatedAt>","<id>"]`), so any edge's cursor can resume a listing right after that edge.
 */
export function listingCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id]), 'utf8').toString('base64url');
}
