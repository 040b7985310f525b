import type { RestModule } from '../rest/types';
import { createPublicSearchHandlers } from './handler';

export type { PublicSearchOptions, PublicSearchResponse, PublicHit, PublicGroup, SearchParams } from './types';
export { parseSearchParams } from './parse-params';
export { runPublicSearch, FALLBACK_LOCALE } from './search-service';
export { DailyClientHasher } from './client-id';

/**
 * `GET /v1/search` and `POST /v1/search/events` for the youth search widget and partners
 * (docs/search-api.md). Both answer CORS preflights for widget keys' origins.
 */
export const publicSearchModule: RestModule = (context) => {
  const handlers = createPublicSearchHandlers(context);
  return [
    { pattern: /^\/v1\/search\/?$/, methods: ['GET', 'OPTIONS'], handle: handlers.search, checksContract: 'in-handler' },
    { pattern: /^\/v1\/search\/events\/?$/, methods: ['POST', 'OPTIONS'], handle: handlers.events, checksContract: 'in-handler' },
  ];
};
