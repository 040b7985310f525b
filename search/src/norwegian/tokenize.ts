/** A word in a text with its UTF-16 offsets, so highlights can wrap the original characters. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const OTHER_WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Whether a UTF-16 code unit belongs to a word: letters with their combining marks, and digits.
 * Hyphens and apostrophes split ("p-pille" → "p", "pille"), as in Meilisearch's tokenizer, so
 * both engines see the same words.
 *
 * @remarks
 * A hand-written scanner rather than a Unicode regex: tokenizing is the innermost loop of
 * indexing and snippet cropping, and Latin text (all Kilde has) is decided by range checks.
 */
function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 0x80) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  if (code >= 0xc0 && code <= 0x24f) return code !== 0xd7 && code !== 0xf7;
  if (code >= 0x300 && code <= 0x36f) return true;
  if (code < 0xc0) return code === 0xaa || code === 0xb5 || code === 0xba;
  return OTHER_WORD_CHAR.test(String.fromCodePoint(text.codePointAt(i) ?? code));
}

/** Calls `visit(start, end)` for each word of `text`. */
export function scanWords(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(text.charCodeAt(i), text, i)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i), text, i)) i++;
    visit(start, i);
  }
}

/** Splits text into word tokens with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanWords(text, (start, end) => out.push({ text: text.slice(start, end), start, end }));
  return out;
}

/** The words of a text without offsets (cheaper when positions are not needed). */
export function words(text: string): string[] {
  const out: string[] = [];
  scanWords(text, (start, end) => out.push(text.slice(start, end)));
  return out;
}
