import { KildeError } from './kilde-error';

/** One problem found in an input, addressed by JSON pointer (`/sources/0/url`). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Input failed validation; `details.errors` lists every problem with its path. */
export class ValidationError extends KildeError {
  declare readonly details: { errors: ValidationIssue[] };

  constructor(message: string, errors: ValidationIssue[], options: { cause?: unknown } = {}) {
    super('VALIDATION_FAILED', message, { status: 422, details: { errors }, cause: options.cause });
  }
}
