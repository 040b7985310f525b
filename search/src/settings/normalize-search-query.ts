import type { ValidationIssue } from '@kilde/schemas';
import { InvalidSearchQueryError } from '../errors/invalid-search-query-error';
import type {
  FacetAttribute,
  HighlightAttribute,
  IndexSettings,
  MatchingStrategy,
  SearchQuery,
  SortExpression,
} from '../port/types';

/** The largest page either engine returns. */
export const MAX_HITS_PER_PAGE = 100;
const DEFAULT_HITS_PER_PAGE = 20;
const DEFAULT_CROP_LENGTH = 24;

/** A validated query with paging resolved both ways (page/hitsPerPage and offset/limit). */
export interface NormalizedSearchQuery {
  /** As typed: a trailing space means the last word is complete (no prefix search). */
  q: string;
  /** Whether there are no words: a placeholder search (filters, facets and sort only). */
  placeholder: boolean;
  offset: number;
  limit: number;
  page: number;
  hitsPerPage: number;
  /** Whether the caller paged by page number (exhaustive totals) or by offset. */
  finitePagination: boolean;
  facets: FacetAttribute[];
  sort: SortExpression[];
  highlight: HighlightAttribute[];
  cropLength: number;
  matchingStrategy: MatchingStrategy;
  showRankingDetails: boolean;
}

/**
 * Validates a query against the settings and resolves defaults. Both engines call this first,
 * so a bad query fails the same way everywhere.
 *
 * @throws InvalidSearchQueryError listing every problem.
 */
export function normalizeSearchQuery(
  query: SearchQuery,
  settings: IndexSettings,
): NormalizedSearchQuery {
  const errors: ValidationIssue[] = [];
  const intIn = (path: string, v: number | undefined, min: number, max: number): void => {
    if (v !== undefined && (!Number.isInteger(v) || v < min || v > max)) {
      errors.push({ path, message: `must be an integer from ${min} to ${max}` });
    }
  };
  intIn('/page', query.page, 1, Number.MAX_SAFE_INTEGER);
  intIn('/hitsPerPage', query.hitsPerPage, 0, MAX_HITS_PER_PAGE);
  intIn('/offset', query.offset, 0, Number.MAX_SAFE_INTEGER);
  intIn('/limit', query.limit, 0, MAX_HITS_PER_PAGE);
  intIn('/cropLength', query.cropLength, 1, 200);
  if (
    (query.page !== undefined || query.hitsPerPage !== undefined) &&
    (query.offset !== undefined || query.limit !== undefined)
  ) {
    errors.push({ path: '/page', message: 'use either page/hitsPerPage or offset/limit' });
  }
  const facets = query.facets ?? [];
  facets.forEach((f, i) => {
    if (!settings.filterableAttributes.includes(f)) {
      errors.push({ path: `/facets/${i}`, message: `"${f}" is not a filterable attribute` });
    }
  });
  const sort = query.sort ?? [];
  sort.forEach((s, i) => {
    const [attr, dir] = s.split(':');
    if (!settings.sortableAttributes.some((a) => a === attr) || (dir !== 'asc' && dir !== 'desc')) {
      errors.push({ path: `/sort/${i}`, message: `"${s}" is not a sortable attribute:direction` });
    }
  });
  if (query.q !== undefined && query.q.length > 500) {
    errors.push({ path: '/q', message: 'must be at most 500 characters' });
  }
  if (errors.length > 0) throw new InvalidSearchQueryError('Invalid search query', errors);

  const finitePagination = query.page !== undefined || query.hitsPerPage !== undefined;
  const hitsPerPage = query.hitsPerPage ?? query.limit ?? DEFAULT_HITS_PER_PAGE;
  const page = query.page ?? 1;
  const offset = finitePagination ? (page - 1) * hitsPerPage : (query.offset ?? 0);
  const highlight =
    query.highlight === false
      ? []
      : query.highlight === true || query.highlight === undefined
        ? (['title', 'summary'] as HighlightAttribute[])
        : query.highlight;
  return {
    q: query.q ?? '',
    placeholder: (query.q ?? '').trim() === '',
    offset,
    limit: hitsPerPage,
    page: finitePagination ? page : Math.floor(offset / Math.max(hitsPerPage, 1)) + 1,
    hitsPerPage,
    finitePagination,
    facets,
    sort,
    highlight,
    cropLength: query.cropLength ?? DEFAULT_CROP_LENGTH,
    matchingStrategy: query.matchingStrategy ?? 'last',
    showRankingDetails: query.showRankingDetails ?? false,
  };
}
