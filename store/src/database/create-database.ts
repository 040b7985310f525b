import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex from 'knex';
import type { Knex } from 'knex';
import { DatabaseError } from '../errors/database-error';
import { silentLogger } from '../shared/logger';
import type { StoreLogger } from '../shared/logger';
import { parseDatabaseUrl } from './parse-database-url';

/** What the caller passes to `createDatabase`. */
export interface DatabaseOptions {
  /** `postgres://…`, `postgresql://…`, `sqlite:///abs/path.db` or a file path; default `.data/kilde.db`. */
  url?: string;
  /** Pool bounds for PostgreSQL; SQLite always uses one connection per process. */
  pool?: { min?: number; max?: number };
  /** Receives knex's own warnings, which it would otherwise print to the console. */
  logger?: StoreLogger;
  /** How long to wait for a connection before failing; default 10 s. */
  acquireTimeoutMs?: number;
}

/** The few methods of a better-sqlite3 connection the pool hook uses. */
interface SqliteConnection {
  pragma(source: string): unknown;
}

/**
 * Opens a knex instance on PostgreSQL or SQLite and checks that it can connect.
 * @remarks Connects eagerly (`select 1`) so a wrong URL or a stopped server fails at boot as a
 * `DatabaseError` (`DATABASE_UNAVAILABLE`, 503), not on the first request. On SQLite every new
 * connection gets WAL (readers never block the writer, so the API can read while the CMS
 * publishes), a 5 s busy timeout and enforced foreign keys.
 *
 * On SQLite, share the returned instance within a process: better-sqlite3 is synchronous, so a
 * second instance on the same file that waits for the write lock blocks the event loop that
 * the first one needs to commit.
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Knex> {
  const target = parseDatabaseUrl(options.url);
  const logger = options.logger ?? silentLogger;
  const log: Knex.Logger = {
    warn: (message: unknown) => logger.warn({ source: 'knex' }, String(message)),
    error: (message: unknown) => logger.error({ source: 'knex' }, String(message)),
    debug: (message: unknown) => logger.debug({ source: 'knex' }, String(message)),
    deprecate: (method: string, alternative: string) =>
      logger.warn({ source: 'knex', method, alternative }, 'knex deprecation'),
  };
  const acquireConnectionTimeout = options.acquireTimeoutMs ?? 10_000;

  let config: Knex.Config;
  if (target.client === 'pg') {
    config = {
      client: 'pg',
      connection: target.connectionString,
      pool: { min: options.pool?.min ?? 0, max: options.pool?.max ?? 10 },
      acquireConnectionTimeout,
      log,
    };
  } else {
    if (target.filename !== ':memory:') {
      try {
        mkdirSync(dirname(target.filename), { recursive: true });
      } catch (err) {
        throw new DatabaseError(`Cannot create the folder for ${target.filename}`, { cause: err });
      }
    }
    config = {
      client: 'better-sqlite3',
      connection: { filename: target.filename },
      useNullAsDefault: true,
      acquireConnectionTimeout,
      log,
      pool: {
        afterCreate(connection: SqliteConnection, done: (err: Error | null, c: unknown) => void) {
          try {
            connection.pragma('journal_mode = WAL');
            connection.pragma('busy_timeout = 5000');
            connection.pragma('foreign_keys = ON');
            done(null, connection);
          } catch (err) {
            done(err instanceof Error ? err : new Error(String(err)), connection);
          }
        },
      },
    };
  }

  const db = knex(config);
  try {
    await db.raw('select 1');
  } catch (err) {
    await db.destroy().catch(() => undefined);
    const where = target.client === 'pg' ? 'PostgreSQL' : `SQLite file ${target.filename}`;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new DatabaseError(`Cannot connect to ${where}: ${reason}`, {
      code: 'DATABASE_UNAVAILABLE',
      cause: err,
    });
  }
  return db;
}
