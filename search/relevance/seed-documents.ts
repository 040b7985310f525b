// Builds canonical documents straight from the seed library (content/seed) for relevance runs,
// without a CMS: ids are the seed keys, so judged queries can name them.
import { loadSeedLibrary, questionTitle } from '@kilde/content';
import type { ArticleDocument, CanonicalDocument, QuestionDocument } from '@kilde/schemas';

const stamp = { version: 1, publishedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', contentHash: `sha256:${'0'.repeat(64)}` };

export function seedDocuments(): CanonicalDocument[] {
  const lib = loadSeedLibrary();
  const topicTitle = new Map(lib.topics.map((t) => [t.key, t.title]));
  const docs: CanonicalDocument[] = [];
  for (const a of lib.articles) {
    const doc: ArticleDocument = {
      ...stamp,
      id: a.key,
      type: 'article',
      locale: a.locale,
      translations: {},
      title: a.title,
      slug: a.slug,
      summary: a.summary,
      body: a.body,
      topics: a.topics.map((k) => ({ id: k, slug: k, title: topicTitle.get(k)?.[a.locale] ?? k })),
      audience: a.audience as ArticleDocument['audience'],
      provider: null,
      professionallyResponsible: (a.professionallyResponsible as ArticleDocument['professionallyResponsible']) ?? null,
      authors: a.authors ?? [],
      sources: [],
      images: [],
      snomed: [],
      licence: 'CC-BY-4.0',
      lastReviewed: a.lastReviewed ?? null,
      nextReviewDue: null,
      reviewIntervalMonths: 12,
    };
    docs.push(doc);
  }
  for (const q of lib.questions) {
    const doc: QuestionDocument = {
      ...stamp,
      id: q.key,
      type: 'question',
      locale: q.locale,
      translations: {},
      title: questionTitle(q.question),
      question: q.question,
      answer: q.answer,
      answererProfession: q.answererProfession as QuestionDocument['answererProfession'],
      topics: q.topics.map((k) => ({ id: k, slug: k, title: topicTitle.get(k)?.[q.locale] ?? k })),
      askerAgeBand: (q.askerAgeBand as QuestionDocument['askerAgeBand']) ?? null,
      answeredAt: q.answeredAt,
      provider: null,
      licence: 'CC-BY-4.0',
      lastReviewed: null,
      nextReviewDue: null,
    };
    docs.push(doc);
  }
  return docs;
}
