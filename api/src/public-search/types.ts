import type { Locale } from '@kilde/schemas';
import type { SearchAnalyticsRecorder } from '../search-analytics';

/** Result groups of `/v1/search`. */
export type PublicSearchType = 'article' | 'question' | 'service';

/** Settings of the public search endpoint (from the API config; all optional). */
export interface PublicSearchOptions {
  /** Per-client (per browser) limit for widget requests, requests per minute; default 120. */
  clientRateLimitPerMinute?: number;
  /** Default per-key limit of widget keys (all visitors of a site share it); default 6000. */
  widgetRateLimitPerMinute?: number;
  /** Use the first `X-Forwarded-For` address (behind a reverse proxy); default false. */
  trustProxy?: boolean;
  /** Where searches and clicks are counted; none are counted without it. */
  analytics?: SearchAnalyticsRecorder;
  /** How long widget key lookups and the allowed-origin list are remembered; default 10 s. */
  widgetKeyCacheMs?: number;
}

/** Validated query parameters of `GET /v1/search`. */
export interface SearchParams {
  q: string;
  locale: Locale;
  /** As asked; `null` when the caller left the default (every type it may see). */
  types: PublicSearchType[] | null;
  topic: string | null;
  page: number;
  pageSize: number;
  session: string | null;
}

/** One hit of the public response (docs/search-api.md). */
export interface PublicHit {
  position: number;
  id: string;
  type: PublicSearchType;
  locale: Locale;
  slug: string | null;
  title: string;
  titleHtml: string;
  summary: string;
  summaryHtml: string;
  snippetHtml: string;
  provider: { id: string; name: string | null } | null;
  lastReviewed: string | null;
  fallbackLocale: boolean;
  url: string;
  phone?: string | null;
  website?: string | null;
  crisis?: boolean;
  channel?: string | null;
}

export interface PublicGroup {
  type: PublicSearchType;
  totalHits: number;
  hits: PublicHit[];
}

export interface HelpNumber {
  id: string;
  name: string;
  phone: string;
  tel: string;
  description: string;
  emergency: boolean;
}

export interface PublicSearchResponse {
  queryId: string;
  query: string;
  locale: Locale;
  page: number;
  pageSize: number;
  tookMs: number;
  totalHits: number;
  needsHelp: boolean;
  help: { crisis: true; severity: 'concern' | 'acute'; numbers: HelpNumber[] } | null;
  suggestion: string | null;
  order: PublicSearchType[];
  groups: PublicGroup[];
}
