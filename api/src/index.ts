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
export {
  REINDEX_LEASE,
  rebuildSearchSnapshot,
  rebuildSharedSearchIndex,
  rebuildMeilisearchIndex,
} from './search-sync/reindex';
export type {
  ReindexLockOptions,
  ReindexProgress,
  SharedReindexOptions,
  SharedReindexReport,
} from './search-sync/reindex';
export { startSharedSearchRuntime } from './search-sync/shared-search-runtime';
export type { SharedSearchRuntime, SharedSearchRuntimeOptions } from './search-sync/shared-search-runtime';
export { SHARED_SEARCH_CONSUMER, applyChange, isTransientSearchFailure } from './search-sync/search-index-consumer';
export { CmsClient, CmsClientError, INTERNAL_SECRET_HEADER } from './internal/cms-client';
export type { CmsClientOptions } from './internal/cms-client';
// Import/export format library and export writer (issue #6), shared with the CMS (CLI, jobs).
export * from './import-export/format';
export * from './import-export/export';
export { signWebhook, newWebhookSecret, webhookEvents } from './webhooks/signing';
export type { WebhookEvent } from './webhooks/signing';
