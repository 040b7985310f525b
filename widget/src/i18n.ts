import type { HitType, Locale } from './types';

/** Every string the widget shows or announces, per UI language. */
export interface Strings {
  label: string;
  placeholder: string;
  submit: string;
  listbox: string;
  groups: Record<HitType, string>;
  searching: string;
  results(count: number): string;
  noResults(query: string): string;
  showAll(count: number): string;
  from(provider: string): string;
  reviewed(date: string): string;
  /** Label on a hit shown from another locale. */
  inLocale: Record<Locale, string>;
  didYouMean: string;
  suggestion(word: string): string;
  relatedTopics: string;
  askGroup: string;
  ask: string;
  helpGroup: string;
  crisisGroup: string;
  call(phone: string): string;
  error: string;
  closed: string;
}

const nb: Strings = {
  label: 'Søk i helseinformasjon for unge',
  placeholder: 'Hva lurer du på?',
  submit: 'Søk',
  listbox: 'Søkeforslag',
  groups: { article: 'Artikler', question: 'Spørsmål og svar', service: 'Her kan du få hjelp' },
  searching: 'Søker …',
  results: (n) => (n === 1 ? '1 treff' : `${n} treff`),
  noResults: (q) => `Vi fant ingenting om «${q}».`,
  showAll: (n) => `Vis alle resultater (${n})`,
  from: (p) => `Fra ${p}`,
  reviewed: (d) => `Faglig kontrollert ${d}`,
  inLocale: { nb: 'På bokmål', nn: 'På nynorsk', en: 'På engelsk' },
  didYouMean: 'Mente du',
  suggestion: (w) => `Mente du «${w}»?`,
  relatedTopics: 'Temaer som kan hjelpe',
  askGroup: 'Spør oss',
  ask: 'Still spørsmålet ditt anonymt – en fagperson svarer',
  helpGroup: 'Her kan du få hjelp',
  crisisGroup: 'Trenger du hjelp nå?',
  call: (p) => `Ring ${p}`,
  error: 'Søket virker ikke akkurat nå. Prøv igjen, eller trykk Søk.',
  closed: 'Forslagene er lukket.',
};

const nn: Strings = {
  label: 'Søk i helseinformasjon for unge',
  placeholder: 'Kva lurer du på?',
  submit: 'Søk',
  listbox: 'Søkjeforslag',
  groups: { article: 'Artiklar', question: 'Spørsmål og svar', service: 'Her kan du få hjelp' },
  searching: 'Søkjer …',
  results: (n) => (n === 1 ? '1 treff' : `${n} treff`),
  noResults: (q) => `Vi fann ingenting om «${q}».`,
  showAll: (n) => `Vis alle resultat (${n})`,
  from: (p) => `Frå ${p}`,
  reviewed: (d) => `Fagleg kontrollert ${d}`,
  inLocale: { nb: 'På bokmål', nn: 'På nynorsk', en: 'På engelsk' },
  didYouMean: 'Meinte du',
  suggestion: (w) => `Meinte du «${w}»?`,
  relatedTopics: 'Tema som kan hjelpe',
  askGroup: 'Spør oss',
  ask: 'Still spørsmålet ditt anonymt – ein fagperson svarar',
  helpGroup: 'Her kan du få hjelp',
  crisisGroup: 'Treng du hjelp no?',
  call: (p) => `Ring ${p}`,
  error: 'Søket verkar ikkje akkurat no. Prøv igjen, eller trykk Søk.',
  closed: 'Forslaga er lukka.',
};

const en: Strings = {
  label: 'Search health information for young people',
  placeholder: 'What are you wondering about?',
  submit: 'Search',
  listbox: 'Search suggestions',
  groups: { article: 'Articles', question: 'Questions and answers', service: 'Where to get help' },
  searching: 'Searching …',
  results: (n) => (n === 1 ? '1 result' : `${n} results`),
  noResults: (q) => `We found nothing about “${q}”.`,
  showAll: (n) => `Show all results (${n})`,
  from: (p) => `From ${p}`,
  reviewed: (d) => `Professionally reviewed ${d}`,
  inLocale: { nb: 'In Norwegian (Bokmål)', nn: 'In Norwegian (Nynorsk)', en: 'In English' },
  didYouMean: 'Did you mean',
  suggestion: (w) => `Did you mean “${w}”?`,
  relatedTopics: 'Topics that may help',
  askGroup: 'Ask us',
  ask: 'Ask your question anonymously – a professional answers',
  helpGroup: 'Where to get help',
  crisisGroup: 'Do you need help now?',
  call: (p) => `Call ${p}`,
  error: 'Search is not working right now. Try again, or press Search.',
  closed: 'Suggestions closed.',
};

export const strings: Record<Locale, Strings> = { nb, nn, en };

/**
 * The UI language: the `locale` attribute, else the nearest `lang` (the element's ancestors, then
 * the page), else bokmål. `no`, `nb-NO`, `nn-NO`, `en-GB` and the like map to nb, nn and en.
 */
export function resolveLocale(
  attribute: string | null | undefined,
  pageLang?: string | null,
): Locale {
  return toLocale(attribute) ?? toLocale(pageLang) ?? 'nb';
}

function toLocale(tag: string | null | undefined): Locale | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  switch (primary) {
    case 'nb':
    case 'no':
      return 'nb';
    case 'nn':
      return 'nn';
    case 'en':
      return 'en';
    default:
      return undefined;
  }
}

/** A review date (`2026-01-10`) as the UI language writes it (`10.01.2026`, `10 Jan 2026`). */
export function formatDate(iso: string, locale: Locale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (locale !== 'en') return `${d}.${mo}.${y}`;
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${Number(d)} ${months[Number(mo) - 1] ?? mo} ${y}`;
}
