import { GraphQLError } from 'graphql';
import type { Locale } from '@kilde/schemas';
import { SearchEngineUnavailableError, type SearchEngine } from '@kilde/search';
import { ApiErrorCode } from '../http/error-codes';

/** Content types the search covers. */
export type SearchableContentType = 'article' | 'question' | 'service';

export interface SearchRequest {
  query: string;
  locale: Locale;
  /** Never empty: the API fills in every type the key may see. */
  types: SearchableContentType[];
  first: number;
}

/** One hit, pointing at a read-store document; the API loads the document itself. */
export interface SearchProviderHit {
  type: SearchableContentType;
  id: string;
  locale: Locale;
  /** HTML-escaped passage with `<mark>` around matches, if the engine made one. */
  snippet?: string | null;
  /** HTML-escaped title with `<mark>` around matches. */
  highlightedTitle?: string | null;
}

export interface SearchProviderResult {
  totalHits: number;
  hits: SearchProviderHit[];
}

/**
 * What the `search` field needs from a search engine. Injected into `createApiServer`; when
 * absent, `search` answers `SEARCH_UNAVAILABLE`.
 */
export interface SearchProvider {
  search(request: SearchRequest): Promise<SearchProviderResult>;
  /**
   * The engine itself, for `/v1/search` (federated groups, highlights, suggestions); `undefined`
   * while it is starting.
   */
  engine?(): SearchEngine | undefined;
}

/**
 * The slice of `@kilde/search`'s `SearchEngine` port this adapter uses, written structurally so
 * the API does not depend on the search package's internals (the embedded engine and the
 * Meilisearch adapter both fit).
 */
export interface SearchEngineLike {
  search(query: {
    q?: string;
    filters?: { locale?: Locale; type?: SearchableContentType[] };
    limit?: number;
    highlight?: boolean | ('title' | 'summary')[];
  }): Promise<{
    totalHits: number;
    hits: { document: { documentId: string; type: SearchableContentType; locale: Locale }; snippet?: string; highlights?: { title?: string } }[];
  }>;
}

/**
 * Adapts a `@kilde/search` engine to the API's `SearchProvider`. An engine that cannot be reached
 * (Meilisearch down) answers `SEARCH_UNAVAILABLE`, which partners may retry.
 */
export function searchProviderFromEngine(engine: SearchEngineLike): SearchProvider {
  return {
    async search(req) {
      const result = await engine
        .search({
          q: req.query,
          filters: { locale: req.locale, type: req.types },
          limit: req.first,
          highlight: ['title'],
        })
        .catch((err: unknown) => {
          if (!(err instanceof SearchEngineUnavailableError)) throw err;
          throw new GraphQLError('Search is unavailable right now; try again shortly.', {
            extensions: { code: ApiErrorCode.SearchUnavailable },
          });
        });
      return {
        totalHits: result.totalHits,
        hits: result.hits.map((h) => ({
          type: h.document.type,
          id: h.document.documentId,
          locale: h.document.locale,
          snippet: h.snippet ?? null,
          highlightedTitle: h.highlights?.title ?? null,
        })),
      };
    },
  };
}
