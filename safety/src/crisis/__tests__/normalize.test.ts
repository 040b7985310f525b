import { editDistance } from '../edit-distance';
import { foldWord, tokenize } from '../normalize';

describe('foldWord', () => {
  it.each([
    [['sjølvmord', 'sjoelvmord', 'sjolvmord', 'SJØLVMORD'], 'sjolvmord'],
    [['være', 'vaere', 'vere'], 'vere'],
    [['på', 'paa', 'pa', 'PÅ'], 'pa'],
    [['ikke', 'ike', 'iiikkke'], 'ike'],
    [['liiiive', 'live'], 'live'],
    [["don't", 'dont', 'don’t'], 'dont'],
    [['allé', 'alle'], 'ale'],
  ])('folds %j to %s', (words, folded) => {
    for (const w of words) expect(foldWord(w)).toBe(folded);
  });

  it('keeps repeated digits, which carry meaning', () => {
    expect(foldWord('100')).toBe('100');
    expect(foldWord('11')).toBe('11');
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text and numbers sentences', () => {
    const text = 'Hei!  Jeg vil ikke, egentlig.\nLeve?';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.raw, t.sentence, t.afterComma])).toEqual([
      ['Hei', 0, false],
      ['Jeg', 1, false],
      ['vil', 1, false],
      ['ikke', 1, false],
      ['egentlig', 1, true],
      ['Leve', 2, false],
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.raw);
  });

  it('treats emoji as separators, not sentence ends', () => {
    expect(tokenize('vil 😭 dø').map((t) => t.sentence)).toEqual([0, 0]);
  });
});

describe('editDistance', () => {
  it.each([
    ['selvmord', 'selvmord', 0],
    ['selvmord', 'slevmord', 1],
    ['selvmor', 'selvmord', 1],
    ['sjelvmord', 'sjolvmord', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
  ])('%s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('stops early once the limit is exceeded', () => {
    expect(editDistance('selvmord', 'forebygging', 1)).toBe(2);
  });
});
