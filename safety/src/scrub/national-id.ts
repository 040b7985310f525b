const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * The ways people write a fødselsnummer: 11 digits, or the date part and the personal part
 * separated by one space, dot or hyphen (`DDMMYY XXXXX`), or the personal part split once more
 * (`DDMMYY XXX XX`), as it is printed on some letters.
 */
const WRITTEN_FORM = /^(\d{6})(?:[ .\-\u00a0]?(\d{5})|[ .\-\u00a0](\d{3})[ .\-\u00a0](\d{2}))$/;

/** Mod-11 control digit for `digits` with `weights`, or null when the remainder makes it 10. */
function controlDigit(digits: readonly number[], weights: readonly number[]): number | null {
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w * (digits[i] ?? 0);
  });
  const k = 11 - (sum % 11);
  if (k === 11) return 0;
  return k === 10 ? null : k;
}

/**
 * Full birth year from the two-digit year and the individual number (digits 7–9), following
 * Skatteetaten's allocation; null when the combination is never issued.
 */
function birthYear(yy: number, individual: number): number | null {
  if (individual <= 499) return 1900 + yy;
  if (individual <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy;
  if (individual >= 900) return 1900 + yy;
  return null;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether 11 digits (no separators) form a valid Norwegian national identity number:
 * a real date (D-number: day + 40; H-number: month + 40), an individual number issued for that
 * century, and both mod-11 control digits right.
 */
export function isValidNationalIdDigits(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const d = [...digits].map(Number);
  let day = Number(digits.slice(0, 2));
  let month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const individual = Number(digits.slice(6, 9));

  const isDNumber = day >= 41 && day <= 71;
  const isHNumber = month >= 41 && month <= 52;
  // A number is either a D-number or an H-number (or neither); the two offsets never combine.
  if (isDNumber && isHNumber) return false;
  if (isDNumber) day -= 40;
  if (isHNumber) month -= 40;
  if (month < 1 || month > 12 || day < 1) return false;

  const year = birthYear(yy, individual);
  if (year === null || day > daysInMonth(year, month)) return false;

  const k1 = controlDigit(d, K1_WEIGHTS);
  if (k1 === null || k1 !== d[9]) return false;
  const k2 = controlDigit(d, K2_WEIGHTS);
  return k2 !== null && k2 === d[10];
}

/**
 * Whether `s` is a valid Norwegian national identity number (fødselsnummer, D-number or
 * H-number).
 * @remarks Accepts `DDMMYYXXXXX`, `DDMMYY XXXXX` (space, dot or hyphen) and `DDMMYY XXX XX`,
 * with surrounding whitespace. Checks the date, the century implied by the individual number and
 * both mod-11 control digits (k1 weights 3,7,6,1,8,9,4,5,2; k2 weights 5,4,3,2,7,6,5,4,3,2).
 * Skatteetaten's synthetic test numbers (month + 80) are deliberately not valid: they never
 * belong to a person.
 */
export function isValidNorwegianNationalId(s: string): boolean {
  if (typeof s !== 'string') return false;
  const m = WRITTEN_FORM.exec(s.trim());
  if (!m) return false;
  return isValidNationalIdDigits(`${m[1] ?? ''}${m[2] ?? ''}${m[3] ?? ''}${m[4] ?? ''}`);
}
