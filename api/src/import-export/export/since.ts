import { KildeError } from '@kilde/schemas';

const CURSOR_PREFIX = 'kc1:';

/** A `changes` cursor for an outbox seq (the same encoding as GraphQL's `changes`). */
export function encodeSinceCursor(seq: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${seq}`, 'utf8').toString('base64url');
}

/**
 * Reads `since`: a cursor from `changes` (or from an earlier export's `X-Kilde-Changes-Cursor`)
 * or an ISO 8601 timestamp.
 * @throws KildeError `BAD_USER_INPUT` (400) for anything else.
 */
export function parseSince(value: string): { afterSeq: number } | { updatedSince: string } {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  if (text.startsWith(CURSOR_PREFIX)) {
    const seq = Number(text.slice(CURSOR_PREFIX.length));
    if (Number.isSafeInteger(seq) && seq >= 0) return { afterSeq: seq };
  }
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return { updatedSince: new Date(t).toISOString() };
  }
  throw new KildeError(
    'BAD_USER_INPUT',
    '`since` must be a cursor from `changes` (or an earlier export) or an ISO 8601 timestamp',
    { status: 400 },
  );
}
