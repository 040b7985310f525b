import { KildeError } from '@kilde/schemas';

/** An error with an HTTP status and a stable code, shown to clients as is. */
export class HttpError extends KildeError {
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(code, message, { status, details });
  }
}
