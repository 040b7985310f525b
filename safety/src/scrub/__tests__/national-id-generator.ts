import fc from 'fast-check';

// An independent implementation of the algorithm, so the tests do not check the scrubber against
// itself.
const K1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const K2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function control(digits: number[], weights: number[]): number | null {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  const k = (11 - (sum % 11)) % 11;
  return k === 10 ? null : k;
}

/** Appends both control digits to nine digits, or returns null when either would be 10. */
export function withControlDigits(nine: string): string | null {
  const d = [...nine].map(Number);
  const k1 = control(d, K1);
  if (k1 === null) return null;
  const k2 = control([...d, k1], K2);
  return k2 === null ? null : `${nine}${k1}${k2}`;
}

export type NationalIdKind = 'fødselsnummer' | 'd-number' | 'h-number';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Individual numbers Skatteetaten allocates to people born in `year`. */
export function individualRange(year: number): [number, number] {
  if (year >= 2000) return [500, 999];
  if (year >= 1940) return [0, 499]; // 900–999 is also used for 1940–1999
  if (year >= 1900) return [0, 499];
  return [500, 749];
}

/** Builds a national id for a birth date, or null when the control digits do not exist. */
export function nationalId(
  birth: { day: number; month: number; year: number },
  individual: number,
  kind: NationalIdKind = 'fødselsnummer',
): string | null {
  const day = kind === 'd-number' ? birth.day + 40 : birth.day;
  const month = kind === 'h-number' ? birth.month + 40 : birth.month;
  return withControlDigits(`${pad(day)}${pad(month)}${pad(birth.year % 100)}${pad(individual, 3)}`);
}

/** fast-check arbitrary of valid national ids (fødselsnummer, D- and H-numbers). */
export const validNationalId: fc.Arbitrary<string> = fc
  .record({
    date: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    kind: fc.constantFrom<NationalIdKind>('fødselsnummer', 'fødselsnummer', 'd-number', 'h-number'),
    offset: fc.nat(),
  })
  .map(({ date, kind, offset }) => {
    const year = date.getUTCFullYear();
    const [lo, hi] = individualRange(year);
    const birth = { day: date.getUTCDate(), month: date.getUTCMonth() + 1, year };
    // Walk the individual numbers until one has valid control digits (about 1 in 1.2 does).
    for (let k = 0; k <= hi - lo; k += 1) {
      const id = nationalId(birth, lo + ((offset + k) % (hi - lo + 1)), kind);
      if (id) return id;
    }
    throw new Error('unreachable: every date has individual numbers with valid control digits');
  });
