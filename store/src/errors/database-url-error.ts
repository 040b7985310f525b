import { KildeError } from '@kilde/schemas';

/** The database URL names a scheme Kilde cannot connect to. */
export class DatabaseUrlError extends KildeError {
  constructor(message: string) {
    super('DATABASE_URL_INVALID', message, { status: 500 });
  }
}
