import { KildeError } from '@kilde/schemas';

/**
 * The search engine answered but refused the request (bad settings, bad filter, failed task).
 * Retrying the same request will fail the same way, unlike {@link SearchEngineUnavailableError}.
 */
export class SearchEngineError extends KildeError {
  constructor(message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super('SEARCH_ENGINE_FAILED', message, {
      status: 500,
      details: options.details,
      cause: options.cause,
    });
  }
}
