import { wordSet } from '../word-set';
import type { Candidate } from './types';

const SCHOOL_WORD =
  '(?:ungdomsskole|ungdomsskule|barneskole|barneskule|grunnskole|grunnskule|videregående(?:\\s+skole)?|vidaregåande(?:\\s+skule)?|videregåande(?:\\s+skule)?|katedralskole|skole|skule|vgs|VGS|Vgs)';
const END = '(?![\\p{L}\\p{N}\\[])';
const START = '(?<![\\p{L}\\p{M}\\p{N}\\]\\-])';

// "Tåsen skole", "Hartvig Nissens skole", "Kuben vgs", "Oslo katedralskole", "Ris ungdomsskole".
const NAMED_SCHOOL = new RegExp(
  `${START}((?:\\p{Lu}[\\p{L}'\\-]*\\s+){1,3})${SCHOOL_WORD}${END}`,
  'gu',
);
// "kuben vgs": young people write school names in lowercase too, but only "vgs" is distinctive
// enough to trust a lowercase word in front of it.
const LOWERCASE_VGS = new RegExp(`${START}(\\p{Ll}{3,})\\s+(?:vgs)${END}`, 'gu');
// "Oslo International School", "Kongsberg High School".
const ENGLISH_SCHOOL = new RegExp(
  `${START}((?:\\p{Lu}[\\p{L}'\\-]*\\s+){1,3})(?:(?:High|Middle|Primary|Secondary|International|Upper Secondary)\\s+)?(?:School|Academy)${END}`,
  'gu',
);

// Words that can stand capitalised before a school word without naming a school.
const NOT_SCHOOL_NAMES = wordSet(
  `jeg eg du han hun ho vi me de dei det den denne dette en ei et eit ein min mi mitt din
   di sin vår våre hans hennes hennar deres dykkar ny nye gammel gamle hver kvar annen anna
   samme hele heile ingen noen nokon hvilken kva hva på i til fra frå om og men norsk
   vanlig vanleg offentlig offentleg privat god bra hei hallo etter før uten utan når hvis
   viss the a my our your his her their this that any every which high middle primary
   secondary international at in to from after before new old public private ungdomsskole
   videregående vgs skole går gikk starter begynner slutter bytter byttet hater elsker
   liker`,
);
const NOT_BEFORE_VGS = new Set([...NOT_SCHOOL_NAMES, 'går', 'gå', 'starte', 'byrjar', 'første']);

/**
 * Finds school names: one to three capitalised words followed by skole/skule/ungdomsskole/
 * ungdomsskule/videregående/vgs (and English "… School"). The whole name, including the school
 * word, becomes one placeholder.
 * @remarks Generic phrases ("Ny skole", "Min ungdomsskole", "en videregående skole") are not
 * names: leading function words are dropped, and a match with no name left is ignored.
 */
export function findSchools(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const re of [NAMED_SCHOOL, ENGLISH_SCHOOL]) {
    for (const m of text.matchAll(re)) {
      const words = (m[1] ?? '').split(/(?<=\s)(?=\S)/u);
      let start = m.index;
      while (words.length && NOT_SCHOOL_NAMES.has((words[0] ?? '').trim().toLowerCase())) {
        start += (words.shift() ?? '').length;
      }
      if (!words.length) continue;
      found.push({ type: 'school', start, end: m.index + m[0].length });
    }
  }
  for (const m of text.matchAll(LOWERCASE_VGS)) {
    if (NOT_BEFORE_VGS.has((m[1] ?? '').toLowerCase())) continue;
    found.push({ type: 'school', start: m.index, end: m.index + m[0].length });
  }
  return found;
}
