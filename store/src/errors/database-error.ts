import { KildeError } from '@kilde/schemas';

/** Why a database call failed, as far as a caller needs to know. */
export type DatabaseErrorCode = 'DATABASE_UNAVAILABLE' | 'DATABASE_QUERY_FAILED';

/**
 * A database call failed. Raw driver errors (pg, better-sqlite3, knex) never leave
 * `@kilde/store`; they arrive wrapped in this, with the original in `cause`.
 * @remarks `DATABASE_UNAVAILABLE` (503) means "try again later": the server is down, the file
 * cannot be opened, the pool timed out or SQLite stayed busy. Anything else is
 * `DATABASE_QUERY_FAILED` (500), a bug or a schema mismatch that retrying will not fix.
 */
export class DatabaseError extends KildeError {
  declare readonly code: DatabaseErrorCode;

  constructor(
    message: string,
    options: { code?: DatabaseErrorCode; cause?: unknown; details?: unknown } = {},
  ) {
    const code = options.code ?? 'DATABASE_UNAVAILABLE';
    super(code, message, {
      status: code === 'DATABASE_UNAVAILABLE' ? 503 : 500,
      details: options.details,
      cause: options.cause,
    });
  }
}
