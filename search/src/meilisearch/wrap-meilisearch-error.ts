import { KildeError } from '@kilde/schemas';
import { SearchEngineUnavailableError } from '../errors/search-engine-unavailable-error';
import { SearchEngineError } from '../errors/search-engine-error';

interface ClientErrorShape {
  name?: string;
  message?: string;
  response?: { status?: number };
  cause?: unknown;
}

/**
 * Turns anything the Meilisearch client throws into a Kilde error, so raw client errors never
 * leave the package: transport failures, timeouts and 5xx become
 * {@link SearchEngineUnavailableError} (retry later), other API errors {@link SearchEngineError}.
 *
 * @remarks
 * Classified by the client's error `name` rather than `instanceof`, because the client is an
 * ESM module loaded lazily and its classes are not in scope here.
 */
export function wrapMeilisearchError(error: unknown, operation: string): KildeError {
  if (error instanceof KildeError) return error;
  const e = (error ?? {}) as ClientErrorShape;
  const name = e.name ?? '';
  const status = e.response?.status;
  const api =
    name === 'MeilisearchApiError' && e.cause && typeof e.cause === 'object'
      ? (e.cause as { code?: string; type?: string; link?: string })
      : undefined;
  const details = {
    engine: 'meilisearch',
    operation,
    error: name || typeof error,
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(api ? { code: api.code, type: api.type, link: api.link } : {}),
  };
  const message = `Meilisearch ${operation} failed: ${e.message ?? String(error)}`;
  const transport =
    name === 'MeilisearchRequestError' ||
    name === 'MeilisearchRequestTimeOutError' ||
    name === 'MeilisearchTaskTimeOutError' ||
    (name === 'MeilisearchApiError' && (status ?? 0) >= 500) ||
    name === 'TypeError' || // fetch failures surface as TypeError without the client's wrapper
    name === 'AbortError';
  return transport
    ? new SearchEngineUnavailableError(message, { details, cause: error })
    : new SearchEngineError(message, { details, cause: error });
}
