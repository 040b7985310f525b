import type { Audience, Locale, ServiceDocument } from '@kilde/schemas';

/** The canonical document types that are searchable. Topics and organisations are not. */
export type SearchableType = 'article' | 'question' | 'service';

/** How a help service is reached. */
export type ServiceChannel = ServiceDocument['channel'];

/**
 * A flat, index-ready projection of one canonical document variant (one item in one locale).
 *
 * @remarks
 * Flat on purpose: Meilisearch filters, facets and sorts only on top-level scalar or array
 * fields, and the embedded engine reads the same shape. Text fields hold plain text (Markdown
 * already stripped). Fields that do not apply to a type are `null`/empty, never missing, so
 * both engines see one schema.
 */
export interface SearchDocument {
  /** `${type}:${documentId}:${locale}` — unique per item and locale. */
  id: string;
  /** The canonical item id, shared by all language variants. */
  documentId: string;
  type: SearchableType;
  locale: Locale;
  /** Always true for canonical documents; lets a tenant token enforce "published only". */
  published: boolean;
  title: string;
  /** Article summary, the young person's question, or a service's description. */
  summary: string;
  /** Article body or the professional's answer as plain text; empty for services. */
  body: string;
  /** URL slug where the type has one (articles, services); questions are addressed by id. */
  slug: string | null;
  /** Topic ids. */
  topics: string[];
  topicSlugs: string[];
  topicTitles: string[];
  audience: Audience[];
  /** Provider (organisation) id. */
  provider: string | null;
  providerName: string | null;
  /** ISO date of the last professional review. */
  lastReviewed: string | null;
  publishedAt: string;
  updatedAt: string;
  channel: ServiceChannel | null;
  region: string | null;
  municipality: string | null;
  /** A service suited to young people in crisis (suicide, abuse, acute danger). */
  crisis: boolean;
  level: 2 | 3 | null;
  phone: string | null;
  url: string | null;
}

/** A hit's document: everything but the long body, which only feeds the snippet. */
export type HitDocument = Omit<SearchDocument, 'body'>;

/** Text attributes the engines can search, in no particular order. */
export type SearchableAttribute =
  | 'title'
  | 'summary'
  | 'topicTitles'
  | 'body'
  | 'providerName'
  | 'region'
  | 'municipality';

/** Attributes usable in {@link SearchFilters} and as facets. */
export type FilterableAttribute =
  | 'locale'
  | 'type'
  | 'topics'
  | 'topicSlugs'
  | 'audience'
  | 'provider'
  | 'channel'
  | 'region'
  | 'municipality'
  | 'crisis'
  | 'level'
  | 'published';

/** Facets a search can ask counts for. */
export type FacetAttribute = Exclude<FilterableAttribute, 'published' | 'topicSlugs'>;

export type SortableAttribute = 'lastReviewed' | 'publishedAt' | 'updatedAt' | 'title';
export type SortDirection = 'asc' | 'desc';
export type SortExpression = `${SortableAttribute}:${SortDirection}`;

/** Meilisearch's built-in ranking rules, applied in the configured order. */
export type RankingRule = 'words' | 'typo' | 'proximity' | 'attribute' | 'sort' | 'exactness';

/**
 * What to do when not every query word matches (Meilisearch `matchingStrategy`): `last` drops
 * words from the end, `frequency` drops the most common words first, `all` drops none.
 */
export type MatchingStrategy = 'last' | 'all' | 'frequency';

/** Meilisearch's typo-tolerance settings. */
export interface TypoToleranceSettings {
  enabled: boolean;
  minWordSizeForTypos: { oneTypo: number; twoTypos: number };
  /** Words that must match exactly (e.g. short drug names that look like other words). */
  disableOnWords: string[];
}

/**
 * Index settings shared by both engines; names and meaning follow Meilisearch's settings API.
 *
 * @remarks
 * `synonyms` are the editors' youth-language list in plain words (`"precum": ["førsæd"]`,
 * one-way like Meilisearch's); the Norwegian layer normalises both sides before use.
 * `stopWords` are per locale because "to" is a number in Norwegian and a stop word in English.
 */
export interface IndexSettings {
  /** In ranking order: a match in an earlier attribute ranks higher. */
  searchableAttributes: SearchableAttribute[];
  filterableAttributes: FilterableAttribute[];
  sortableAttributes: SortableAttribute[];
  rankingRules: RankingRule[];
  synonyms: Record<string, string[]>;
  stopWords: Record<Locale, string[]>;
  typoTolerance: TypoToleranceSettings;
  faceting: { maxValuesPerFacet: number };
  pagination: { maxTotalHits: number };
  /** Prefix search on the last query word (Meilisearch `prefixSearch`). */
  prefixSearch: 'indexingTime' | 'disabled';
}

/** Structured filters; keys are AND-ed, the values of one key are OR-ed. */
export interface SearchFilters {
  locale?: Locale | Locale[];
  type?: SearchableType | SearchableType[];
  /** Topic ids or slugs (either matches). */
  topics?: string[];
  audience?: Audience[];
  /** Provider ids. */
  provider?: string[];
  channel?: ServiceChannel[];
  region?: string[];
  municipality?: string[];
  crisis?: boolean;
  level?: Array<2 | 3>;
}

/** Attributes that can carry `<mark>` highlights. */
export type HighlightAttribute = 'title' | 'summary';

/** One search request. */
export interface SearchQuery {
  /** The words as typed; empty or missing is a placeholder search (filters only). */
  q?: string;
  filters?: SearchFilters;
  facets?: FacetAttribute[];
  /** 1-based page; with `hitsPerPage` gives exhaustive `totalHits`/`totalPages`. */
  page?: number;
  /** At most 100. */
  hitsPerPage?: number;
  /** Alternative to `page`. */
  offset?: number;
  /** At most 100. */
  limit?: number;
  sort?: SortExpression[];
  /** Attributes to highlight; `false` returns escaped text without marks. Default title+summary. */
  highlight?: boolean | HighlightAttribute[];
  /** Snippet length in words. Default 24. */
  cropLength?: number;
  matchingStrategy?: MatchingStrategy;
  /** The language the young person typed in; defaults to the locale filter. */
  queryLocale?: Locale;
  /** Include per-hit ranking details (debugging relevance). */
  showRankingDetails?: boolean;
}

/**
 * Why a hit ranked where it did, per ranking rule. `words` and `exactness`: higher is better;
 * `typo`, `proximity`, `attribute`: lower is better. Engine-specific scales (the Meilisearch
 * adapter maps Meilisearch's scores); for debugging relevance, not for display.
 */
export interface RankingDetails {
  words: number;
  typo: number;
  proximity: number;
  attribute: number;
  exactness: number;
}

/** One hit. All strings in `highlights` and `snippet` are HTML-escaped, safe for innerHTML. */
export interface SearchHit {
  id: string;
  document: HitDocument;
  highlights: Record<HighlightAttribute, string>;
  /** A cropped, highlighted passage of the body (or summary when the body has no match). */
  snippet: string;
  rankingDetails?: RankingDetails;
}

/** Counts per value, per requested facet. */
export type FacetDistribution = Partial<Record<FacetAttribute, Record<string, number>>>;

export interface SearchResult {
  hits: SearchHit[];
  query: string;
  totalHits: number;
  page: number;
  hitsPerPage: number;
  totalPages: number;
  offset: number;
  limit: number;
  facetDistribution: FacetDistribution;
  processingTimeMs: number;
}

export interface EngineStats {
  engine: 'embedded' | 'meilisearch';
  numberOfDocuments: number;
  isIndexing: boolean;
  byType: Record<string, number>;
  byLocale: Record<string, number>;
}

/**
 * The search port. Both the embedded engine and the Meilisearch adapter implement it and pass
 * the same contract suite (`test/contract/search-engine-suite.ts`).
 *
 * @remarks
 * Writes are idempotent (upsert replaces by `id`, deleting an unknown id is a no-op) so the
 * outbox consumer can retry and replay freely. Reads after a resolved write see that write.
 */
export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Apply index settings; re-indexes when the change needs it. */
  configure(settings: IndexSettings): Promise<void>;
  upsert(docs: SearchDocument[]): Promise<void>;
  delete(ids: string[]): Promise<void>;
  /**
   * Replace the whole index with `docs`; searches keep seeing the old contents until the new
   * ones are complete (zero-downtime reindex).
   */
  replaceAll(docs: DocumentSource, options?: ReplaceAllOptions): Promise<void>;
  /**
   * Deletes what an earlier {@link replaceAll} that died midway left behind (Meilisearch: its
   * `<uid>_rebuild_*` indexes), never the live index; returns what it deleted. Call it only where
   * no other rebuild can be running (under `kilde reindex`'s lease). Absent: nothing is ever left.
   */
  removeLeftoverRebuilds?(): Promise<string[]>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** A corrected query from the indexed vocabulary, or `null` when nothing needs correcting. */
  suggest(q: string, options?: { locale?: Locale }): Promise<string | null>;
  stats(): Promise<EngineStats>;
  /**
   * Resolves when the engine can serve; rejects with `SearchEngineUnavailableError` when it
   * cannot (a server that does not answer, a closed engine). For `/readyz`; cheap enough to call
   * on every probe.
   */
  health(): Promise<void>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The documents {@link SearchEngine.replaceAll} indexes: an iterable, read once, or a function
 * that starts a fresh read each time it is called.
 * @remarks The Meilisearch adapter reads the corpus twice (word counts first, since compound
 * splitting needs the whole vocabulary before any document's `_x` fields can be computed; then
 * the documents): given a function it streams both passes and memory stays flat; given a one-shot
 * iterable it has to hold every document in memory in between. Large rebuilds pass a function.
 */
export type DocumentSource =
  | Iterable<SearchDocument>
  | AsyncIterable<SearchDocument>
  | (() => Iterable<SearchDocument> | AsyncIterable<SearchDocument>);

/** Options of {@link SearchEngine.replaceAll}. */
export interface ReplaceAllOptions {
  /** Called as documents are written into the new index, with how many are written so far. */
  onProgress?: (indexed: number) => void;
  /**
   * Stops the rebuild when aborted (checked between batches and right before the swap): the live
   * index is left as it was, and the rebuild rejects with the signal's reason.
   */
  signal?: AbortSignal;
}
