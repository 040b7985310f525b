import type { SearchDocument, IndexSettings, SearchableAttribute } from '../port/types';
import { profileFor, type TextAnalyzer } from '../norwegian/analyzer';

/** Suffix of the fields holding the Norwegian layer's keys for an attribute. */
export const EXPANDED_SUFFIX = '_x';
/** Field holding folded spellings ("sovn" for "søvn") for prefix and typo matching. */
export const FOLDED_FIELD = 'folded_x';
/** Meilisearch's primary key (Kilde ids contain ":", which Meilisearch ids may not). */
export const PRIMARY_KEY = 'uid';

/** A search document as stored in Meilisearch: the document plus analysed fields. */
export type MeilisearchDocument = SearchDocument & { uid: string } & Record<string, unknown>;

/**
 * The Meilisearch primary key for a search document id. Types and locales contain no hyphen,
 * so `type-locale-documentId` is unambiguous and uses only characters Meilisearch accepts.
 */
export function meilisearchUid(id: string): string {
  const [type = '', documentId = '', locale = ''] = id.split(':');
  return `${type}-${locale}-${documentId}`;
}

/**
 * Adds the Norwegian layer's output to a document: per searchable attribute an `<attr>_x` field
 * with the keys (stems, nb-normalised spellings) and compound-part keys of its words, and one
 * `folded_x` field with folded spellings that differ from the text. Meilisearch cannot stem,
 * read nynorsk or split compounds, so it searches these fields with the rewritten query.
 */
export function toMeilisearchDocument(
  doc: SearchDocument,
  analyzer: TextAnalyzer,
  settings: IndexSettings,
): MeilisearchDocument {
  const profile = profileFor(doc.locale);
  const out: MeilisearchDocument = { ...doc, uid: meilisearchUid(doc.id) };
  const folded = new Set<string>();
  for (const attribute of settings.searchableAttributes) {
    const words = analyzer.analyzeText(fieldText(doc, attribute), profile);
    out[`${attribute}${EXPANDED_SUFFIX}`] = analyzer.indexTerms(words, profile, false);
    for (const w of words) if (w.folded !== w.written) folded.add(w.folded);
  }
  out[FOLDED_FIELD] = [...folded].join(' ');
  return out;
}

/** The searchable attributes Meilisearch gets: each attribute followed by its expansion. */
export function meilisearchSearchableAttributes(settings: IndexSettings): string[] {
  return [
    ...settings.searchableAttributes.flatMap((a) => [a, `${a}${EXPANDED_SUFFIX}`]),
    FOLDED_FIELD,
  ];
}

/** The attributes a hit returns: the search document's own fields. */
// prettier-ignore -- a word list reads best packed
export const DOCUMENT_ATTRIBUTES: ReadonlyArray<keyof SearchDocument> = [
  'id',
  'documentId',
  'type',
  'locale',
  'published',
  'title',
  'summary',
  'body',
  'slug',
  'topics',
  'topicSlugs',
  'topicTitles',
  'audience',
  'provider',
  'providerName',
  'lastReviewed',
  'publishedAt',
  'updatedAt',
  'channel',
  'region',
  'municipality',
  'crisis',
  'level',
  'phone',
  'url',
];

/** Reads a search document back out of a hit (dropping the analysed fields and uid). */
export function fromMeilisearchHit(hit: Record<string, unknown>): SearchDocument {
  const doc: Record<string, unknown> = {};
  for (const key of DOCUMENT_ATTRIBUTES) doc[key] = hit[key] ?? defaults[key];
  return doc as unknown as SearchDocument;
}

const defaults: Partial<Record<keyof SearchDocument, unknown>> = {
  body: '',
  topics: [],
  topicSlugs: [],
  topicTitles: [],
  audience: [],
  crisis: false,
  published: true,
};

function fieldText(doc: SearchDocument, attribute: SearchableAttribute): string {
  const v = doc[attribute];
  if (Array.isArray(v)) return v.join('\n');
  return typeof v === 'string' ? v : '';
}
