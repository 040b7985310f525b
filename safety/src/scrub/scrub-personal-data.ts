import { assertText, resolveLocale } from '../locale';
import { findAddresses } from './find-addresses';
import { findEmails } from './find-emails';
import { findNames } from './find-names';
import { findNumbers } from './find-numbers';
import { findSchools } from './find-schools';
import { findUrls } from './find-urls';
import { findUsernames } from './find-usernames';
import { isNamePlaceholder, placeholderFor } from './placeholders';
import { findPlaceholders, overlaps } from './text-boundaries';
import type { Candidate, PiiFinding, PiiType, ScrubOptions, ScrubResult } from './types';

// Only breaks ties between candidates with the same start and length ("snap: 91234567" is both
// a handle and a phone number); otherwise the leftmost, then longest, candidate wins.
const PRIORITY: Record<PiiType, number> = {
  'national-id': 0,
  email: 1,
  url: 2,
  phone: 3,
  username: 4,
  address: 5,
  school: 6,
  number: 7,
  name: 8,
};

/**
 * Leftmost-longest, like a regex alternation over all detectors: the candidate that starts first
 * wins, so a candidate that loses has already lost its beginning to the winner and cannot
 * reappear as a fresh match when the text is scrubbed again.
 */
function resolve(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort(
    (a, b) =>
      a.start - b.start ||
      b.end - b.start - (a.end - a.start) ||
      PRIORITY[a.type] - PRIORITY[b.type],
  );
  const accepted: Candidate[] = [];
  let reached = 0;
  for (const c of sorted) {
    if (c.start < reached) continue;
    accepted.push(c);
    reached = c.end;
  }
  return accepted;
}

/** Joins name words separated only by spaces into one finding: "Kari Nordmann" → `[navn]`. */
function joinNames(findings: readonly Candidate[], text: string): PiiFinding[] {
  const out: PiiFinding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (
      last &&
      last.type === 'name' &&
      f.type === 'name' &&
      f.joinable &&
      /^[ \t\u00a0]+$/u.test(text.slice(last.end, f.start))
    ) {
      last.end = f.end;
      continue;
    }
    out.push({ type: f.type, start: f.start, end: f.end });
  }
  return out;
}

function detect(text: string): PiiFinding[] {
  const placeholders = findPlaceholders(text);
  const candidates = [
    ...findEmails(text),
    ...findUrls(text),
    ...findNumbers(text),
    ...findUsernames(text),
    ...findAddresses(text),
    ...findSchools(text),
  ].filter((c) => c.end > c.start && !placeholders.some((p) => overlaps(p, c)));
  const accepted = resolve(candidates);

  // Names last, knowing what the other detectors claimed: a word inside an address is not a
  // name, and it must not count as one when deciding whether "Liv" beside it is a name.
  const namePlaceholders = placeholders.filter((p) =>
    isNamePlaceholder(text.slice(p.start, p.end)),
  );
  const names = findNames(text, [...accepted, ...placeholders], namePlaceholders);
  const all = [...accepted, ...names].sort((a, b) => a.start - b.start);
  return joinNames(all, text);
}

/** Upper bound on detection rounds; each round replaces original text, so it always ends. */
const MAX_ROUNDS = 25;

/**
 * Replaces personal data in text written by a young person with typed placeholders.
 *
 * Finds Norwegian national identity numbers (fødselsnummer, D- and H-numbers, mod-11 checked),
 * phone numbers (+47/0047, 8 digits in the usual groupings; emergency and help-line numbers are
 * kept), e-mail addresses, links, social media handles, street addresses and postcodes, school
 * names and personal names from shipped name lists; other long numbers become `[nummer]`.
 *
 * @remarks Detection runs again on the scrubbed text until nothing more is found (rarely more
 * than two rounds): when two candidates overlap, the loser's remainder ("[telefon]a@b.no") can
 * still hold personal data. Placeholders are never matched, so the result is idempotent:
 * scrubbing scrubbed text changes nothing. Detection is the same for every locale (people mix
 * languages); `locale` only picks the placeholder words. Findings are offsets into the input.
 * @throws ValidationError when `text` is not a string or `options.locale` is not nb, nn or en.
 */
export function scrubPersonalData(text: string, options: ScrubOptions = {}): ScrubResult {
  assertText(text);
  const locale = resolveLocale(options.locale, '/options/locale');
  // For every character of `current`: its offset in the input, or -1 inside a placeholder
  // written by an earlier round.
  let current = text;
  let origin = Array.from({ length: text.length }, (_, i) => i);
  const all: PiiFinding[] = [];

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const findings = detect(current);
    if (!findings.length) break;
    let next = '';
    let nextOrigin: number[] = [];
    let at = 0;
    for (const f of findings) {
      next += current.slice(at, f.start);
      // concat, not push(...): spreading a long text's offsets would overflow the call stack.
      nextOrigin = nextOrigin.concat(origin.slice(at, f.start));
      const placeholder = placeholderFor(f.type, locale);
      next += placeholder;
      nextOrigin = nextOrigin.concat(new Array<number>(placeholder.length).fill(-1));
      // Findings never overlap placeholders, so both ends map to input characters.
      all.push({ type: f.type, start: origin[f.start] ?? 0, end: (origin[f.end - 1] ?? 0) + 1 });
      at = f.end;
    }
    next += current.slice(at);
    nextOrigin = nextOrigin.concat(origin.slice(at));
    current = next;
    origin = nextOrigin;
  }
  return { text: current, findings: all.sort((a, b) => a.start - b.start) };
}

/**
 * Whether `text` contains anything {@link scrubPersonalData} would replace.
 * @remarks Used to keep search queries with personal data out of analytics altogether.
 */
export function containsPersonalData(text: string): boolean {
  assertText(text);
  return detect(text).length > 0;
}
