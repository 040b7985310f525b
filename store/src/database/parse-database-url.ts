import { isAbsolute, resolve } from 'node:path';
import { DatabaseUrlError } from '../errors/database-url-error';

/** Where a database URL points, resolved to what knex needs. */
export type DatabaseTarget =
  | { client: 'pg'; connectionString: string }
  | { client: 'better-sqlite3'; filename: string };

/** The zero-setup default: a SQLite file under `.data/` of the working directory. */
export const DEFAULT_SQLITE_PATH = '.data/kilde.db';

/**
 * Resolves a database URL.
 * @remarks Accepts `postgres://` and `postgresql://` URLs, `sqlite:///abs/path.db`,
 * `sqlite:relative/path.db`, `:memory:` and bare file paths. Relative paths resolve against
 * `cwd`, so the same config means the same file whichever folder a script starts in.
 */
export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseTarget {
  const value = (url ?? '').trim() || DEFAULT_SQLITE_PATH;
  if (/^postgres(ql)?:\/\//i.test(value)) return { client: 'pg', connectionString: value };
  if (/^sqlite:/i.test(value)) {
    // sqlite:///abs → /abs ; sqlite://rel → rel ; sqlite:rel → rel
    const path = decodeURIComponent(value.replace(/^sqlite:(\/\/)?/i, ''));
    if (path === '') throw new DatabaseUrlError('sqlite: URL has no file path');
    return sqliteTarget(path, cwd);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const scheme = value.slice(0, value.indexOf(':'));
    throw new DatabaseUrlError(
      `Unsupported database URL scheme "${scheme}:"; use postgres://, postgresql:// or sqlite:`,
    );
  }
  return sqliteTarget(value, cwd);
}

function sqliteTarget(path: string, cwd: string): DatabaseTarget {
  if (path === ':memory:') return { client: 'better-sqlite3', filename: path };
  return { client: 'better-sqlite3', filename: isAbsolute(path) ? path : resolve(cwd, path) };
}
