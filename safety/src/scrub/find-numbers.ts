import { isValidNationalIdDigits } from './national-id';
import type { Candidate } from './types';

/**
 * Public services people are told to call. They are not personal data and a question that
 * mentions them must keep them (three-digit emergency numbers and 116 xxx never reach the phone
 * rules anyway; they are listed so the intent is written down in one place).
 */
export const PUBLIC_SERVICE_NUMBERS: ReadonlySet<string> = new Set([
  '110', // fire
  '112', // police
  '113', // medical emergency
  '116111', // Alarmtelefonen for barn og unge
  '116123', // Mental Helse Hjelpetelefonen
  '116117', // legevakt
  '116006', // VO-linjen, helpline for victims of violence and abuse
  '22400040', // Kirkens SOS
  '80033321', // Kors på halsen (Røde Kors)
  '22591300', // Giftinformasjonen
  '80057000', // Hjelpetelefonen for seksuelt misbrukte
]);

const SEP = '[ .\\-\\u00a0]';
// Norwegian subscriber numbers are 8 digits and start with 2–9 (4 and 9: mobile; 0 and 1 are
// prefixes and short codes). These are the groupings people actually write.
const PHONE_BODY = `(?:\\d{8}|\\d{3}${SEP}\\d{2}${SEP}\\d{3}|\\d{2}${SEP}\\d{2}${SEP}\\d{2}${SEP}\\d{2}|\\d{3}${SEP}\\d{3}${SEP}\\d{2}|\\d{4}${SEP}\\d{4})`;
const PREFIXED_PHONE = new RegExp(
  `(?<![\\p{N}+])(?:\\(\\s?)?(?:\\+|00)\\s?47(?:\\s?\\))?${SEP}?(${PHONE_BODY})(?!\\p{N}|${SEP}\\d)`,
  'gu',
);

interface Run {
  start: number;
  end: number;
  digits: string;
}

type Shape = readonly number[];
const NATIONAL_ID_SHAPES: readonly Shape[] = [[11], [6, 5], [6, 3, 2]];
const PHONE_SHAPES: readonly Shape[] = [[8], [3, 2, 3], [2, 2, 2, 2], [3, 3, 2], [4, 4]];
// An 11-digit number that fails the check, a bank account number (4.2.5).
const LONG_NUMBER_SHAPES: readonly Shape[] = [[11], [6, 5], [4, 2, 5]];
const HELP_116 = new Set(['111', '123', '117', '006']);

function isPhoneDigits(digits: string, shape: Shape): boolean {
  if (!/^[2-9]/.test(digits)) return false;
  // Four-and-four is how some write mobiles; restricting it to 4xxx/9xxx keeps "2023 2024" a
  // pair of years.
  if (shape.length === 2 && !/^[49]/.test(digits)) return false;
  return !PUBLIC_SERVICE_NUMBERS.has(digits);
}

/** The runs from `i` when their lengths are exactly `shape`, joined; otherwise null. */
function take(runs: readonly Run[], i: number, shape: Shape): string | null {
  let digits = '';
  for (let k = 0; k < shape.length; k += 1) {
    const run = runs[i + k];
    if (!run || run.digits.length !== shape[k]) return null;
    digits += run.digits;
  }
  return digits;
}

/**
 * Splits digit runs into chains: runs separated by exactly one space, dot or hyphen, the way a
 * number is grouped when written.
 */
function chains(text: string, runs: readonly Run[]): Run[][] {
  const out: Run[][] = [];
  let current: Run[] = [];
  for (const run of runs) {
    const prev = current[current.length - 1];
    if (prev && run.start - prev.end === 1 && /[ .\-\u00a0]/.test(text[prev.end] ?? '')) {
      current.push(run);
    } else {
      if (current.length) out.push(current);
      current = [run];
    }
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Finds national identity numbers, phone numbers and other long numbers.
 * @remarks A valid fødselsnummer/D-number/H-number wins over everything else; then phone shapes;
 * then, as a safety net, any other 11-digit number, bank-account-shaped number or run of 9+
 * digits becomes `number` — a mistyped fødselsnummer is still identifying, and long numbers are
 * never needed to answer a health question. Numbers touching letters are still checked: a
 * fødselsnummer glued to a word is just as identifying.
 */
export function findNumbers(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(PREFIXED_PHONE)) {
    const body = (m[1] ?? '').replace(/\D/g, '');
    if (isPhoneDigits(body, [8])) {
      found.push({ type: 'phone', start: m.index, end: m.index + m[0].length });
    }
  }

  const runs: Run[] = [];
  for (const m of text.matchAll(/\d+/g)) {
    const start = m.index;
    const end = start + m[0].length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    runs.push({ start, end, digits: m[0] });
  }

  for (const chain of chains(text, runs)) {
    let i = 0;
    let unclaimed: Run[] = [];
    while (i < chain.length) {
      const before = found.length;
      const step = classifyAt(text, chain, i, found);
      if (found.length === before) {
        unclaimed.push(...chain.slice(i, i + step));
      } else {
        findHiddenNationalIds(unclaimed, found);
        unclaimed = [];
      }
      i += step;
    }
    findHiddenNationalIds(unclaimed, found);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Last resort for digits no shape explained: a valid national id anywhere in 11 consecutive
 * digits of the chain ("0 010170-00027" with a stray digit glued on). Checked only after the
 * shapes, so that a phone number next to another number keeps its own label.
 */
function findHiddenNationalIds(runs: readonly Run[], found: Candidate[]): void {
  const positions: number[] = [];
  let digits = '';
  for (const run of runs) {
    for (let k = 0; k < run.digits.length; k += 1) positions.push(run.start + k);
    digits += run.digits;
  }
  for (let at = 0; at + 11 <= digits.length; at += 1) {
    if (!isValidNationalIdDigits(digits.slice(at, at + 11))) continue;
    const start = positions[at] ?? 0;
    const end = (positions[at + 10] ?? start) + 1;
    found.push({ type: 'national-id', start, end });
    at += 10;
  }
}

/** Classifies the number starting at run `i`; returns how many runs it consumed. */
function classifyAt(text: string, chain: readonly Run[], i: number, found: Candidate[]): number {
  const first = chain[i];
  if (!first) return 1;
  const span = (n: number): { start: number; end: number } => ({
    start: first.start,
    end: chain[i + n - 1]?.end ?? first.end,
  });

  const next = chain[i + 1];
  if (first.digits === '116' && next && HELP_116.has(next.digits)) return 2;

  for (const shape of NATIONAL_ID_SHAPES) {
    const digits = take(chain, i, shape);
    if (digits !== null && isValidNationalIdDigits(digits)) {
      found.push({ type: 'national-id', ...span(shape.length) });
      return shape.length;
    }
  }

  // "+4791234567" and "004791234567" written without a space after the country code.
  const plus = text[first.start - 1] === '+';
  if ((plus && /^47[2-9]\d{7}$/.test(first.digits)) || /^0047[2-9]\d{7}$/.test(first.digits)) {
    found.push({ type: 'phone', start: plus ? first.start - 1 : first.start, end: first.end });
    return 1;
  }

  for (const shape of PHONE_SHAPES) {
    const digits = take(chain, i, shape);
    if (digits === null) continue;
    if (PUBLIC_SERVICE_NUMBERS.has(digits)) return shape.length;
    if (isPhoneDigits(digits, shape)) {
      found.push({ type: 'phone', ...span(shape.length) });
      return shape.length;
    }
  }

  for (const shape of LONG_NUMBER_SHAPES) {
    if (take(chain, i, shape) !== null) {
      found.push({ type: 'number', ...span(shape.length) });
      return shape.length;
    }
  }
  if (first.digits.length >= 9) {
    found.push({ type: 'number', ...span(1) });
  }
  return 1;
}
