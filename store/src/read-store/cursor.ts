import { ValidationError } from '@kilde/schemas';

/** Position in a listing ordered by (updatedAt, id). */
export interface DocumentCursor {
  updatedAt: string;
  id: string;
}

/**
 * Encodes a keyset cursor as opaque base64url.
 * @remarks Keyset rather than offset pagination: an offset shifts when documents are published
 * during a sync and pages would skip or repeat rows; a (updatedAt, id) position does not.
 */
export function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else is a `ValidationError` on `path`. */
export function decodeCursor(value: string, path = '/after'): DocumentCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'string' &&
    typeof parsed[1] === 'string'
  ) {
    return { updatedAt: parsed[0], id: parsed[1] };
  }
  throw new ValidationError('Invalid cursor', [
    { path, message: 'is not a cursor returned by a previous page' },
  ]);
}
