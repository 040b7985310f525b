import type { ArticleDocument, Locale, OrganisationDocument, QuestionDocument } from '@kilde/schemas';
import { termsOf } from './licences';

/** Job titles of the reviewing professional, as schema.org `Person.jobTitle`. */
const professions: Record<string, Record<Locale, string>> = {
  doctor: { nb: 'Lege', nn: 'Lege', en: 'Doctor' },
  psychologist: { nb: 'Psykolog', nn: 'Psykolog', en: 'Psychologist' },
  nurse: { nb: 'Sykepleier', nn: 'Sjukepleiar', en: 'Nurse' },
  'health-visitor': { nb: 'Helsesykepleier', nn: 'Helsesjukepleiar', en: 'Public health nurse' },
  midwife: { nb: 'Jordmor', nn: 'Jordmor', en: 'Midwife' },
  lawyer: { nb: 'Jurist', nn: 'Jurist', en: 'Lawyer' },
  'social-worker': { nb: 'Sosionom', nn: 'Sosionom', en: 'Social worker' },
  nutritionist: { nb: 'Ernæringsfysiolog', nn: 'Ernæringsfysiolog', en: 'Nutritionist' },
  dentist: { nb: 'Tannlege', nn: 'Tannlege', en: 'Dentist' },
  physiotherapist: { nb: 'Fysioterapeut', nn: 'Fysioterapeut', en: 'Physiotherapist' },
  pharmacist: { nb: 'Farmasøyt', nn: 'Farmasøyt', en: 'Pharmacist' },
  other: { nb: 'Helsepersonell', nn: 'Helsepersonell', en: 'Health professional' },
};

export function professionTitle(profession: string, locale: Locale): string {
  return (professions[profession] ?? professions.other)?.[locale] ?? profession;
}

type Json = Record<string, unknown>;

function publisher(doc: ArticleDocument | QuestionDocument, org: OrganisationDocument | null): Json | undefined {
  const name = org?.name ?? doc.provider?.title;
  if (!name) return undefined;
  return compact({
    '@type': 'Organization',
    name,
    url: org?.url ?? undefined,
    logo: org?.logo ? { '@type': 'ImageObject', url: org.logo.url } : undefined,
  });
}

function compact(obj: Json): Json {
  for (const k of Object.keys(obj)) if (obj[k] === undefined || obj[k] === null) delete obj[k];
  return obj;
}

function audience(bands: readonly string[]): Json | undefined {
  const ages = bands.flatMap((b) => /^(\d+)-(\d+)$/.exec(b)?.slice(1).map(Number) ?? []);
  if (ages.length === 0) return undefined;
  return { '@type': 'PeopleAudience', suggestedMinAge: Math.min(...ages), suggestedMaxAge: Math.max(...ages) };
}

/**
 * schema.org `MedicalWebPage` for an article or an answered question, ready for a
 * `<script type="application/ld+json">` on the partner's page.
 * @remarks `reviewedBy` is the professionally responsible person, `lastReviewed` the date of the
 * last professional review, `license` the licence URL (or SPDX id), `publisher` the provider.
 * A question's page carries the question and its answer as `mainEntity` (`Question`/`Answer`).
 */
export function medicalWebPage(doc: ArticleDocument | QuestionDocument, org: OrganisationDocument | null, plainAnswer?: string): Json {
  const terms = termsOf(doc.licence);
  const page: Json = {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: doc.canonicalUrl,
    name: doc.title,
    headline: doc.title,
    inLanguage: doc.locale,
    datePublished: doc.publishedAt,
    dateModified: doc.updatedAt,
    lastReviewed: doc.lastReviewed ?? undefined,
    license: terms.url ?? doc.licence,
    publisher: publisher(doc, org),
    isAccessibleForFree: true,
  };
  if (doc.type === 'article') {
    Object.assign(page, {
      description: doc.summary,
      reviewedBy: doc.professionallyResponsible
        ? { '@type': 'Person', name: doc.professionallyResponsible.name, jobTitle: professionTitle(doc.professionallyResponsible.profession, doc.locale) }
        : undefined,
      author: doc.authors.length > 0 ? doc.authors.map((name) => ({ '@type': 'Person', name })) : undefined,
      about: doc.topics.length > 0 ? doc.topics.map((t) => compact({ '@type': 'Thing', name: t.title ?? t.slug ?? t.id })) : undefined,
      audience: audience(doc.audience),
      citation: doc.sources.length > 0 ? doc.sources.map((s) => compact({ '@type': 'CreativeWork', name: s.title, url: s.url, publisher: s.publisher })) : undefined,
      image: doc.images[0] ? { '@type': 'ImageObject', url: doc.images[0].url, caption: doc.images[0].alt } : undefined,
    });
  } else {
    Object.assign(page, {
      reviewedBy: { '@type': 'Person', jobTitle: professionTitle(doc.answererProfession, doc.locale) },
      about: doc.topics.length > 0 ? doc.topics.map((t) => compact({ '@type': 'Thing', name: t.title ?? t.slug ?? t.id })) : undefined,
      mainEntity: {
        '@type': 'Question',
        name: doc.title,
        text: doc.question,
        dateCreated: doc.answeredAt,
        acceptedAnswer: compact({ '@type': 'Answer', text: plainAnswer, dateCreated: doc.answeredAt }),
      },
    });
  }
  return compact(page);
}
