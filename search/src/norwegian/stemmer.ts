/**
 * Light stemmers working on folded words (see {@link fold}). They strip inflection so that
 * "skolen", "skoler" and "skolene" meet at one key; they are not dictionary stemmers and make
 * symmetric mistakes (both sides of a match go through the same function).
 */

const MIN_STEM = 3;

// Bokmål and nynorsk together: a young person writing in an nn widget often types bokmål, so one
// stemmer must accept both. Longest suffix first; the first that leaves MIN_STEM letters wins.
// prettier-ignore -- a word list reads best packed
const NORWEGIAN_SUFFIXES: readonly string[] = [
  'heitene',
  'heitane',
  'hetene',
  'heitens',
  'hetens',
  'heiten',
  'heiter',
  'heita',
  'heten',
  'heter',
  'elsene',
  'elsen',
  'elser',
  'else',
  'ingane',
  'ingene',
  'ingens',
  'ingen',
  'ingar',
  'inger',
  'andes',
  'endes',
  'ande',
  'ende',
  'heit',
  'het',
  'erne',
  'ene',
  'ane',
  'ens',
  'ets',
  'ers',
  'ing',
  'er',
  'ar',
  'en',
  'et',
  'as',
  'a',
  'e',
];

// A second, shorter pass catches stacked endings ("graviditet-en", "lærer-en") so the definite
// form meets the indefinite one ("graviditet" → "gravidit", "graviditeten" → "gravidit").
const NORWEGIAN_SECOND_PASS: readonly string[] = ['er', 'ar', 'en', 'et', 'e', 'a'];

const VOWELS = /[aeiouæøå]/;

function stripLongest(word: string, suffixes: readonly string[], minStem: number): string {
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= minStem && word.endsWith(suffix)) {
      return word.slice(0, -suffix.length);
    }
  }
  return word;
}

// "sykdom"/"sykdommen", "venn"/"vener" (nn), "gutt"/"gut" (nn): collapsing a final double
// consonant makes these meet without a dictionary.
function collapseFinalDouble(stem: string): string {
  const n = stem.length;
  if (n > 3 && stem[n - 1] === stem[n - 2] && !VOWELS.test(stem[n - 1] ?? '')) {
    return stem.slice(0, -1);
  }
  return stem;
}

/**
 * Stems a folded bokmål or nynorsk word.
 *
 * @remarks
 * Besides inflection (-ene, -ane, -er, -ar, -en, -et, -a, -e, -ingen, -heten, possessive -s) it
 * evens out two regular nb/nn differences: adjectives in -leg (nn) and -lig (nb), and nouns in
 * -leik (nn) and -lighet (nb), so "vanskeleg"/"vanskelig" and "kjærleik"/"kjærlighet" meet.
 */
export function stemNorwegian(folded: string): string {
  if (folded.length <= MIN_STEM) return folded;
  let s = folded;
  // Possessive -s first ("bilens" → "bilen"), but not in "stress", "snus", "mens".
  if (s.length > 5 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
  const first = stripLongest(s, NORWEGIAN_SUFFIXES, MIN_STEM);
  s = first === s ? s : stripLongest(first, NORWEGIAN_SECOND_PASS, MIN_STEM);
  if (s.length > 5 && s.endsWith('leik')) s = `${s.slice(0, -4)}lig`;
  else if (s.length > 5 && s.endsWith('leg')) s = `${s.slice(0, -3)}lig`;
  return collapseFinalDouble(s);
}

/** Stems a folded English word (plural, -ing, -ed, final -e; a light Porter step 1). */
export function stemEnglish(folded: string): string {
  if (folded.length <= MIN_STEM) return folded;
  let s = folded;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}i`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (/(?:s|x|z|ch|sh)es$/.test(s) && s.length > 4) s = s.slice(0, -2);
  else if (s.endsWith('s') && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);

  if (s.endsWith('ing') && s.length - 3 >= MIN_STEM && VOWELS.test(s.slice(0, -3))) {
    s = s.slice(0, -3);
  } else if (s.endsWith('ed') && s.length - 2 >= MIN_STEM && VOWELS.test(s.slice(0, -2))) {
    s = s.slice(0, -2);
  }
  if (s.endsWith('e') && s.length - 1 >= MIN_STEM) s = s.slice(0, -1);
  const n = s.length;
  if (n > 3 && s[n - 1] === s[n - 2] && !/[aeioulsz]/.test(s[n - 1] ?? '')) s = s.slice(0, -1);
  return s;
}
