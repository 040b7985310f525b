import { fold } from '../fold';

describe('fold', () => {
  it.each([
    ['Søvn', 'sovn'],
    ['soevn', 'sovn'],
    ['sovn', 'sovn'],
    ['på', 'pa'],
    ['paa', 'pa'],
    ['Kjærlighet', 'kjerlighet'],
    ['kjaerlighet', 'kjerlighet'],
    ['klamydia', 'klamidia'],
    ['klamidya', 'klamidia'],
    ['òg', 'og'],
    ['kafé', 'kafe'],
    ['Über', 'uber'],
    ['angst', 'angst'],
  ])('folds %s to %s', (word, folded) => {
    expect(fold(word)).toBe(folded);
  });

  it('meets keyboard stand-ins and the proper letters at one form', () => {
    expect(new Set(['kjønn', 'kjonn', 'kjoenn', 'KJØNN'].map(fold))).toEqual(new Set(['kjonn']));
  });
});
