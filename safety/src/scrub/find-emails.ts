import type { Candidate } from './types';

// RFC 5322 "atext": everything allowed in an unquoted local part.
const ATEXT = "\\p{L}\\p{N}!#$%&'*+\\-/=?^_`{|}~";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?';

/**
 * Plain addresses. No right-hand boundary on purpose: "kari@x.no5" still loses "kari@x.no";
 * leaving an address behind is worse than leaving a stray digit.
 */
const EMAIL = new RegExp(`(?<![${ATEXT}.])[${ATEXT}.]+@(?:${LABEL}\\.)+\\p{L}{2,}`, 'gu');

// "kari (at) gmail.com", "kari[at]gmail dot com", "kari krøllalfa gmail punktum com".
const AT = '(?:\\s?[(\\[{]\\s?(?:at|alfa|krøllalfa)\\s?[)\\]}]\\s?|\\s(?:at|krøllalfa)\\s)';
const DOT = '(?:\\.|\\s?[(\\[{]\\s?(?:dot|punktum)\\s?[)\\]}]\\s?|\\s(?:dot|punktum)\\s)';
const COMMON_TLD = '(?:com|no|net|org|se|dk|nu|io|me|live|info|co\\.uk)';
const OBFUSCATED_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-\\]])[\\p{L}\\p{N}._%+\\-]+${AT}${LABEL}(?:${DOT}${LABEL})*?${DOT}${COMMON_TLD}(?![\\p{L}\\p{N}\\[])`,
  'giu',
);

/** Finds e-mail addresses, including the "(at)"/"krøllalfa" spellings used to dodge filters. */
export function findEmails(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [EMAIL, OBFUSCATED_EMAIL]) {
    for (const m of text.matchAll(re)) {
      found.push({ type: 'email', start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}
