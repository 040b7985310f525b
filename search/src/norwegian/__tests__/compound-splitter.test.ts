import fc from 'fast-check';
import { splitCompound, type PartLexicon } from '../compound-splitter';

function lexicon(freq: Record<string, number>, stop: string[] = []): PartLexicon {
  return {
    partFrequency: (w) => freq[w] ?? 0,
    isStopWord: (w) => stop.includes(w),
  };
}

describe('splitCompound', () => {
  const lex = lexicon(
    {
      skole: 50,
      angst: 40,
      kjonn: 30,
      sikdom: 20,
      selvmord: 10,
      tanker: 30,
      angre: 5,
      pille: 25,
      kjere: 300,
      sten: 2,
      kjeresten: 1000,
      barn: 80,
      vern: 10,
      sommer: 5,
    },
    ['som', 'mer'],
  );

  it.each([
    ['skoleangst', ['skole', 'angst']],
    ['kjonnssikdom', ['kjonn', 'sikdom']],
    ['selvmordstanker', ['selvmord', 'tanker']],
    ['angrepille', ['angre', 'pille']],
    ['barnevern', ['barn', 'vern']],
  ])('splits %s into %j (dropping a linking -s- or -e-)', (word, parts) => {
    expect(splitCompound(word, lex)).toEqual(parts);
  });

  it('keeps a word whole when it is more common than its parts', () => {
    expect(splitCompound('kjeresten', lex)).toBeNull();
  });

  it('never uses stop words or unknown fragments as parts', () => {
    expect(splitCompound('sommer', lex)).toBeNull();
    expect(splitCompound('behandling', lex)).toBeNull();
  });

  it('splits into up to three parts', () => {
    const three = lexicon({ helse: 10, stasjon: 10, ungdom: 10 });
    expect(splitCompound('helsestasjonsungdom', three)).toEqual(['helse', 'stasjon', 'ungdom']);
  });

  it('returns parts that spell the word, with at most one linking letter between them', () => {
    const words = ['skole', 'angst', 'pille', 'test', 'hjelp', 'kropp'];
    const lex2 = lexicon(Object.fromEntries(words.map((w) => [w, 10])));
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 3 }),
        fc.array(fc.constantFrom('', 's', 'e'), { minLength: 2, maxLength: 2 }),
        (parts, links) => {
          const word = parts
            .map((p, i) => p + (i < parts.length - 1 ? (links[i] ?? '') : ''))
            .join('');
          const split = splitCompound(word, lex2);
          if (split === null) return true;
          const pattern = new RegExp(`^${split.join('[se]?')}$`);
          return pattern.test(word);
        },
      ),
    );
  });
});
