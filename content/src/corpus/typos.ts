import type { LocaleIndex } from './composer';
import type { Random } from './prng';

/**
 * Youth spelling, by locale: common chat shortenings, dialect forms and the classic å/og mix-up.
 * Search has to cope with these, so the benchmark corpus should contain them.
 */
const substitutions: readonly Readonly<Record<string, readonly string[]>>[] = [
  {
    jeg: ['jei', 'e', 'eg'],
    ikke: ['ikk', 'ik', 'ikkje'],
    hva: ['ka', 'hv'],
    hvordan: ['åssen', 'hvordn'],
    noe: ['no', 'noe'],
    veldig: ['veldi', 'vldig'],
    egentlig: ['egentli', 'egt'],
    også: ['ogsa', 'og'],
    litt: ['lit'],
    sånn: ['sån'],
    det: ['d', 'de'],
    å: ['og'],
    og: ['å'],
    synes: ['syns'],
    kanskje: ['kansje', 'kanskj'],
    fordi: ['pga', 'fordi'],
    mensen: ['mensn'],
    skjønner: ['skjønnr'],
  },
  {
    eg: ['e', 'æ'],
    ikkje: ['ikkj', 'ittj'],
    kva: ['ka'],
    korleis: ['koss', 'korleis'],
    noko: ['noke'],
    veldig: ['veldi'],
    det: ['d', 'de'],
    å: ['og'],
    og: ['å'],
    òg: ['og', 'ogso'],
    berre: ['bare'],
    kanskje: ['kansje'],
    heilt: ['heilt', 'helt'],
  },
  {
    you: ['u'],
    are: ['r'],
    because: ['cuz', 'bc'],
    "I'm": ['im', 'Im'],
    "don't": ['dont'],
    really: ['rly'],
    I: ['i'],
    know: ['kno'],
    please: ['pls'],
    what: ['wat'],
    "it's": ['its'],
    "I've": ['ive'],
  },
];

const letters = /^[\p{L}]+$/u;

function misspell(word: string, rng: Random): string {
  const i = rng.int(1, word.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2); // swap
    case 1:
      return word.slice(0, i) + word.slice(i + 1); // drop
    default:
      return word.slice(0, i) + (word[i] ?? '') + word.slice(i); // double
  }
}

/**
 * Makes a question look typed on a phone: lower case, shortenings, a few misspelt words and
 * sloppy punctuation. Keeps the number of words, so length limits still hold.
 */
export function addTypos(text: string, locale: LocaleIndex, rng: Random): string {
  const subs = substitutions[locale] ?? {};
  const rate = 0.25 + rng.next() * 0.45;
  const misspellRate = 0.02 + rng.next() * 0.06;
  const lower = rng.chance(0.55);
  const dropCommas = rng.chance(0.5);
  const words = text.split(' ').map((token) => {
    const m = /^(.*?)([.,!?]*)$/.exec(token);
    let word = m?.[1] ?? token;
    let punct = m?.[2] ?? '';
    const options = subs[word] ?? subs[word.toLowerCase()];
    if (options && rng.chance(rate)) word = rng.pick(options);
    else if (word.length >= 5 && letters.test(word) && rng.chance(misspellRate))
      word = misspell(word, rng);
    if (dropCommas && punct === ',') punct = '';
    if (punct === '?' && rng.chance(0.3)) punct = rng.pick(['??', '???', ' ?']);
    return word + punct;
  });
  const out = words.join(' ');
  return lower ? out.toLowerCase() : out;
}
