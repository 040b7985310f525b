import { containsPersonalData } from '@kilde/safety';
import { SEARCH_ANALYTICS_MAX_QUERY_LENGTH } from '@kilde/migrations';

// Punctuation and symbols at either end carry no meaning for "what was searched" ("klamydia?").
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/**
 * The form a query is counted under: Unicode NFC, lower case, whitespace collapsed, trimmed,
 * punctuation at the ends removed. "  Hva er KLAMYDIA? " → "hva er klamydia".
 */
export function normalizeQuery(q: string): string {
  return q.normalize('NFC').toLocaleLowerCase('nb').replace(/\s+/gu, ' ').replace(EDGE_PUNCTUATION, '');
}

/** Each word capitalised: name detection needs capitals, and young people type in lower case. */
function titleCase(q: string): string {
  return q.replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toLocaleUpperCase('nb'));
}

/** Why a query is kept out of analytics; `null` when it may be counted. */
export type DropReason = 'empty' | 'too-long' | 'digits' | 'email' | 'personal-data';

/**
 * Decides whether a query may be counted at all. Dropped: anything `@kilde/safety` would scrub
 * (national id numbers, phones, e-mail, links, handles, addresses, schools, names — checked as
 * typed and with every word capitalised, since "kari nordmann" is typed in lower case), any `@`,
 * any run of three or more digits, and queries over 100 characters.
 * @remarks Errs on the side of dropping: a lost count costs little, a stored name costs a
 * young person their privacy.
 */
export function dropReason(raw: string, normalized: string): DropReason | null {
  if (normalized === '') return 'empty';
  if (normalized.length > SEARCH_ANALYTICS_MAX_QUERY_LENGTH) return 'too-long';
  if (/\p{N}{3,}/u.test(raw.replace(/[\s.-]/g, ''))) return 'digits';
  if (raw.includes('@')) return 'email';
  if (containsPersonalData(raw) || containsPersonalData(titleCase(normalized))) return 'personal-data';
  return null;
}
