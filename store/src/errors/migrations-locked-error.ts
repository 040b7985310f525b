import { KildeError } from '@kilde/schemas';

/**
 * The migration lock stayed taken for longer than the caller was willing to wait.
 * @remarks Either another process is migrating right now, or a crashed run left the lock behind;
 * `unlockMigrations` frees it once you are sure nothing is running.
 */
export class MigrationsLockedError extends KildeError {
  constructor(waitedMs: number, cause?: unknown) {
    super(
      'MIGRATIONS_LOCKED',
      `Migrations stayed locked for ${waitedMs} ms; another process may be migrating, ` +
        'or a crashed run left the lock (free it with unlockMigrations)',
      { status: 503, details: { waitedMs }, cause },
    );
  }
}
