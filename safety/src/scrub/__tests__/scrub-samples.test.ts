import { ValidationError } from '@kilde/schemas';
import { containsPersonalData, PLACEHOLDERS, scrubPersonalData } from '../..';
import { nationalId } from './national-id-generator';
import { SCRUB_SAMPLES } from './scrub-cases';

const SAMPLES = SCRUB_SAMPLES;

describe('scrubPersonalData on realistic messages', () => {
  it('has a table of at least 100 samples', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(100);
  });

  it.each(SAMPLES)('%j', (input, expected) => {
    expect(scrubPersonalData(input).text).toBe(expected);
  });

  it('reports each finding with its type and offsets into the input', () => {
    const input = 'Jeg heter Kari Nordmann, ring 912 34 567 eller kari@x.no';
    const { findings } = scrubPersonalData(input);
    expect(findings).toEqual([
      { type: 'name', start: 10, end: 23 },
      { type: 'phone', start: 30, end: 40 },
      { type: 'email', start: 47, end: 56 },
    ]);
    expect(findings.map((f) => input.slice(f.start, f.end))).toEqual([
      'Kari Nordmann',
      '912 34 567',
      'kari@x.no',
    ]);
  });

  it('reports nothing and changes nothing when there is no personal data', () => {
    expect(scrubPersonalData('Hvor lenge kan klamydia vare uten symptomer?')).toEqual({
      text: 'Hvor lenge kan klamydia vare uten symptomer?',
      findings: [],
    });
    expect(scrubPersonalData('')).toEqual({ text: '', findings: [] });
  });

  it('scrubs national ids generated for many birth dates, D-numbers and H-numbers', () => {
    const dates = [
      { day: 1, month: 1, year: 1990 },
      { day: 29, month: 2, year: 2008 },
      { day: 31, month: 12, year: 2011 },
      { day: 17, month: 5, year: 1975 },
      { day: 9, month: 9, year: 2009 },
    ];
    for (const birth of dates) {
      for (const kind of ['fødselsnummer', 'd-number', 'h-number'] as const) {
        const start = birth.year >= 2000 ? 500 : 100;
        for (let individual = start; individual < start + 30; individual += 1) {
          const id = nationalId(birth, individual, kind);
          if (!id) continue;
          expect(scrubPersonalData(`mitt nummer er ${id}.`).text).toBe(
            'mitt nummer er [fødselsnummer].',
          );
          const spaced = `${id.slice(0, 6)} ${id.slice(6)}`;
          expect(scrubPersonalData(`nr: ${spaced}`).text).toBe('nr: [fødselsnummer]');
        }
      }
    }
  });
});

describe('placeholders per locale', () => {
  const input =
    'Emma, 15080750037, 912 34 567, emma@x.no, www.x.no, @emma_1, Storgata 5, Kuben vgs, 123456789';

  it('writes English placeholders for en', () => {
    expect(scrubPersonalData(input, { locale: 'en' }).text).toBe(
      '[name], [national-id], [phone], [email], [link], [username], [address], [school], [number]',
    );
  });

  it('writes the same Norwegian placeholders for nb and nn', () => {
    const expected =
      '[navn], [fødselsnummer], [telefon], [e-post], [lenke], [brukernavn], [adresse], [skole], [nummer]';
    expect(scrubPersonalData(input, { locale: 'nb' }).text).toBe(expected);
    expect(scrubPersonalData(input, { locale: 'nn' }).text).toBe(expected);
    expect(scrubPersonalData(input).text).toBe(expected);
    expect(PLACEHOLDERS.nn).toEqual(PLACEHOLDERS.nb);
  });

  it('leaves placeholders of either language alone', () => {
    const scrubbed = '[navn] [name] [telefon] [phone] [fødselsnummer] [national-id]';
    expect(scrubPersonalData(scrubbed, { locale: 'en' }).text).toBe(scrubbed);
  });

  it('rejects an unknown locale with a ValidationError naming the option', () => {
    const call = (): unknown => scrubPersonalData('hei', { locale: 'sv' as never });
    expect(call).toThrow(ValidationError);
    expect(call).toThrow(
      expect.objectContaining({
        details: { errors: [expect.objectContaining({ path: '/options/locale' })] },
      }),
    );
  });

  it('rejects text that is not a string', () => {
    expect(() => scrubPersonalData(undefined as never)).toThrow(ValidationError);
  });
});

describe('containsPersonalData', () => {
  it.each([
    ['kari hansen klamydia', true],
    ['kari@x.no', true],
    ['91234567', true],
    ['snap: kari_02', true],
    ['klamydia symptomer', false],
    ['116 123', false],
    ['p-piller 2024', false],
    ['Liv etter døden', false],
  ])('%j → %s', (query, expected) => {
    expect(containsPersonalData(query)).toBe(expected);
  });
});
