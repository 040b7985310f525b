import { splitSentences, wordLengths } from '../tokenize';

const texts = (block: string): string[] => splitSentences(block).map((s) => s.text);

describe('word rules', () => {
  it('counts letters only, keeps hyphenated and dotted words whole, and skips numbers', () => {
    expect(
      wordLengths('e-sigarett p-pille 16-åringer COVID-19 don’t f.eks. 50 % 3,5 12–13'),
    ).toEqual([
      9, // e-sigarett
      6, // p-pille
      7, // åringer
      5, // COVID
      4, // don’t
      4, // f.eks.
    ]);
  });

  it('counts æ, ø and å as letters', () => {
    expect(wordLengths('kjønnssykdom blåbær')).toEqual([12, 6]);
  });
});

describe('sentence rules', () => {
  it('does not end a sentence at prefix abbreviations, even before a capital', () => {
    expect(texts('Ta med f.eks. Kari. Dr. Hansen sier ja. Det gjelder bl.a. Oslo.')).toEqual([
      'Ta med f.eks. Kari.',
      'Dr. Hansen sier ja.',
      'Det gjelder bl.a. Oslo.',
    ]);
  });

  it('ends a sentence at a suffix abbreviation only when a capital follows', () => {
    expect(texts('Ta med pass, kort osv. Neste dag er fri. Bruk sol, vann osv. og hvil.')).toEqual([
      'Ta med pass, kort osv.',
      'Neste dag er fri.',
      'Bruk sol, vann osv. og hvil.',
    ]);
  });

  it('treats a period before a lower-case word as no sentence end (ordinals)', () => {
    expect(texts('Vi sees 17. mai. Ta med 2. klasse.')).toEqual([
      'Vi sees 17. mai.',
      'Ta med 2. klasse.',
    ]);
  });

  it('never splits inside decimals, times, domains or URLs, and URLs are not words', () => {
    const sentences = splitSentences(
      'Det koster 3.5 eller 3,5 kr. Se www.ung.no. Klokka er 10:30.',
    );
    expect(sentences.map((s) => s.text)).toEqual([
      'Det koster 3.5 eller 3,5 kr.',
      'Se www.ung.no.',
      'Klokka er 10:30.',
    ]);
    expect(sentences.map((s) => s.wordLengths.length)).toEqual([4, 1, 2]);
  });

  it('ends sentences at ! ? and colon, counting runs once', () => {
    expect(texts('Hva?! Nei… Jo. Husk: ta alle tablettene.')).toEqual([
      'Hva?!',
      'Nei…',
      'Jo.',
      'Husk:',
      'ta alle tablettene.',
    ]);
  });

  it('ends a sentence at the end of the block and drops sentences without words', () => {
    expect(texts('10. 20. Bruk kondom')).toEqual(['Bruk kondom']);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(texts('Hun sa «Nei.» Så gikk hun.')).toEqual(['Hun sa «Nei.»', 'Så gikk hun.']);
  });
});
