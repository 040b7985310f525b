/** A word in a text with its UTF-16 offsets, so highlights can wrap the original characters. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

// Letters with their combining marks, and digits. Hyphens split ("p-pille" → "p", "pille"),
// as in Meilisearch's tokenizer, so both engines see the same words.
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Splits text into word tokens with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ text: m[0], start, end: start + m[0].length });
  }
  return out;
}

/** The words of a text without offsets (cheaper when positions are not needed). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}
