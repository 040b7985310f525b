import type { Locale } from '@kilde/schemas';

/** Result groups a hit can be clicked in. */
export type AnalyticsHitType = 'article' | 'question' | 'service';

/** What the search endpoint tells analytics about one search. */
export interface SearchEvent {
  queryId: string;
  /** The query as typed (normalised and checked for personal data here, never stored raw). */
  query: string;
  locale: Locale;
  /** Matches in the requested locale over every searched group (0 = a zero-result search). */
  totalHits: number;
  /** The ids shown per group, in position order (position = index + 1 + offset). */
  shown: { type: AnalyticsHitType; offset: number; ids: string[] }[];
  /** The widget's in-memory session token, if it sent one. */
  session?: string;
}

/** A click beacon. */
export interface ClickEvent {
  queryId: string;
  position: number;
  type: AnalyticsHitType;
  id: string;
}

/** One flush: additive increments per table (see migration 0007). */
export interface AnalyticsBatch {
  daily: { day: string; locale: string; searches: number; zeroResults: number; dropped: number; clicks: number; refinements: number }[];
  queries: { day: string; locale: string; query: string; searches: number; zeroResults: number; clicks: number }[];
  positions: { day: string; locale: string; type: string; position: number; impressions: number; clicks: number }[];
  refinements: { day: string; locale: string; fromQuery: string; toQuery: string; count: number }[];
}
