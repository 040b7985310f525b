import fc from 'fast-check';
import { editDistance, typoBudget, typoCost } from '../typo';
import { defaultIndexSettings } from '../../settings/default-index-settings';

const tolerance = defaultIndexSettings.typoTolerance;

describe('typo budget (Meilisearch: none under 5 letters, 1 from 5, 2 from 9)', () => {
  it.each([
    ['angt', 0],
    ['angst', 1],
    ['klamydia', 1],
    ['depresjon', 2],
    ['kjønnssykdom', 2],
  ])('%s may have %i typos', (word, budget) => {
    expect(typoBudget(word, tolerance)).toBe(budget);
  });

  it('has none when typo tolerance is off', () => {
    expect(typoBudget('depresjon', { ...tolerance, enabled: false })).toBe(0);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('angts', 'angst', 2)).toBe(1);
    expect(editDistance('klamidya', 'klamydia', 3)).toBe(2);
  });

  it('stops at max + 1', () => {
    expect(editDistance('abc', 'xyzxyz', 2)).toBe(3);
  });

  it('is symmetric and zero only for equal words', () => {
    const word = fc.stringMatching(/^[a-e]{0,8}$/);
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b, 10);
        return d === editDistance(b, a, 10) && (d === 0) === (a === b);
      }),
    );
  });
});

describe('typoCost', () => {
  it('charges a first-letter typo as two', () => {
    expect(typoCost('bngst', 'angst', 1)).toBe(2);
    expect(typoCost('angsr', 'angst', 1)).toBe(1);
  });
});
