const COMBINING_MARKS = /\p{M}/gu;
const NEEDS_FOLDING = /[^a-xz0-9]|aa|ae|oe/;

/**
 * Folds a word to the key the engines match on when the young person's keyboard or spelling
 * differs from the text: lower case, accents dropped (`òg` → `og`, `é` → `e`), `å` → `a`,
 * `æ` → `e`, `ø` → `o`, `y` → `i`, and the ASCII stand-ins `aa`, `ae`, `oe` likewise.
 *
 * @remarks
 * Both sides go through the same function, so "sovn", "soevn" and "søvn" meet at `sovn`, "pa" and
 * "på" at `pa`, "klamidya" and "klamydia" at `klamidia`. `y` → `i` is deliberate: i/y is the most
 * common vowel slip in Norwegian spelling and costs two typos when the letters swap places.
 * The fold is lossy (`noen` → `non`); collisions only widen recall, and ranking still prefers
 * the exact surface form.
 */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (!NEEDS_FOLDING.test(lower)) return lower;
  let s = lower.normalize('NFD').replace(COMBINING_MARKS, '');
  s = s.replace(/[æøy]/g, (c) => FOLD_CHAR[c] ?? c);
  if (s.includes('aa') || s.includes('ae') || s.includes('oe')) {
    s = s.replace(/aa/g, 'a').replace(/ae/g, 'e').replace(/oe/g, 'o');
  }
  return s;
}

// ä and ö decompose under NFD and lose their marks above, so only the Norwegian letters remain.
const FOLD_CHAR: Record<string, string> = { æ: 'e', ø: 'o', y: 'i' };
