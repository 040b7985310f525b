import type { Knex } from 'knex';

/** A knex instance or a transaction on one; every store function accepts either. */
export type Queryable = Knex | Knex.Transaction;

/** The two database families Kilde supports. */
export type Dialect = 'postgresql' | 'sqlite';

/** Tells PostgreSQL from SQLite for the few statements that differ (locks, pragmas). */
export function dialectOf(db: Queryable): Dialect {
  // knex types `client` as `any`; read the one field we need through `unknown`.
  const client: unknown = db.client;
  const dialect =
    typeof client === 'object' && client !== null && 'dialect' in client
      ? client.dialect
      : undefined;
  if (dialect === 'postgresql') return 'postgresql';
  if (dialect === 'sqlite3' || dialect === 'better-sqlite3') return 'sqlite';
  throw new TypeError(`Unsupported knex dialect: ${String(dialect)}`);
}

/**
 * Runs `fn` in the caller's transaction, or in a new one when given a plain knex instance.
 * @remarks Publication must write the read store and the outbox atomically and hold the outbox
 * lock until commit; on a plain knex each statement would autocommit on its own.
 */
export async function inTransaction<T>(
  db: Queryable,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  if (db.isTransaction === true) return fn(db as Knex.Transaction);
  return db.transaction(fn);
}
