// The official client is ESM-only and this package compiles to CommonJS, so it is loaded with a
// dynamic import at runtime and its types with `resolution-mode: import`. Loading lazily also
// keeps `@kilde/search` importable where the client is never used (the embedded default).
import type { Meilisearch } from 'meilisearch' with { 'resolution-mode': 'import' };
import type * as MeilisearchNamespace from 'meilisearch' with { 'resolution-mode': 'import' };
import type * as MeilisearchTokenNamespace from 'meilisearch/token' with { 'resolution-mode': 'import' };

export type {
  Filter,
  Hit,
  Index,
  IndexSwap,
  RecordAny,
  SearchParams,
  SearchResponse,
  Settings,
  Task,
  TokenSearchRules,
} from 'meilisearch' with { 'resolution-mode': 'import' };

/** The `meilisearch` module. */
export type MeilisearchModule = typeof MeilisearchNamespace;

/** The `meilisearch/token` module. */
export type MeilisearchTokenModule = typeof MeilisearchTokenNamespace;

/** The part of the official client the adapter uses (lets tests pass a fake). */
export type MeilisearchClient = Pick<
  Meilisearch,
  | 'index'
  | 'createIndex'
  | 'deleteIndex'
  | 'swapIndexes'
  | 'getRawIndex'
  | 'getRawIndexes'
  | 'health'
>;

/** Loads the official client module. */
export function loadMeilisearch(): Promise<MeilisearchModule> {
  return import('meilisearch');
}

/** Loads the official client's tenant-token module. */
export function loadMeilisearchToken(): Promise<MeilisearchTokenModule> {
  return import('meilisearch/token');
}
