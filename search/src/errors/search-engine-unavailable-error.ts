import { KildeError } from '@kilde/schemas';

/**
 * The search engine could not be reached or did not answer in time (network failure, timeout,
 * 5xx, a task that never finished). Callers may retry; the outbox consumer does.
 */
export class SearchEngineUnavailableError extends KildeError {
  constructor(message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super('SEARCH_ENGINE_UNAVAILABLE', message, {
      status: 503,
      details: options.details,
      cause: options.cause,
    });
  }
}
