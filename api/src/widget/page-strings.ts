import type { Locale } from '@kilde/schemas';
import { sharedUiStrings, type SharedUiStrings } from './ui';

/** Strings of the server-rendered pages (`/sok`, result pages, `/demo`), per locale. */
export interface PageStrings extends SharedUiStrings {
  site: string;
  skip: string;
  languages: string;
  searchTitle: string;
  searchLabel: string;
  resultsFor(count: number, q: string): string;
  previous: string;
  next: string;
  pageOf(page: number): string;
  askText: string;
  askLink: string;
  backToSearch: string;
  notFound: string;
  notFoundText: string;
  professionallyResponsible: string;
  sources: string;
  question: string;
  answer: string;
  answeredBy: string;
  answeredAt: string;
  website: string;
  phone: string;
  openingHours: string;
  searchUnavailable: string;
  footer: string;
}

export const pageStrings: Record<Locale, PageStrings> = {
  nb: {
    ...sharedUiStrings.nb,
    site: 'Kilde – helseinformasjon for unge',
    skip: 'Hopp til innholdet',
    languages: 'Språk',
    searchTitle: 'Søk',
    searchLabel: 'Hva lurer du på?',
    resultsFor: (n, q) => `${n} treff for «${q}»`,
    previous: 'Forrige side',
    next: 'Neste side',
    pageOf: (p) => `Side ${p}`,
    askText: 'Fant du ikke svaret? Still spørsmålet ditt anonymt, så svarer en fagperson.',
    askLink: 'Still et spørsmål',
    backToSearch: 'Tilbake til søket',
    notFound: 'Fant ikke siden',
    notFoundText: 'Denne siden finnes ikke lenger, eller adressen er feil.',
    professionallyResponsible: 'Faglig ansvarlig',
    sources: 'Kilder',
    question: 'Spørsmålet',
    answer: 'Svaret',
    answeredBy: 'Svart av',
    answeredAt: 'Besvart',
    website: 'Nettside',
    phone: 'Telefon',
    openingHours: 'Åpningstider',
    searchUnavailable: 'Søket virker ikke akkurat nå. Prøv igjen om litt.',
    footer:
      'Innholdet er kvalitetssikret av fagpersoner. Kilde bruker ikke informasjonskapsler og lagrer ikke søkene dine.',
  },
  nn: {
    ...sharedUiStrings.nn,
    site: 'Kilde – helseinformasjon for unge',
    skip: 'Hopp til innhaldet',
    languages: 'Språk',
    searchTitle: 'Søk',
    searchLabel: 'Kva lurer du på?',
    resultsFor: (n, q) => `${n} treff for «${q}»`,
    previous: 'Førre side',
    next: 'Neste side',
    pageOf: (p) => `Side ${p}`,
    askText: 'Fann du ikkje svaret? Still spørsmålet ditt anonymt, så svarar ein fagperson.',
    askLink: 'Still eit spørsmål',
    backToSearch: 'Tilbake til søket',
    notFound: 'Fann ikkje sida',
    notFoundText: 'Denne sida finst ikkje lenger, eller adressa er feil.',
    professionallyResponsible: 'Fagleg ansvarleg',
    sources: 'Kjelder',
    question: 'Spørsmålet',
    answer: 'Svaret',
    answeredBy: 'Svart av',
    answeredAt: 'Svart',
    website: 'Nettside',
    phone: 'Telefon',
    openingHours: 'Opningstider',
    searchUnavailable: 'Søket verkar ikkje akkurat no. Prøv igjen om litt.',
    footer:
      'Innhaldet er kvalitetssikra av fagpersonar. Kilde brukar ikkje informasjonskapslar og lagrar ikkje søka dine.',
  },
  en: {
    ...sharedUiStrings.en,
    site: 'Kilde – health information for young people',
    skip: 'Skip to content',
    languages: 'Language',
    searchTitle: 'Search',
    searchLabel: 'What are you wondering about?',
    resultsFor: (n, q) => `${n} ${n === 1 ? 'result' : 'results'} for “${q}”`,
    previous: 'Previous page',
    next: 'Next page',
    pageOf: (p) => `Page ${p}`,
    askText:
      'Did not find the answer? Ask your question anonymously and a professional will answer.',
    askLink: 'Ask a question',
    backToSearch: 'Back to search',
    notFound: 'Page not found',
    notFoundText: 'This page no longer exists, or the address is wrong.',
    professionallyResponsible: 'Professionally responsible',
    sources: 'Sources',
    question: 'The question',
    answer: 'The answer',
    answeredBy: 'Answered by',
    answeredAt: 'Answered',
    website: 'Website',
    phone: 'Phone',
    openingHours: 'Opening hours',
    searchUnavailable: 'Search is not working right now. Please try again shortly.',
    footer:
      'The content is quality-assured by professionals. Kilde uses no cookies and does not store your searches.',
  },
};

/** Professions as a young person reads them. */
export const professionNames: Record<Locale, Record<string, string>> = {
  nb: {
    doctor: 'lege',
    psychologist: 'psykolog',
    nurse: 'sykepleier',
    'health-visitor': 'helsesykepleier',
    midwife: 'jordmor',
    lawyer: 'jurist',
    'social-worker': 'sosionom',
    nutritionist: 'ernæringsfysiolog',
    dentist: 'tannlege',
    physiotherapist: 'fysioterapeut',
    pharmacist: 'farmasøyt',
  },
  nn: {
    doctor: 'lege',
    psychologist: 'psykolog',
    nurse: 'sjukepleiar',
    'health-visitor': 'helsesjukepleiar',
    midwife: 'jordmor',
    lawyer: 'jurist',
    'social-worker': 'sosionom',
    nutritionist: 'ernæringsfysiolog',
    dentist: 'tannlege',
    physiotherapist: 'fysioterapeut',
    pharmacist: 'farmasøyt',
  },
  en: {
    doctor: 'doctor',
    psychologist: 'psychologist',
    nurse: 'nurse',
    'health-visitor': 'school nurse',
    midwife: 'midwife',
    lawyer: 'lawyer',
    'social-worker': 'social worker',
    nutritionist: 'nutritionist',
    dentist: 'dentist',
    physiotherapist: 'physiotherapist',
    pharmacist: 'pharmacist',
  },
};

/** `2026-01-10` → `10.01.2026` (nb, nn) or `10 January 2026` (en). */
export function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (locale !== 'en') return `${d}.${mo}.${y}`;
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${Number(d)} ${months[Number(mo) - 1] ?? mo} ${y}`;
}
