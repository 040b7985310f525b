import type { IndexSettings } from '../port/types';
import { englishStopWords, norwegianStopWords } from '../norwegian/stop-words';
import { defaultSynonyms } from '../norwegian/synonyms';

/**
 * Kilde's index settings. Ranking rules are Meilisearch's defaults (words → typo → proximity →
 * attribute → sort → exactness); searchable attributes put the title first and the body after
 * summary and topics, because a word in a title says more about a text than one in passing.
 */
export const defaultIndexSettings: IndexSettings = {
  searchableAttributes: [
    'title',
    'summary',
    'topicTitles',
    'body',
    'providerName',
    'region',
    'municipality',
  ],
  filterableAttributes: [
    'locale',
    'type',
    'topics',
    'topicSlugs',
    'audience',
    'provider',
    'channel',
    'region',
    'municipality',
    'crisis',
    'level',
    'published',
  ],
  sortableAttributes: ['lastReviewed', 'publishedAt', 'updatedAt', 'title'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
  synonyms: Object.fromEntries(Object.entries(defaultSynonyms).map(([k, v]) => [k, [...v]])),
  stopWords: {
    nb: [...norwegianStopWords],
    nn: [...norwegianStopWords],
    en: [...englishStopWords],
  },
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnWords: [],
  },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 1000 },
  prefixSearch: 'indexingTime',
};

/** What a caller may pass: any subset of the settings, merged over the defaults. */
export type IndexSettingsInput = Partial<IndexSettings>;

/** Resolves partial settings over {@link defaultIndexSettings}. */
export function resolveIndexSettings(input: IndexSettingsInput = {}): IndexSettings {
  return {
    ...defaultIndexSettings,
    ...input,
    typoTolerance: { ...defaultIndexSettings.typoTolerance, ...input.typoTolerance },
    faceting: { ...defaultIndexSettings.faceting, ...input.faceting },
    pagination: { ...defaultIndexSettings.pagination, ...input.pagination },
    stopWords: { ...defaultIndexSettings.stopWords, ...input.stopWords },
  };
}
