import { wordSet } from '../word-set';
import { PLACES } from './places';
import type { Candidate } from './types';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Street-name endings that are written as part of the street name ("Kirkeveien", "Storgata").
const SUFFIX =
  '(?:veien|vegen|vei|veg|gata|gate|gaten|gt\\.?|allé|alle|alléen|plass|plassen|stien|sti|stigen|bakken|bakke|torget|torg|brygge|brygga|kroken|svingen|tunet|terrasse|terrassen|løkka|ringen|lia|lien|haugen|åsen|jordet|kaia|kaien)';
// Ordinary words that end like a street: "hjemveien 2 ganger", "arbeidsplass 3", "motbakke".
const NOT_STREET_PREFIX =
  /^(?:hjem|heim|om|luft|midt|halv|leve|livs|flukt|ut|inn|gjennom|mellom|snar|sykkel|gang|fot|arbeids|parkerings|sitte|studie|lærling|lærlings|skole|skule|leke|bo|nedover|oppover|mot|bak|side|gå|øre|hals|nøkkel|fin|tå|hånd)$/iu;
const HOUSE_NUMBER = '\\d{1,4}(?:\\s?[A-Ha-h])?';
// ", 0150 Oslo" after a street.
const POSTAL_TAIL = '(?:,?\\s+\\d{4}\\s+\\p{Lu}[\\p{L}\\-]+)?';
const END = '(?![\\p{L}\\p{N}\\[])';
const START = '(?<![\\p{L}\\p{M}\\p{N}\\]\\-])';

const COMPOUND_STREET = new RegExp(
  `${START}(?:(?:Øvre|Nedre|Store|Lille|Vestre|Østre|Søndre|Nordre|Gamle|Nye)\\s+)?(\\p{L}{2,}?)${SUFFIX}\\s+${HOUSE_NUMBER}${POSTAL_TAIL}${END}`,
  'giu',
);
// "Karl Johans gate 1", "Thorvald Meyers gate 12", "Bygdøy allé 5": capitalised words, then
// the street word on its own. "alle" without the accent is left out: "Hei alle 3" is a greeting.
const SEPARATE_STREET = new RegExp(
  `${START}((?:\\p{Lu}[\\p{L}'\\-]*\\.?\\s+){1,3})(?:gate|gata|vei|veien|veg|vegen|allé|plass|terrasse)\\s+${HOUSE_NUMBER}${POSTAL_TAIL}${END}`,
  'gu',
);
// "221B Baker Street", "12 Oak Road".
const ENGLISH_STREET = new RegExp(
  `${START}\\d{1,4}[A-Za-z]?\\s+(?:\\p{Lu}[\\p{L}'\\-]*\\s+){1,3}(?:Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Drive|Way|Close|Court|Crescent)(?![\\p{L}\\p{N}\\[])`,
  'gu',
);
const POSTCODE_PLACE = new RegExp(
  `${START}\\d{4}\\s+(?:${[...PLACES]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})${END}`,
  'giu',
);

// Capitalised words that can start a sentence right before a street-looking phrase.
const LEADING_NON_NAMES = wordSet(
  `jeg eg du han hun ho vi me de dei det den denne dette en ei et eit ein min mi mitt din
   di vår hans hennes hei hallo heisann bor i på til fra frå ved og men hvis om når the a
   my i we our at on in hva kva hvor kvar ny nye samme annen anna hver kvar ingen`,
);

/**
 * Finds street addresses ("Kirkeveien 12", "Storgata 3B", "Karl Johans gate 1, 0154 Oslo",
 * "221B Baker Street") and postcode + place ("0150 Oslo").
 * @remarks Case-insensitive for compound street names because young people rarely capitalise
 * them ("bor i storgata 5"); a house number is always required, which is what separates an
 * address from a place someone mentions.
 */
export function findAddresses(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(COMPOUND_STREET)) {
    if (NOT_STREET_PREFIX.test(m[1] ?? '')) continue;
    found.push({ type: 'address', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(SEPARATE_STREET)) {
    // Drop sentence-initial words such as "Hei" or "Jeg" from the street name.
    const words = (m[1] ?? '').split(/(?<=\s)(?=\S)/u);
    let start = m.index;
    while (
      words.length &&
      LEADING_NON_NAMES.has((words[0] ?? '').trim().replace(/\.$/u, '').toLowerCase())
    ) {
      start += (words.shift() ?? '').length;
    }
    if (!words.length) continue;
    found.push({ type: 'address', start, end: m.index + m[0].length });
  }
  for (const re of [ENGLISH_STREET, POSTCODE_PLACE]) {
    for (const m of text.matchAll(re)) {
      found.push({ type: 'address', start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}
