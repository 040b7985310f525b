/**
 * @kilde/search — the search port, its embedded default engine and Meilisearch adapter, the
 * Norwegian analysis layer they share, and federated search for the widget.
 */
export type {
  EngineStats,
  FacetAttribute,
  FacetDistribution,
  FilterableAttribute,
  HighlightAttribute,
  HitDocument,
  IndexSettings,
  MatchingStrategy,
  RankingDetails,
  RankingRule,
  ReplaceAllOptions,
  DocumentSource,
  SearchDocument,
  SearchEngine,
  SearchFilters,
  SearchHit,
  SearchQuery,
  SearchResult,
  SearchableAttribute,
  SearchableType,
  ServiceChannel,
  SortDirection,
  SortExpression,
  SortableAttribute,
  TypoToleranceSettings,
} from './port/types';
export {
  defaultIndexSettings,
  resolveIndexSettings,
  type IndexSettingsInput,
} from './settings/default-index-settings';
export { normalizeSearchQuery, MAX_HITS_PER_PAGE } from './settings/normalize-search-query';
export { toSearchDocument, searchDocumentId } from './document/to-search-document';
export { stripMarkdown } from './document/strip-markdown';
export * from './norwegian';
export { escapeHtml, MARK_OPEN, MARK_CLOSE } from './highlight/highlight';
export {
  EmbeddedSearchEngine,
  createEmbeddedSearchEngine,
  type EmbeddedEngineOptions,
} from './embedded/embedded-search-engine';
export { SearchEngineUnavailableError } from './errors/search-engine-unavailable-error';
export { SearchEngineError } from './errors/search-engine-error';
export { InvalidSearchQueryError } from './errors/invalid-search-query-error';
export { SearchSnapshotError, type SnapshotFailure } from './errors/search-snapshot-error';
export {
  MeilisearchSearchEngine,
  createMeilisearchEngine,
  parseMarks,
  type MeilisearchConnectionOptions,
  type MeilisearchEngineOptions,
} from './meilisearch/meilisearch-search-engine';
export { loadMeilisearch, type MeilisearchClient } from './meilisearch/client';
export { toFilterExpression, quoteFilterValue } from './meilisearch/filter-expression';
export { toMeilisearchSettings } from './meilisearch/meilisearch-settings';
export {
  toMeilisearchDocument,
  meilisearchUid,
  meilisearchSearchableAttributes,
} from './meilisearch/meilisearch-document';
export { rewriteQueryForMeilisearch } from './meilisearch/rewrite-query';
export {
  createWidgetTenantToken,
  widgetSearchRules,
  type WidgetTokenOptions,
  type WidgetTokenScope,
} from './meilisearch/tenant-token';
export { wrapMeilisearchError } from './meilisearch/wrap-meilisearch-error';
export {
  federatedSearch,
  type FederatedHit,
  type FederatedSearchOptions,
  type FederatedSearchResult,
} from './federated/federated-search';
export { defaultNeedsHelp, fallbackHelpPhrases, type NeedsHelp } from './federated/needs-help';
