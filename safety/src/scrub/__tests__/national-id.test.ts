import { isValidNorwegianNationalId } from '../..';
import { individualRange, nationalId, withControlDigits } from './national-id-generator';

describe('isValidNorwegianNationalId', () => {
  // Checked by hand. 15080750037: born 15.08.2007, individual number 500 (500–999 → 2000s).
  //   k1 = 11 − (1·3 + 5·7 + 0·6 + 8·1 + 0·8 + 7·9 + 5·4 + 0·5 + 0·2) mod 11 = 11 − 129 mod 11 = 11 − 8 = 3
  //   k2 = 11 − (1·5 + 5·4 + 0·3 + 8·2 + 0·7 + 7·6 + 5·5 + 0·4 + 0·3 + 3·2) mod 11
  //      = 11 − 114 mod 11 = 11 − 4 = 7
  it.each([
    ['15080750037', 'fødselsnummer, 15.08.2007'],
    ['29020456750', 'born on a leap day, 29.02.2004'],
    ['31129945020', 'born 31.12.1999'],
    ['01015098755', 'individual number 987: 900–999 with year ≥ 40 means the 1900s'],
    ['29020050088', '29.02.2000: 2000 was a leap year'],
    ['01010049918', '01.01.1900'],
    ['41019012393', 'D-number: day + 40'],
    ['71019949936', 'D-number for the 31st'],
    ['01459012342', 'H-number: month + 40'],
    ['150807 50037', 'written DDMMYY XXXXX'],
    ['150807.50037', 'with a dot'],
    ['150807-50037', 'with a hyphen'],
    ['150807 500 37', 'as printed on some letters'],
    ['  15080750037 ', 'with surrounding whitespace'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidNorwegianNationalId(id)).toBe(true);
  });

  it.each([
    ['15080750038', 'wrong k2'],
    ['15080750047', 'wrong k1'],
    ['30027601061', 'right control digits but 30 February'],
    ['29020049942', 'right control digits but 29.02.1900: 1900 was not a leap year'],
    ['00000000000', 'day 0'],
    ['1508075003', 'ten digits'],
    ['150807500370', 'twelve digits'],
    ['150807  50037', 'two spaces'],
    ['1508 0750037', 'split in the wrong place'],
    ['abcdefghijk', 'letters'],
    ['', 'empty'],
    ['41459012342', 'D-number and H-number at once'],
    ['15880750183', 'Skatteetaten synthetic test number (month + 80): never a person'],
  ])('rejects %s (%s)', (id) => {
    expect(isValidNorwegianNationalId(id)).toBe(false);
  });

  it('agrees with an independent implementation for every day of several years', () => {
    for (const year of [1899, 1954, 1999, 2000, 2004, 2010, 2024]) {
      const [lo] = individualRange(year);
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const d = new Date(t);
        const birth = { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year };
        for (const individual of [lo, lo + 37, lo + 149]) {
          const id = nationalId(birth, individual);
          if (id) expect(isValidNorwegianNationalId(id)).toBe(true);
          const wrong = id && `${id.slice(0, 10)}${(Number(id[10]) + 1) % 10}`;
          if (wrong) expect(isValidNorwegianNationalId(wrong)).toBe(false);
        }
      }
    }
  });

  it('rejects numbers whose first control digit would be 10', () => {
    // 010190123 has k1 = 10: no national id starts with these nine digits.
    expect(withControlDigits('010190123')).toBeNull();
    for (let k = 0; k < 100; k += 1) {
      expect(isValidNorwegianNationalId(`010190123${String(k).padStart(2, '0')}`)).toBe(false);
    }
  });

  it('returns false rather than throwing for non-strings', () => {
    expect(isValidNorwegianNationalId(12345678901 as never)).toBe(false);
  });
});
