import type { Candidate } from './types';

// Stops at whitespace, quotes, brackets (placeholders are bracketed) and angle brackets.
const URL_CHAR = '[^\\s<>"\'\\[\\]{}|\\\\^`]';
const SCHEME_OR_WWW = new RegExp(`(?<![\\p{L}\\p{N}\\]])(?:https?://|www\\.)${URL_CHAR}+`, 'giu');
// "instagram.com/kari", "vg.no/nyheter": a bare domain only counts with a path, so that
// "helsenorge.no" in running text and abbreviations like "f.eks." stay.
const BARE_WITH_PATH = new RegExp(
  `(?<![\\p{L}\\p{N}@.\\-\\]/])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?\\.)+(?:no|com|net|org|io|me|app|gg|tv|se|dk|uk|de|ly|co|be|link|to|info|nu)/${URL_CHAR}*`,
  'giu',
);
const TRAILING = /[.,;:!?…»)]+$/u;

function trimTrailing(url: string): string {
  let out = url.replace(TRAILING, '');
  // Keep a closing parenthesis that belongs to the URL (Wikipedia-style links).
  if (url.length > out.length && out.includes('(') && url[out.length] === ')') out += ')';
  return out;
}

/** Finds links: http(s) and www. addresses, and bare domains followed by a path. */
export function findUrls(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [SCHEME_OR_WWW, BARE_WITH_PATH]) {
    for (const m of text.matchAll(re)) {
      const url = trimTrailing(m[0]);
      // "www." on its own, or "https://" followed by punctuation only, is not a link.
      if (!/[\p{L}\p{N}]/u.test(url.replace(/^(?:https?:\/\/|www\.)/iu, ''))) continue;
      found.push({ type: 'url', start: m.index, end: m.index + url.length });
    }
  }
  return found;
}
