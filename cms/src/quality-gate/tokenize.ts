/**
 * Word and sentence rules for LIX, for nb, nn and en alike.
 *
 * Words
 * - A word is a run of letters (any script, so æ, ø, å, é, ü count), where a hyphen or an
 *   apostrophe between letters keeps it one word: "e-sigarett", "p-pille", "don't".
 *   Its length is its letters only: "e-sigarett" has 9 letters.
 * - Letters joined by dots form one word too: "f.eks." is one word of 4 letters, so is "bl.a.".
 * - Numbers are not words: "10", "3,5", "12–13" and "50 %" add nothing. In "16-åringer" the word
 *   is "åringer"; in "COVID-19" it is "COVID".
 * - URLs and e-mail addresses written in the text are not words (they are not read as prose).
 *
 * Sentences (within one block; every paragraph, heading, list-item paragraph and table cell
 * also ends a sentence, whether or not it ends with punctuation)
 * - `!`, `?` and `:` end a sentence (colon as in Björnsson's original LIX definition).
 * - `.` and `…` end a sentence unless the next word starts with a lower-case letter (that
 *   catches ordinals such as "17. mai" and abbreviations we do not know).
 * - Prefix-like abbreviations ("f.eks.", "bl.a.", "dvs.", "ca.", "e.g.", "i.e.", "Dr." …) never
 *   end a sentence; suffix-like ones ("osv.", "etc.", "m.m." …) do when the next word is
 *   capitalised.
 * - A terminator only counts when followed by white space or the end of the block (after any
 *   closing quotes or brackets), so decimals ("3.5"), times ("10:30"), domains ("ung.no") and
 *   `kilde:` links never split a sentence.
 * - Runs such as "?!" and "..." count once, and a "sentence" without words (e.g. "10.") is
 *   not counted.
 */

/** Abbreviations that introduce what follows and so never end a sentence. */
// prettier-ignore
export const PREFIX_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // nb / nn
  'f.eks.', 'bl.a.', 'dvs.', 'ca.', 'jf.', 'kl.', 'nr.', 'pga.', 'p.g.a.', 'mht.', 'm.h.t.',
  'evt.', 'ev.', 'ifm.', 'iht.', 'inkl.', 'ekskl.', 'ang.', 'vedr.', 'tlf.', 'prof.',
  't.d.', 'm.a.', 'sml.',
  // en
  'e.g.', 'i.e.', 'dr.', 'mr.', 'mrs.', 'ms.', 'vs.', 'approx.', 'fig.', 'cf.',
]);

/** Abbreviations that often close a sentence: they end one when a capital letter follows. */
// prettier-ignore
export const SUFFIX_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'osv.', 'o.s.v.', 'etc.', 'mv.', 'm.v.', 'm.m.', 'o.l.', 'e.l.', 'm.fl.', 'mfl.', 'mm.',
]);

/** A sentence found in a block of text. */
export interface TextSentence {
  /** Offset of the sentence's first character in the block text. */
  start: number;
  text: string;
  /** Letter counts of the sentence's words, in order. */
  wordLengths: number[];
}

// Letters and combining marks; hyphen (incl. U+2010/U+2011), apostrophes and dots may join
// letter runs into one word.
const WORD = /\p{L}[\p{L}\p{M}]*(?:[-\u2010\u2011'\u2019.]\p{L}[\p{L}\p{M}]*)*/gu;
const LETTER = /\p{L}/gu;
const URL_LIKE = /(?:\b(?:https?|ftp|mailto|kilde):\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/giu;
const TERMINATOR = /[.!?…:]/u;
const CLOSING = /["'\u201d\u2019\u00bb)\]]/u;
const WHITESPACE = /\s/u;
const LOWERCASE_START = /^\p{Ll}/u;
const UPPERCASE_START = /^\p{Lu}/u;

/**
 * Blanks out URLs and e-mail addresses, keeping offsets so positions still map to lines.
 * Trailing punctuation stays, so "Se www.ung.no." still ends a sentence.
 */
export function blankUrls(text: string): string {
  return text.replace(URL_LIKE, (match) => {
    const kept = /[.,;:!?)\]»"']+$/u.exec(match)?.[0] ?? '';
    return ' '.repeat(match.length - kept.length) + kept;
  });
}

/** The letter counts of the words in `text`, following the word rules above. */
export function wordLengths(text: string): number[] {
  const lengths: number[] = [];
  for (const match of text.matchAll(WORD)) {
    lengths.push(match[0].match(LETTER)?.length ?? 0);
  }
  return lengths;
}

/** Splits one block of text into sentences, following the sentence rules above. */
export function splitSentences(blockText: string): TextSentence[] {
  const text = blankUrls(blockText);
  const sentences: TextSentence[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (!TERMINATOR.test(char)) {
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < text.length && TERMINATOR.test(text.charAt(end))) end += 1;
    const run = text.slice(i, end);
    while (end < text.length && CLOSING.test(text.charAt(end))) end += 1;
    if (end < text.length && !WHITESPACE.test(text.charAt(end))) {
      i = end;
      continue;
    }
    if (endsSentence(text, i, run, end)) {
      pushSentence(sentences, blockText, text, start, end);
      start = end;
    }
    i = end;
  }
  pushSentence(sentences, blockText, text, start, text.length);
  return sentences;
}

function endsSentence(text: string, terminatorAt: number, run: string, after: number): boolean {
  if (/[!?:]/u.test(run)) return true;
  const next = text.slice(after).trimStart();
  if (next === '') return true;
  if (LOWERCASE_START.test(next)) return false;
  // The token the period belongs to, e.g. "(f.eks." → "f.eks.".
  const token = (/\S*$/u.exec(text.slice(0, terminatorAt + 1))?.[0] ?? '')
    .replace(/^[^\p{L}]+/u, '')
    .toLowerCase();
  if (PREFIX_ABBREVIATIONS.has(token)) return false;
  if (SUFFIX_ABBREVIATIONS.has(token)) return UPPERCASE_START.test(next);
  return true;
}

function pushSentence(
  sentences: TextSentence[],
  blockText: string,
  blanked: string,
  from: number,
  to: number,
): void {
  // Measured on the blanked text so URLs add no words; reported with the original wording.
  const lengths = wordLengths(blanked.slice(from, to));
  if (lengths.length === 0) return;
  const raw = blockText.slice(from, to);
  const leading = raw.length - raw.trimStart().length;
  sentences.push({ start: from + leading, text: raw.trim(), wordLengths: lengths });
}
