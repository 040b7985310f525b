/** @kilde/api — the partner-facing API process (GraphQL over the read store). */
export { createApiServer } from './server';
export type { ApiServer, ApiServerOptions } from './server';
export { loadApiConfig } from './config/load-config';
export type { ApiConfig, ApiConfigInput } from './config/load-config';
export { ApiErrorCode } from './http/error-codes';
export { defaultLimits } from './limits/limits';
export type { ApiLimits } from './limits/limits';
export { searchProviderFromEngine } from './search/search-provider';
export type {
  SearchEngineLike,
  SearchProvider,
  SearchProviderHit,
  SearchProviderResult,
  SearchRequest,
  SearchableContentType,
} from './search/search-provider';
export { typeDefs } from './graphql/type-defs';
export { openReadStoreReader, KnexReader } from './content/read-store-reader';
export type { ReadStoreReader, ListingRequest, ListingRow, DocumentRow, VersionRow } from './content/read-store-reader';
export { rebuildSearchSnapshot } from './search-sync/reindex';
