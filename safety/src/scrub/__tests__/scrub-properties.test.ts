import fc from 'fast-check';
import { isValidNorwegianNationalId, scrubPersonalData } from '../..';
import type { SafetyLocale } from '../..';
import { validNationalId } from './national-id-generator';

const scrub = (text: string, locale?: SafetyLocale): string =>
  scrubPersonalData(text, { locale }).text;

// Pieces of realistic messages: names (plain and ambiguous), cue words, numbers in several
// groupings, street and school words, handles, placeholders and punctuation, so that generated
// strings exercise the interactions between detectors rather than only random characters.
const PIECES = [
  'Kari',
  'Nordmann',
  'Per',
  'Liv',
  'liv',
  'Mai',
  'Berg',
  'Hansen',
  'Ola',
  'Emma',
  'Mohammed',
  'Bo',
  'Sol',
  'Anne-Lise',
  'Karis',
  'heter',
  'jeg',
  'og',
  'kjæresten',
  'min',
  'Hei',
  'dag',
  'sa',
  'er',
  'i',
  'på',
  'Storgata',
  'Kirkeveien',
  'gate',
  'Karl',
  'Johans',
  'skole',
  'vgs',
  'Tåsen',
  'Kuben',
  '5',
  '12B',
  '0150',
  'Oslo',
  '912',
  '34',
  '567',
  '91234567',
  '22',
  '40',
  '00',
  '+47',
  '0047',
  '116',
  '123',
  '113',
  '2024',
  '400',
  'mg',
  'snap:',
  'insta',
  '@kari_02',
  'kari#1234',
  'www.',
  'vg.no/x',
  'https://',
  'kari@x.no',
  '(at)',
  '[navn]',
  '[telefon]',
  '[name]',
  '[lenke]',
  '.',
  ',',
  ':',
  '!',
  '?',
  '-',
  ' ',
  ' ',
  ' ',
  '\n',
  '😭',
  '(',
  ')',
  '[',
  ']',
];
const realistic = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })), { maxLength: 25 })
  .map((parts) => parts.join(fc.sample(fc.constantFrom(' ', ''), 1)[0] ?? ' '));
const spaced = fc.array(fc.constantFrom(...PIECES), { maxLength: 25 }).map((p) => p.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  realistic,
  spaced,
);
const locale = fc.constantFrom<SafetyLocale | undefined>(undefined, 'nb', 'nn', 'en');

describe('scrubPersonalData properties', () => {
  it('is idempotent: scrubbing scrubbed text changes nothing', () => {
    fc.assert(
      fc.property(anyText, locale, (text, loc) => {
        const once = scrub(text, loc);
        expect(scrub(once, loc)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('never leaves a valid national identity number in the output, however it is embedded', () => {
    fc.assert(
      fc.property(
        validNationalId,
        anyText,
        anyText,
        fc.constantFrom('', ' ', '.', '-'),
        (id, before, after, sep) => {
          // Also the spaced written form "DDMMYY XXXXX".
          const written = sep ? `${id.slice(0, 6)}${sep}${id.slice(6)}` : id;
          expect(isValidNorwegianNationalId(written)).toBe(true);
          const out = scrub(`${before}${written}${after}`);
          expect(out).not.toContain(id);
          expect(out).not.toContain(written);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never leaves an e-mail address in the output, however it is embedded', () => {
    fc.assert(
      fc.property(fc.emailAddress(), anyText, anyText, (email, before, after) => {
        expect(scrub(`${before} ${email} ${after}`)).not.toContain(email);
        expect(scrub(`${before}${email}${after}`)).not.toContain(email);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every character outside the findings', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { findings } = scrubPersonalData(text);
        let rebuilt = '';
        let at = 0;
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(at);
          expect(f.end).toBeGreaterThan(f.start);
          rebuilt += text.slice(at, f.start);
          at = f.end;
        }
        rebuilt += text.slice(at);
        const kept = scrub(text).replace(/\[[^\]]+\]/gu, '');
        expect(kept.length).toBeLessThanOrEqual(text.length);
        expect(rebuilt.length).toBe(
          text.length - findings.reduce((n, f) => n + f.end - f.start, 0),
        );
      }),
      { numRuns: 500 },
    );
  });
});
