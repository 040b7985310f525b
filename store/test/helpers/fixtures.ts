import type { DraftDocument } from '@kilde/schemas';

/** A valid article draft (no version, dates or hash); override any field. */
export function articleDraft(overrides: Record<string, unknown> = {}): DraftDocument {
  return {
    id: 'art-klamydia',
    type: 'article',
    locale: 'nb',
    translations: { nn: { id: 'art-klamydia', slug: 'klamydia' } },
    title: 'Klamydia',
    slug: 'klamydia',
    summary: 'Kort om klamydia.',
    body: '## Hva er klamydia?\n\nEn vanlig kjønnssykdom som kan behandles.',
    topics: [{ id: 'topic-sex', slug: 'kjonnssykdommer', title: 'Kjønnssykdommer' }],
    audience: ['16-17'],
    provider: { id: 'org-ung', title: 'Ungdomshelse' },
    professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: ['Kari Lege'],
    sources: [{ title: 'Veileder', kind: 'guideline', url: 'https://example.org/veileder' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-01',
    nextReviewDue: '2027-01-01',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

/** A valid answered-question draft; override any field. */
export function questionDraft(overrides: Record<string, unknown> = {}): DraftDocument {
  return {
    id: 'q-sovn',
    type: 'question',
    locale: 'nb',
    translations: {},
    title: 'Får ikke sove',
    question: 'Jeg ligger våken hver natt og får ikke sove. Hva kan jeg gjøre?',
    answer: 'Prøv å legge deg til samme tid hver kveld, og legg bort mobilen en time før.',
    answererProfession: 'nurse',
    topics: [],
    askerAgeBand: '16-17',
    answeredAt: '2026-01-10',
    provider: null,
    licence: 'CC-BY-4.0',
    lastReviewed: null,
    nextReviewDue: null,
    ...overrides,
  };
}

/** `count` articles with distinct ids and slugs. */
export function manyArticles(count: number, prefix = 'art'): DraftDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return articleDraft({
      id: `${prefix}-${n}`,
      slug: `${prefix}-${n}`,
      title: `Artikkel ${n}`,
      translations: {},
    });
  });
}
