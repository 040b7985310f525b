import type { IndexSettings } from '../port/types';
import { fold } from '../norwegian/fold';
import type { TextAnalyzer } from '../norwegian/analyzer';
import type { Settings } from './client';
import { DOCUMENT_ATTRIBUTES, meilisearchSearchableAttributes } from './meilisearch-document';

/**
 * Kilde's index settings as Meilisearch settings.
 *
 * @remarks
 * Synonyms are sent in the Norwegian layer's key space (both sides folded and stemmed),
 * because the adapter sends Meilisearch rewritten queries made of keys. Stop words are the
 * union over locales: Meilisearch has one list per index. Highlighting and ranking rules map
 * one to one.
 */
export function toMeilisearchSettings(settings: IndexSettings, analyzer: TextAnalyzer): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const profile of ['no', 'en'] as const) {
    for (const [key, groups] of analyzer.synonymEntries(profile)) {
      const values = new Set(synonyms[key] ?? []);
      for (const g of groups) values.add(g.join(' '));
      synonyms[key] = [...values];
    }
  }
  const stopWords = new Set<string>();
  for (const list of Object.values(settings.stopWords))
    for (const w of list) stopWords.add(w.toLowerCase());
  return {
    searchableAttributes: meilisearchSearchableAttributes(settings),
    displayedAttributes: [...DOCUMENT_ATTRIBUTES],
    filterableAttributes: [...settings.filterableAttributes],
    sortableAttributes: [...settings.sortableAttributes],
    rankingRules: [...settings.rankingRules],
    synonyms,
    stopWords: [...stopWords].sort(),
    typoTolerance: {
      enabled: settings.typoTolerance.enabled,
      minWordSizeForTypos: { ...settings.typoTolerance.minWordSizeForTypos },
      disableOnWords: settings.typoTolerance.disableOnWords.flatMap((w) => {
        const f = fold(w);
        return [...new Set([w.toLowerCase(), f, analyzer.keyOf(f, 'no')])];
      }),
    },
    faceting: { maxValuesPerFacet: settings.faceting.maxValuesPerFacet },
    pagination: { maxTotalHits: settings.pagination.maxTotalHits },
    prefixSearch: settings.prefixSearch,
  };
}
