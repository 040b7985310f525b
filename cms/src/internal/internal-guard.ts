import { createHash, timingSafeEqual } from 'node:crypto';
import { errors } from '@strapi/utils';

/** Header carrying the shared secret (sent by the API's `CmsClient`). */
export const INTERNAL_SECRET_HEADER = 'x-kilde-internal-secret';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Compares a presented secret with the expected one in constant time.
 * @remarks Both sides are hashed first so the comparison never depends on (or leaks) the length.
 */
export function secretMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented === '' || expected === '') return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

interface GuardCtx {
  get(header: string): string;
}

/**
 * Koa middleware for `/kilde-internal/...`: only a request carrying the shared secret passes;
 * anything else is 401 with the same message, whether the header was missing or wrong.
 */
export function internalGuard(secret: string) {
  return async (ctx: GuardCtx, next: () => Promise<unknown>): Promise<unknown> => {
    if (!secretMatches(secret, ctx.get(INTERNAL_SECRET_HEADER))) {
      throw new errors.UnauthorizedError(`Internal route: a valid ${INTERNAL_SECRET_HEADER} header is required`);
    }
    return next();
  };
}
