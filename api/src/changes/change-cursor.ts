import { GraphQLError } from 'graphql';
import { ApiErrorCode } from '../http/error-codes';

const PREFIX = 'kc1:';

/** Opaque cursor of a position in the change feed (an outbox sequence number). */
export function encodeChangeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The sequence number a cursor stands for; a cursor Kilde did not hand out is a user error. */
export function decodeChangeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw new GraphQLError('`since` is not a cursor returned by `changes`.', {
      extensions: { code: ApiErrorCode.BadUserInput, argumentName: 'since' },
    });
  }
  return seq;
}
