import fc from 'fast-check';
import { ValidationError } from '@kilde/schemas';
import { detectCrisis, evaluateCrisisDetector } from '../..';
import { MUST_FLAG, MUST_NOT_FLAG } from './crisis-cases';

describe('detectCrisis: the case table', () => {
  it('has at least 60 cases to flag and 30 not to, in nb, nn and en', () => {
    expect(MUST_FLAG.length).toBeGreaterThanOrEqual(60);
    expect(MUST_NOT_FLAG.length).toBeGreaterThanOrEqual(30);
    for (const locale of ['nn', 'en'] as const) {
      expect(MUST_FLAG.filter((c) => c.locale === locale).length).toBeGreaterThanOrEqual(10);
    }
    const texts = [...MUST_FLAG, ...MUST_NOT_FLAG].map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it.each(MUST_FLAG.map((c) => [c.text, c] as const))('flags %j', (_, c) => {
    expect(detectCrisis(c.text, c.locale).crisis).toBe(true);
  });

  it.each(MUST_NOT_FLAG.map((c) => [c.text, c] as const))('does not flag %j', (_, c) => {
    expect(detectCrisis(c.text, c.locale).crisis).toBe(false);
  });

  it('has recall 1.0 and precision of at least 0.9 over the whole table', () => {
    const e = evaluateCrisisDetector([...MUST_FLAG, ...MUST_NOT_FLAG]);
    expect(e.falseNegatives).toBe(0);
    expect(e.recall).toBe(1);
    expect(e.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.truePositives + e.falseNegatives).toBe(MUST_FLAG.length);
  });
});

describe('detectCrisis: severity, categories and who it is about', () => {
  it('reports nothing for ordinary questions', () => {
    expect(detectCrisis('Hvor lenge varer mensen vanligvis?')).toEqual({
      crisis: false,
      categories: [],
      matches: [],
      severity: 'none',
    });
  });

  it('treats a question about a friend as concern, not crisis', () => {
    expect(detectCrisis('Hvordan kan jeg hjelpe en venn som har selvmordstanker?')).toEqual({
      crisis: false,
      categories: ['suicide'],
      matches: ['selvmordstanker'],
      severity: 'concern',
    });
  });

  it('makes it acute when it is happening to the friend now', () => {
    const r = detectCrisis('Venninna mi sier hun skal ta livet sitt i kveld');
    expect(r.crisis).toBe(true);
    expect(r.severity).toBe('acute');
    expect(r.categories).toEqual(['suicide', 'acute-danger']);
    expect(r.matches).toEqual(['ta livet sitt', 'i kveld']);
  });

  it('treats questions about a topic as concern', () => {
    for (const text of [
      'Hva er selvskading?',
      'Jeg skal skrive en oppgave om selvmord',
      'Hva er straffen for voldtekt?',
    ]) {
      expect(detectCrisis(text)).toMatchObject({ crisis: false, severity: 'concern' });
    }
  });

  it('takes a method search as the writer’s own, whatever the framing', () => {
    expect(detectCrisis('hvordan ta livet av seg')).toMatchObject({
      crisis: true,
      severity: 'acute',
    });
    expect(detectCrisis('hva er en dødelig dose paracet')).toMatchObject({
      crisis: true,
      severity: 'acute',
    });
  });

  it('flags exhaustion as a crisis of concern, and makes it acute with a plan', () => {
    expect(detectCrisis('jeg orker ikke mer')).toMatchObject({ crisis: true, severity: 'concern' });
    expect(detectCrisis('jeg orker ikke mer, har en plan')).toMatchObject({
      crisis: true,
      severity: 'acute',
      categories: ['suicide', 'acute-danger'],
    });
  });

  it.each([
    ['jeg vil ta livet mitt', ['suicide']],
    ['jeg kutter meg', ['self-harm']],
    ['jeg blir slått hjemme', ['abuse', 'violence']],
    ['pappa slår meg', ['abuse', 'violence']],
    ['he hits me', ['violence']],
    ['stefar tar på meg', ['sexual-abuse']],
    ['jeg ble voldtatt', ['sexual-abuse']],
    ['blir tvunget til å gifte meg', ['abuse']],
    ['han truer med å drepe meg', ['violence', 'acute-danger']],
    ['jeg har tatt 20 paracet', ['acute-danger']],
    ['har ikke spist på fire dager', ['eating-disorder-acute']],
  ])('%j → %j, acute', (text, categories) => {
    expect(detectCrisis(text)).toMatchObject({ crisis: true, severity: 'acute', categories });
  });

  it('returns the matched phrases as the writer spelled them', () => {
    expect(detectCrisis('Jeg VIL ikkkke leeeve lenger').matches).toEqual(['VIL ikkkke leeeve']);
    expect(detectCrisis('tenkr på slevmord 😭').matches).toEqual(['slevmord']);
  });

  it('does not flag a negated statement', () => {
    expect(detectCrisis('Jeg vil ikke dø').crisis).toBe(false);
    expect(detectCrisis('jeg har aldri hatt selvmordstanker').crisis).toBe(false);
    expect(detectCrisis("I don't want to die").crisis).toBe(false);
  });
});

describe('detectCrisis: spelling robustness', () => {
  it.each([
    'sjølvmord',
    'sjolvmord',
    'sjoelvmord',
    'SJØLVMORD',
    'Sjølvmord!!!',
    'sjølv mord',
    'selvmord',
    'selvmor',
    'selvmordd',
    'slevmord',
    'sjelvmord',
    'selvmordstanker',
    'selvmordstankar',
    '...selvmord...',
    '💔selvmord💔',
  ])('%j is recognised', (word) => {
    expect(detectCrisis(`tenker på ${word}`).categories).toContain('suicide');
  });

  it.each([
    'jeg vil ikke leve lenger',
    'jeg  vil  ikke  leve  lenger',
    'JEG VIL IKKE LEVE LENGER',
    'jeg vil ikkje leve lenger',
    'jeg vil ikk leve lenger',
    'jeg vil ik leve lenger',
    'jeg vil iiikke leeeve lenger',
    'jeg vil ikke lenger leve',
    'jeg, vil ikke leve lenger!!',
    'jeg vil ikke leve lenger 😭😭😭',
  ])('%j is recognised', (text) => {
    expect(detectCrisis(text)).toMatchObject({ crisis: true, severity: 'acute' });
  });

  it('reads a lone "i" as English "I" only in English context', () => {
    expect(detectCrisis('i want to die', 'en').crisis).toBe(true);
    // Norwegian "i" is "in": the friend, not the writer, is the subject here.
    expect(detectCrisis('venninna mi har selvmordstanker i perioder').crisis).toBe(false);
  });
});

describe('detectCrisis: contract', () => {
  it('keeps its result consistent for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })), (text) => {
        const r = detectCrisis(text);
        expect(r.severity === 'none').toBe(r.categories.length === 0);
        expect(r.severity === 'none').toBe(r.matches.length === 0);
        if (r.crisis) expect(r.severity).not.toBe('none');
      }),
      { numRuns: 500 },
    );
  });

  it('finds a signal deep inside a long message', () => {
    const filler = 'Jeg har hatt en lang dag på skolen og trening. '.repeat(200);
    expect(detectCrisis(`${filler}Jeg vil ikke leve lenger. ${filler}`).crisis).toBe(true);
  });

  it('rejects an unknown locale and non-string text with a ValidationError', () => {
    expect(() => detectCrisis('hei', 'de' as never)).toThrow(ValidationError);
    expect(() => detectCrisis(null as never)).toThrow(ValidationError);
  });
});
