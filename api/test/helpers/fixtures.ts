import type { Knex } from 'knex';
import { publishDocument } from '@kilde/store';
import type { ArticleDocument, DraftDocument, OrganisationDocument, QuestionDocument, ServiceDocument, TopicDocument } from '@kilde/schemas';

export function organisation(id: string, name: string, extra: Partial<DraftDocument<OrganisationDocument>> = {}): DraftDocument<OrganisationDocument> {
  return { id, type: 'organisation', locale: 'nb', translations: {}, name, description: '', orgNumber: null, url: null, logo: null, defaultLicence: 'CC-BY-4.0', ...extra };
}

export function topic(id: string, slug: string, title: string, extra: Partial<DraftDocument<TopicDocument>> = {}): DraftDocument<TopicDocument> {
  return { id, type: 'topic', locale: 'nb', translations: {}, title, slug, description: '', parent: null, reviewIntervalMonths: 12, ...extra };
}

export function article(id: string, extra: Partial<DraftDocument<ArticleDocument>> = {}): DraftDocument<ArticleDocument> {
  return {
    id,
    type: 'article',
    locale: 'nb',
    translations: {},
    title: `Artikkel ${id}`,
    slug: `artikkel-${id}`,
    summary: 'Et kort sammendrag.',
    body: '## Hva er det?\n\nEn **infeksjon**.\n',
    topics: [],
    audience: ['16-17'],
    provider: null,
    professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: ['Kari Lege'],
    sources: [{ title: 'Veileder', kind: 'guideline', url: 'https://example.org/v' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-02-01',
    nextReviewDue: '2027-02-01',
    reviewIntervalMonths: 12,
    ...extra,
  };
}

export function question(id: string, extra: Partial<DraftDocument<QuestionDocument>> = {}): DraftDocument<QuestionDocument> {
  return {
    id,
    type: 'question',
    locale: 'nb',
    translations: {},
    title: 'Kan man få klamydia av kyssing?',
    question: 'Kan man få klamydia av å kysse noen?',
    answer: 'Nei. Klamydia smitter ved **sex**.',
    answererProfession: 'nurse',
    topics: [],
    askerAgeBand: '16-17',
    answeredAt: '2026-01-10',
    provider: null,
    licence: 'CC-BY-4.0',
    lastReviewed: null,
    nextReviewDue: null,
    ...extra,
  };
}

export function service(id: string, extra: Partial<DraftDocument<ServiceDocument>> = {}): DraftDocument<ServiceDocument> {
  return {
    id,
    type: 'service',
    locale: 'nb',
    translations: {},
    title: `Tjeneste ${id}`,
    slug: `tjeneste-${id}`,
    description: 'Hjelp for unge.',
    channel: 'chat',
    url: 'https://example.org/chat',
    phone: null,
    openingHours: null,
    ageMin: null,
    ageMax: null,
    region: null,
    municipality: null,
    level: 2,
    crisis: false,
    topics: [],
    provider: null,
    ...extra,
  };
}

/**
 * A small library: two providers (one with url and logo), two topics (one a child), three nb
 * articles (one also in en), a question and two services.
 */
export async function seedFixtures(knex: Knex): Promise<void> {
  const logo = { url: '/uploads/logo.png', alt: 'Ungdomshelse-logo', variants: [{ url: '/uploads/small_logo.webp', width: 120, format: 'webp' as const }] };
  await publishDocument(knex, organisation('o1', 'Ungdomshelse Norge', { url: 'https://ungdomshelse.example', logo, orgNumber: '123456789' }), {});
  await publishDocument(knex, organisation('o1', 'Youth Health Norway', { locale: 'en', url: 'https://ungdomshelse.example/en', logo }), {});
  await publishDocument(knex, organisation('o2', 'Rusinfo', { defaultLicence: 'NLOD-2.0' }), {});
  await publishDocument(knex, topic('t1', 'seksuell-helse', 'Seksuell helse'), {});
  await publishDocument(knex, topic('t2', 'kjonnssykdommer', 'Kjønnssykdommer', { parent: { id: 't1', slug: 'seksuell-helse', title: 'Seksuell helse' } }), {});
  const t2 = { id: 't2', slug: 'kjonnssykdommer', title: 'Kjønnssykdommer' };
  await publishDocument(
    knex,
    article('a1', {
      title: 'Hva er klamydia?',
      slug: 'hva-er-klamydia',
      topics: [t2],
      provider: { id: 'o1', title: 'Ungdomshelse Norge' },
      canonicalUrl: 'https://ungdomshelse.example/klamydia',
      translations: { en: { id: 'a1', slug: 'what-is-chlamydia' } },
      body: '## Hva er det?\n\nEn infeksjon. <script>alert(1)</script>\n\n- Test deg\n- Bruk kondom\n',
      images: [{ url: '/uploads/k.jpg', alt: 'Illustrasjon', variants: [{ url: '/uploads/small_k.webp', width: 500, height: 300, format: 'webp' }] }],
    }),
    {},
  );
  await publishDocument(
    knex,
    article('a1', {
      locale: 'en',
      title: 'What is chlamydia?',
      slug: 'what-is-chlamydia',
      topics: [t2],
      provider: { id: 'o1', title: 'Youth Health Norway' },
      translations: { nb: { id: 'a1', slug: 'hva-er-klamydia' } },
    }),
    {},
  );
  await publishDocument(knex, article('a2', { topics: [{ id: 't1', slug: 'seksuell-helse', title: 'Seksuell helse' }], audience: ['13-15'], provider: { id: 'o2', title: 'Rusinfo' }, licence: 'NLOD-2.0' }), {});
  await publishDocument(knex, article('a3', { provider: { id: 'o1', title: 'Ungdomshelse Norge' }, professionallyResponsible: null }), {});
  await publishDocument(knex, question('q1', { topics: [t2], provider: { id: 'o1', title: 'Ungdomshelse Norge' } }), {});
  await publishDocument(knex, service('s1', { region: 'Vestland', ageMin: 13, ageMax: 20, provider: { id: 'o2', title: 'Rusinfo' }, channel: 'school-nurse' }), {});
  await publishDocument(knex, service('s2', { channel: 'phone', phone: '116 123', crisis: true, level: 3 }), {});
}
