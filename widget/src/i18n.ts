import { sharedUiStrings, type SharedUiStrings } from '@kilde/api/widget-ui';
import type { Locale } from './types';

/**
 * Every string the widget shows or announces, per UI language; the phrases it shares with the
 * API's server-rendered search pages (its no-script fallback) come from one place.
 */
export interface Strings extends SharedUiStrings {
  label: string;
  placeholder: string;
  listbox: string;
  searching: string;
  results(count: number): string;
  showAll(count: number): string;
  suggestion(word: string): string;
  ask: string;
  error: string;
  closed: string;
}

const nb: Strings = {
  ...sharedUiStrings.nb,
  label: 'Søk i helseinformasjon for unge',
  placeholder: 'Hva lurer du på?',
  listbox: 'Søkeforslag',
  searching: 'Søker …',
  results: (n) => (n === 1 ? '1 treff' : `${n} treff`),
  showAll: (n) => `Vis alle resultater (${n})`,
  suggestion: (w) => `Mente du «${w}»?`,
  ask: 'Still spørsmålet ditt anonymt – en fagperson svarer',
  error: 'Søket virker ikke akkurat nå. Prøv igjen, eller trykk Søk.',
  closed: 'Forslagene er lukket.',
};

const nn: Strings = {
  ...sharedUiStrings.nn,
  label: 'Søk i helseinformasjon for unge',
  placeholder: 'Kva lurer du på?',
  listbox: 'Søkjeforslag',
  searching: 'Søkjer …',
  results: (n) => (n === 1 ? '1 treff' : `${n} treff`),
  showAll: (n) => `Vis alle resultat (${n})`,
  suggestion: (w) => `Meinte du «${w}»?`,
  ask: 'Still spørsmålet ditt anonymt – ein fagperson svarar',
  error: 'Søket verkar ikkje akkurat no. Prøv igjen, eller trykk Søk.',
  closed: 'Forslaga er lukka.',
};

const en: Strings = {
  ...sharedUiStrings.en,
  label: 'Search health information for young people',
  placeholder: 'What are you wondering about?',
  listbox: 'Search suggestions',
  searching: 'Searching …',
  results: (n) => (n === 1 ? '1 result' : `${n} results`),
  showAll: (n) => `Show all results (${n})`,
  suggestion: (w) => `Did you mean “${w}”?`,
  ask: 'Ask your question anonymously – a professional answers',
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
