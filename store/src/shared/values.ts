import { ValidationError } from '@kilde/schemas';

/**
 * Reads an integer column.
 * @remarks node-postgres returns `bigint` columns and `count(*)` as strings (to avoid precision
 * loss); better-sqlite3 returns numbers. Kilde's sequences stay far below 2^53, so a number is
 * safe. Parsing here beats installing a global pg type parser, which would also change how
 * Strapi's queries behave in the same process.
 */
export function toInt(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError(`Expected an integer from the database, got ${typeof value}`);
}

/** Reads a boolean column: PostgreSQL returns booleans, SQLite returns 0/1. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** Reads a nullable text column. */
export function toNullableString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Current time as the fixed-width UTC ISO string every timestamp column stores. */
export function isoNow(now: () => Date): string {
  return now().toISOString();
}

/**
 * Normalises a caller's timestamp to the stored form so text comparison is chronological.
 * @remarks `2025-01-01T00:00:00Z` sorts *after* `2025-01-01T00:00:00.000Z` as text, and
 * `+02:00` offsets do not sort at all, so every timestamp is reparsed before it meets a column.
 */
export function toStoredTimestamp(value: string | Date, path: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new ValidationError('Invalid timestamp', [
      { path, message: 'must be an ISO 8601 date-time' },
    ]);
  }
  return date.toISOString();
}

/** Checks a page size so a partner cannot ask for the whole table in one response. */
export function checkLimit(limit: number, max: number, path = '/limit'): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new ValidationError('Invalid limit', [
      { path, message: `must be an integer from 1 to ${max}` },
    ]);
  }
  return limit;
}
