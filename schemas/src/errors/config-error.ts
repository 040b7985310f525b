import { KildeError } from './kilde-error';
import type { ValidationIssue } from './validation-error';

/** Configuration from the environment is invalid; the message names the variable. */
export class ConfigError extends KildeError {
  constructor(message: string, errors: ValidationIssue[] = []) {
    super('CONFIG_INVALID', message, { status: 500, details: { errors } });
  }
}
