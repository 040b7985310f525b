import type { Locale } from '@kilde/schemas';
import type { FacetAttribute, SearchDocument, SearchFilters, SearchableType } from '../port/types';

/** A compiled filter: `true` keeps the document. */
export type DocumentPredicate = (doc: SearchDocument) => boolean;

const asArray = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/**
 * Compiles structured filters to a predicate, or `undefined` when nothing is filtered.
 * Keys are AND-ed, the values of a key OR-ed; an empty list does not constrain (as in the
 * Meilisearch adapter, which leaves such clauses out of the expression).
 */
export function compileFilters(
  filters: SearchFilters | undefined,
  options: { skipLocaleAndType?: boolean } = {},
): DocumentPredicate | undefined {
  if (!filters) return undefined;
  const tests: DocumentPredicate[] = [];
  const oneOf = <K extends keyof SearchDocument>(key: K, values: unknown[] | undefined): void => {
    if (!values || values.length === 0) return;
    const set = new Set(values);
    tests.push((d) => set.has(d[key]));
  };
  if (!options.skipLocaleAndType) {
    oneOf('locale', asArray(filters.locale));
    oneOf('type', asArray(filters.type));
  }
  oneOf('provider', filters.provider);
  oneOf('channel', filters.channel);
  oneOf('region', filters.region);
  oneOf('municipality', filters.municipality);
  oneOf('level', filters.level);
  if (filters.topics && filters.topics.length > 0) {
    const set = new Set(filters.topics);
    tests.push((d) => d.topics.some((t) => set.has(t)) || d.topicSlugs.some((t) => set.has(t)));
  }
  if (filters.audience && filters.audience.length > 0) {
    const set = new Set<string>(filters.audience);
    tests.push((d) => d.audience.some((a) => set.has(a)));
  }
  if (filters.crisis !== undefined) {
    const want = filters.crisis;
    tests.push((d) => d.crisis === want);
  }
  if (tests.length === 0) return undefined;
  if (tests.length === 1) return tests[0];
  return (d) => tests.every((t) => t(d));
}

/** The values a document contributes to a facet, as Meilisearch reports them (strings). */
export function facetValues(doc: SearchDocument, facet: FacetAttribute): string[] {
  const v = doc[facet];
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  return [String(v)];
}

/**
 * Counts facet values over a result set, keeping the `maxValuesPerFacet` most frequent values
 * of each facet and returning them in alphabetical order (Meilisearch's default sort).
 */
export function countFacets(
  docs: Iterable<SearchDocument>,
  facets: readonly FacetAttribute[],
  maxValuesPerFacet: number,
): Partial<Record<FacetAttribute, Record<string, number>>> {
  if (facets.length === 0) return {};
  const counts = new Map<FacetAttribute, Map<string, number>>(facets.map((f) => [f, new Map()]));
  for (const doc of docs) {
    for (const facet of facets) {
      const m = counts.get(facet);
      if (!m) continue;
      for (const value of new Set(facetValues(doc, facet))) m.set(value, (m.get(value) ?? 0) + 1);
    }
  }
  const out: Partial<Record<FacetAttribute, Record<string, number>>> = {};
  for (const [facet, m] of counts) {
    const top = [...m.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxValuesPerFacet)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    out[facet] = Object.fromEntries(top);
  }
  return out;
}

/** Bit per locale and per type, for the per-document code arrays. */
export const LOCALE_BITS: Record<Locale, number> = { nb: 1, nn: 2, en: 4 };
export const TYPE_BITS: Record<SearchableType, number> = { article: 1, question: 2, service: 4 };

/**
 * Filters split for speed: locale and type (in nearly every widget search) as bit masks tested
 * against per-document code arrays, everything else as a predicate on the document.
 */
export interface SplitFilter {
  /** 0 = any locale. */
  localeMask: number;
  /** 0 = any type. */
  typeMask: number;
  rest: DocumentPredicate | undefined;
}

/** Splits filters into code masks and a predicate for the rest. */
export function splitFilters(filters: SearchFilters | undefined): SplitFilter {
  const mask = <T extends string>(values: T[] | undefined, bits: Record<T, number>): number =>
    (values ?? []).reduce((m, v) => m | (bits[v] ?? 0), 0);
  return {
    localeMask: mask(asArray(filters?.locale), LOCALE_BITS),
    typeMask: mask(asArray(filters?.type), TYPE_BITS),
    rest: compileFilters(filters, { skipLocaleAndType: true }),
  };
}
