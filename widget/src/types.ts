/**
 * The slice of the `GET /v1/search` answer the widget reads (docs/search-api.md). Everything the
 * widget does not need is left out, and every field it reads defensively is optional, so a
 * refinement of the endpoint cannot break a partner's page.
 */
export type Locale = 'nb' | 'nn' | 'en';
export type HitType = 'article' | 'question' | 'service';

export interface SearchHit {
  /** 1-based position within its group over all pages; sent back in click events. */
  position?: number;
  id: string;
  type: HitType;
  locale: Locale;
  title: string;
  /** Escaped HTML with `<mark>` around matches. */
  titleHtml?: string | null;
  summary?: string | null;
  /** Escaped HTML passage with `<mark>` around matches. */
  snippetHtml?: string | null;
  provider?: { name?: string | null } | null;
  lastReviewed?: string | null;
  /** The hit is in another locale, shown because the requested one had too few. */
  fallbackLocale?: boolean;
  /** Where the hit is read: a path (`/sok/artikkel/nn/…`), resolved against the result base. */
  url?: string | null;
  phone?: string | null;
  website?: string | null;
}

export interface SearchGroup {
  type: HitType;
  totalHits: number;
  hits: SearchHit[];
}

export interface CrisisNumber {
  name: string;
  phone: string;
  /** `tel:116123` */
  tel?: string | null;
  description?: string | null;
}

export interface RelatedTopic {
  slug: string;
  title: string;
  url?: string | null;
}

export interface SearchResponse {
  query: string;
  locale: Locale;
  totalHits: number;
  /** Opaque id of this search, echoed in click events. */
  queryId?: string | null;
  suggestion?: string | null;
  help?: { crisis?: boolean; numbers?: CrisisNumber[] } | null;
  order?: HitType[];
  needsHelp?: boolean;
  groups: SearchGroup[];
  /** Topics to offer when nothing (or little) was found. */
  relatedTopics?: RelatedTopic[] | null;
}
