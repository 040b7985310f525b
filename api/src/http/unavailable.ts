import { unwrapResolverError } from '@apollo/server/errors';
import { DatabaseError, toStoreError } from '@kilde/store';

/**
 * True when `err` (or the error a resolver threw) means "the database cannot serve now": a
 * dropped connection, a failover, an exhausted pool.
 * @remarks The hot read path queries knex directly (see read-store-reader.ts), so its driver
 * errors arrive raw; `toStoreError` classifies them the same way the store does its own.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const original = toStoreError(unwrapResolverError(err), 'Reading the read store');
  return original instanceof DatabaseError && original.code === 'DATABASE_UNAVAILABLE';
}

/** Seconds a client should wait before retrying after a 503 for an unavailable database. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;
