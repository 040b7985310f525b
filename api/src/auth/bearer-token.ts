/** Kilde keys look like `kilde_<8 chars>_<32 chars>` (base64url); see `createPartnerKey`. */
const KEY_PATTERN = /^kilde_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{32}$/;

/**
 * The key from an `Authorization: Bearer <key>` header, `undefined` when there is no bearer
 * credential, or `null` when there is one but it cannot be a Kilde key (no database lookup needed).
 */
export function readBearerToken(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return undefined;
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== 'bearer') return undefined;
  const token = header.slice(space + 1).trim();
  return KEY_PATTERN.test(token) ? token : null;
}
