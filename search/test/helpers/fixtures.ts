import type {
  ArticleDocument,
  Audience,
  Locale,
  QuestionDocument,
  Ref,
  ServiceDocument,
} from '@kilde/schemas';
import { toSearchDocument } from '../../src/document/to-search-document';
import type { SearchDocument } from '../../src/port/types';

const envelope = {
  version: 1,
  translations: {},
  publishedAt: '2025-01-01T10:00:00.000Z',
  updatedAt: '2025-01-01T10:00:00.000Z',
  contentHash: `sha256:${'0'.repeat(64)}`,
};

const attribution = {
  licence: 'CC-BY-4.0' as const,
  lastReviewed: '2025-02-01',
  nextReviewDue: '2026-02-01',
};

/** Topic refs as canonical documents carry them. */
export const topics = {
  prevensjon: { id: 'topic-prevensjon', slug: 'prevensjon', title: 'Prevensjon' },
  skole: { id: 'topic-skole', slug: 'skole', title: 'Skole og utdanning' },
  psykisk: { id: 'topic-psykisk', slug: 'psykisk-helse', title: 'Psykisk helse' },
} satisfies Record<string, Ref>;

export interface ArticleInput {
  id: string;
  locale?: Locale;
  title: string;
  summary?: string;
  body?: string;
  topics?: Ref[];
  audience?: Audience[];
  provider?: Ref | null;
  lastReviewed?: string | null;
}

/** A canonical article with sensible defaults. */
export function article(input: ArticleInput): ArticleDocument {
  return {
    ...envelope,
    ...attribution,
    id: input.id,
    type: 'article',
    locale: input.locale ?? 'nb',
    title: input.title,
    slug: input.id.toLowerCase(),
    summary: input.summary ?? '',
    body: input.body ?? '',
    topics: input.topics ?? [],
    audience: input.audience ?? ['13-15', '16-17'],
    provider: input.provider === undefined ? { id: 'org-kilde', title: 'Kilde' } : input.provider,
    lastReviewed: input.lastReviewed === undefined ? attribution.lastReviewed : input.lastReviewed,
    professionallyResponsible: null,
    authors: [],
    sources: [],
    images: [],
    snomed: [],
    reviewIntervalMonths: 12,
  };
}

export interface QuestionInput {
  id: string;
  locale?: Locale;
  title: string;
  question: string;
  answer?: string;
  topics?: Ref[];
}

/** A canonical answered question. */
export function question(input: QuestionInput): QuestionDocument {
  return {
    ...envelope,
    ...attribution,
    id: input.id,
    type: 'question',
    locale: input.locale ?? 'nb',
    title: input.title,
    question: input.question,
    answer: input.answer ?? '',
    answererProfession: 'nurse',
    topics: input.topics ?? [],
    askerAgeBand: '16-17',
    answeredAt: '2025-01-01',
    provider: { id: 'org-ung', title: 'Ungdomshelse' },
  };
}

export interface ServiceInput {
  id: string;
  locale?: Locale;
  title: string;
  description?: string;
  crisis?: boolean;
  channel?: ServiceDocument['channel'];
}

/** A canonical help service. */
export function service(input: ServiceInput): ServiceDocument {
  return {
    ...envelope,
    id: input.id,
    type: 'service',
    locale: input.locale ?? 'nb',
    title: input.title,
    slug: input.id.toLowerCase(),
    description: input.description ?? '',
    channel: input.channel ?? 'phone',
    url: null,
    phone: '116 111',
    openingHours: null,
    ageMin: 13,
    ageMax: 20,
    region: null,
    municipality: null,
    level: 3,
    crisis: input.crisis ?? false,
    topics: [],
    provider: { id: 'org-hjelp', title: 'Hjelpetelefonen' },
  };
}

/** Projects canonical documents to search documents (all fixtures are searchable types). */
export function searchDocs(
  ...docs: Array<ArticleDocument | QuestionDocument | ServiceDocument>
): SearchDocument[] {
  return docs.map((d) => {
    const s = toSearchDocument(d);
    if (!s) throw new Error(`fixture ${d.id} is not searchable`);
    return s;
  });
}
