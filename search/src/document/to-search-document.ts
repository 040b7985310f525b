import type {
  ArticleDocument,
  Audience,
  CanonicalDocument,
  QuestionDocument,
  Ref,
  ServiceDocument,
} from '@kilde/schemas';
import type { SearchDocument } from '../port/types';
import { stripMarkdown } from './strip-markdown';

/** The id a canonical document variant has in the search index. */
export function searchDocumentId(type: string, id: string, locale: string): string {
  return `${type}:${id}:${locale}`;
}

/**
 * Projects a published canonical document onto the flat search document both engines index,
 * or returns `null` for types that are not searched (topics, organisations).
 */
export function toSearchDocument(doc: CanonicalDocument): SearchDocument | null {
  switch (doc.type) {
    case 'article':
      return fromArticle(doc);
    case 'question':
      return fromQuestion(doc);
    case 'service':
      return fromService(doc);
    case 'topic':
    case 'organisation':
      return null;
    default:
      return assertNever(doc);
  }
}

function fromArticle(doc: ArticleDocument): SearchDocument {
  return {
    ...base(doc, doc.topics),
    type: 'article',
    title: doc.title,
    summary: doc.summary,
    body: stripMarkdown(doc.body),
    slug: doc.slug,
    audience: [...doc.audience],
    provider: doc.provider?.id ?? null,
    providerName: doc.provider?.title ?? null,
    lastReviewed: doc.lastReviewed,
    url: doc.canonicalUrl ?? null,
  };
}

function fromQuestion(doc: QuestionDocument): SearchDocument {
  return {
    ...base(doc, doc.topics),
    type: 'question',
    title: doc.title,
    summary: doc.question.trim(),
    body: stripMarkdown(doc.answer),
    slug: null,
    audience: doc.askerAgeBand ? [doc.askerAgeBand] : [],
    provider: doc.provider?.id ?? null,
    providerName: doc.provider?.title ?? null,
    lastReviewed: doc.lastReviewed,
    url: doc.canonicalUrl ?? null,
  };
}

function fromService(doc: ServiceDocument): SearchDocument {
  return {
    ...base(doc, doc.topics),
    type: 'service',
    title: doc.title,
    summary: doc.description,
    body: '',
    slug: doc.slug,
    audience: ageBands(doc.ageMin, doc.ageMax),
    provider: doc.provider?.id ?? null,
    providerName: doc.provider?.title ?? null,
    lastReviewed: null,
    channel: doc.channel,
    region: doc.region,
    municipality: doc.municipality,
    crisis: doc.crisis,
    level: doc.level,
    phone: doc.phone,
    url: doc.url,
  };
}

type Base = Omit<
  SearchDocument,
  | 'type'
  | 'title'
  | 'summary'
  | 'body'
  | 'slug'
  | 'audience'
  | 'provider'
  | 'providerName'
  | 'lastReviewed'
  | 'url'
>;

function base(doc: CanonicalDocument, topics: readonly Ref[]): Base {
  return {
    id: searchDocumentId(doc.type, doc.id, doc.locale),
    documentId: doc.id,
    locale: doc.locale,
    published: true,
    topics: topics.map((t) => t.id),
    topicSlugs: topics.flatMap((t) => (t.slug ? [t.slug] : [])),
    topicTitles: topics.flatMap((t) => (t.title ? [t.title] : [])),
    publishedAt: doc.publishedAt,
    updatedAt: doc.updatedAt,
    channel: null,
    region: null,
    municipality: null,
    crisis: false,
    level: null,
    phone: null,
  };
}

// A service for ages 14–16 is for the 13–15 and 16–17 bands, so an age filter finds it.
const BANDS: ReadonlyArray<readonly [Audience, number, number]> = [
  ['13-15', 13, 15],
  ['16-17', 16, 17],
  ['18-20', 18, 20],
];

function ageBands(min: number | null, max: number | null): Audience[] {
  const lo = min ?? 0;
  const hi = max ?? 200;
  return BANDS.filter(([, a, b]) => a <= hi && lo <= b).map(([band]) => band);
}

function assertNever(value: never): never {
  throw new Error(`Unhandled document type: ${JSON.stringify(value)}`);
}
