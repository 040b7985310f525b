/** A word of the input with its place in the original text. */
export interface CrisisToken {
  /** The word as written. */
  raw: string;
  /** The folded form patterns are compared against (see {@link foldWord}). */
  folded: string;
  start: number;
  end: number;
  /** Index of the sentence the word belongs to; matches never span two sentences. */
  sentence: number;
  /** Whether a comma stands between this word and the previous one. */
  afterComma: boolean;
}

/**
 * Folds a word to a spelling skeleton so that the many ways young people write it compare equal:
 * lowercase; apostrophes dropped ("don't" → "dont"); æ/ae → e, ø/oe → o, å/aa → a and other
 * accents stripped (so "sjølvmord", "sjoelvmord" and "sjolvmord" meet); repeated letters
 * collapsed ("liiiive" → "live", "ikke" → "ike").
 * @remarks Lossy on purpose, and applied to patterns and text alike, so both sides lose the same
 * information. Digits are not collapsed: "100" must stay a hundred.
 */
export function foldWord(word: string): string {
  let s = word.toLocaleLowerCase('nb').replace(/['’`´]/gu, '');
  s = s.replace(/æ/gu, 'e').replace(/ø/gu, 'o');
  s = s.normalize('NFD').replace(/\p{M}/gu, '');
  s = s.replace(/ae/gu, 'e').replace(/oe/gu, 'o').replace(/aa/gu, 'a');
  return s.replace(/(\p{L})\1+/gu, '$1');
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
// Full stops, question and exclamation marks, semicolons and line breaks end a sentence;
// commas, emoji and double spaces do not (they sit inside sentences in chat-style writing).
const SENTENCE_BREAK = /[.!?;\n\r]/u;

/** Splits text into folded words with offsets, sentence numbers and comma flags. */
export function tokenize(text: string): CrisisToken[] {
  const tokens: CrisisToken[] = [];
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const between = text.slice(last, m.index);
    if (tokens.length && SENTENCE_BREAK.test(between)) sentence += 1;
    tokens.push({
      raw: m[0],
      folded: foldWord(m[0]),
      start: m.index,
      end: m.index + m[0].length,
      sentence,
      afterComma: between.includes(','),
    });
    last = m.index + m[0].length;
  }
  return tokens;
}
