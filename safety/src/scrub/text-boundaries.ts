import { PLACEHOLDER_PATTERN } from './placeholders';

/** A half-open range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Characters a match must not touch on either side.
 * @remarks `[` and `]` count as word characters on purpose: a placeholder replaces something
 * that ended in a letter or digit, so treating its brackets the same way keeps a second scrub
 * from finding matches the first one had ruled out (idempotency).
 */
export const WORD_EDGE = '\\p{L}\\p{M}\\p{N}_\\[\\]';

/** Every placeholder already in the text; detectors leave these alone. */
export function findPlaceholders(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Whether two spans share at least one character. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

const OPENERS = /["'«»“”‘’(\-–—*•>]/u;
const SENTENCE_END = /[.!?…:;]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/**
 * Whether the word starting at `index` begins a sentence: start of text, after `. ! ? … : ;`,
 * after a line break, or after an emoji (young people often end a sentence with one instead of
 * a full stop). Opening quotes, brackets, dashes and bullets in between are skipped.
 */
export function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0) {
    const c = text[i] ?? '';
    if (c === '\n' || c === '\r') return true;
    if (/\s/u.test(c) || OPENERS.test(c)) {
      i -= 1;
      continue;
    }
    if (SENTENCE_END.test(c)) return true;
    // Emoji outside the BMP are surrogate pairs; variation selectors and joiners trail them.
    if (c === '\ufe0f' || c === '\u200d' || PICTOGRAPH.test(c)) return true;
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff && PICTOGRAPH.test(text.slice(i - 1, i + 1))) return true;
    return false;
  }
  return true;
}
