export { SearchAnalyticsRecorder, type SearchAnalyticsOptions } from './search-analytics-recorder';
export { addSearchAnalytics } from './analytics-store';
export { normalizeQuery, dropReason, type DropReason } from './normalize-query';
export type { AnalyticsBatch, AnalyticsHitType, ClickEvent, SearchEvent } from './types';
