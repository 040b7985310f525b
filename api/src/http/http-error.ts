import { KildeError } from '@kilde/schemas';
import type { ApiErrorCode } from './error-codes';

/** An error with an HTTP status and a stable code, shown to clients as is. */
export class HttpError extends KildeError {
  constructor(status: number, code: ApiErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(code, message, { status, details: options.details });
    this.headers = options.headers ?? {};
  }

  readonly headers: Record<string, string>;
}
