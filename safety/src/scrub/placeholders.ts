import type { SafetyLocale } from '../locale';
import type { PiiType } from './types';

const NORWEGIAN: Record<PiiType, string> = {
  'national-id': '[fødselsnummer]',
  phone: '[telefon]',
  email: '[e-post]',
  url: '[lenke]',
  username: '[brukernavn]',
  address: '[adresse]',
  name: '[navn]',
  school: '[skole]',
  number: '[nummer]',
};

const ENGLISH: Record<PiiType, string> = {
  'national-id': '[national-id]',
  phone: '[phone]',
  email: '[email]',
  url: '[link]',
  username: '[username]',
  address: '[address]',
  name: '[name]',
  school: '[school]',
  number: '[number]',
};

/**
 * Placeholder text per locale. Nynorsk shares the bokmål words: they are the same in both
 * written standards except "skule", and editors asked for one set to search for.
 */
export const PLACEHOLDERS: Readonly<Record<SafetyLocale, Readonly<Record<PiiType, string>>>> = {
  nb: NORWEGIAN,
  nn: NORWEGIAN,
  en: ENGLISH,
};

/** The placeholder that replaces personal data of `type` in `locale`. */
export function placeholderFor(type: PiiType, locale: SafetyLocale): string {
  return PLACEHOLDERS[locale][type];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ALL_PLACEHOLDERS = [...new Set([...Object.values(NORWEGIAN), ...Object.values(ENGLISH)])];
const NAME_PLACEHOLDERS = new Set([NORWEGIAN.name, ENGLISH.name]);

/** Matches any placeholder of any locale, so text scrubbed once is left alone the second time. */
export const PLACEHOLDER_PATTERN = new RegExp(ALL_PLACEHOLDERS.map(escape).join('|'), 'gu');

/** Whether `s` is a name placeholder (`[navn]`/`[name]`); these count as names for context. */
export function isNamePlaceholder(s: string): boolean {
  return NAME_PLACEHOLDERS.has(s);
}
