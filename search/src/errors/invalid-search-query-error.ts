import { KildeError, type ValidationIssue } from '@kilde/schemas';

/** A search query the engines refuse before running it (paging out of range, unknown facet…). */
export class InvalidSearchQueryError extends KildeError {
  declare readonly details: { errors: ValidationIssue[] };

  constructor(message: string, errors: ValidationIssue[]) {
    super('SEARCH_QUERY_INVALID', message, { status: 400, details: { errors } });
  }
}
