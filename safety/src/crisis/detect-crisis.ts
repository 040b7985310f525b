import type { SafetyLocale } from '../locale';
import { assertText, resolveLocale } from '../locale';
import { matchPatterns } from './match-patterns';
import type { PatternMatch } from './match-patterns';
import { foldWord, tokenize } from './normalize';
import type { CrisisToken } from './normalize';
import { CRISIS_CATEGORIES } from './types';
import type { CrisisCategory, CrisisResult, CrisisSeverity, Person } from './types';

const fold = (words: string): Set<string> => new Set(words.split('|').map(foldWord));

const FIRST = fold('jeg|eg|jg|je|im|ive|meg|me|mej|mg|myself|mig');
// After English "I" — Norwegian "i" is the preposition "in".
const AFTER_ENGLISH_I = fold(
  'am|want|wanna|will|wish|feel|have|had|keep|think|just|really|need|cant|dont|can|do|was|might|should|would|tried|try|hate|get|got|cut|hurt|started|still|never|always|m|been|wont|didnt|honestly|literally|genuinely|seriously',
);
const THIRD = fold(
  'han|hun|ho|hen|he|she|they|them|him|dem|seg|sin|sitt|sine|himself|herself|themselves|someone|somebody|venn|vennen|venner|vennene|venninne|venninna|venninnen|venninner|kompis|kompisen|kompiser|bestevenn|bestevennen|bestevenninne|bestevenninna|klassekamerat|klassekameraten|søster|søstera|søsteren|storesøster|lillesøster|bror|broren|storebror|lillebror|kusine|kusina|fetter|fetteren|cousin|friend|friends|sister|brother|kjæreste|kjæresten|boyfriend|girlfriend|gutten|jenta|elev|elever|eleven|folk|people|andre|others|mange|ungdom|ungdommer|kollega|eleven',
);
// Framing that makes a mention a question about a topic rather than a disclosure.
const INFORMATIONAL = fold(
  'hva|kva|what|whats|hvorfor|kvifor|why|hvordan|korleis|how|hvor|kor|handler|handlar|bok|samfunnsfag|naturfag|krle|helsefag|læreren|lærer|teacher|klassen|skoletimen|oppgave|oppgaven|prosjekt|prosjektet|foredrag|project|essay|research|forskning|dokumentar|dokumentaren|documentary|artikkel|artikkelen|article|nyhetene|nyheter|news|tema|temaet|undervisning|pensum|statistikk|statistics|forebygging|prevention|awareness|fakta|facts|serie|serien|boka|boken|book|novelle|filmen|film|dikt|sangen|song',
);
const HOME = fold(
  'hjemme|heime|hjem|heim|home|pappa|mamma|faren|moren|mora|stefar|stefaren|stemor|foreldre|foreldrene|foreldra|dad|mom|mum|father|mother|stepdad|parents',
);
// Generic subjects: "kan man overdose på vitaminer?" asks about a topic.
const GENERIC = fold('man|one|anyone|noen|nokon|you|du');
const WINDOW_BACK = 8;
const WINDOW_FORWARD = 3;

function isFirst(t: CrisisToken, next: CrisisToken | undefined, locale: SafetyLocale): boolean {
  if (t.folded === 'i') {
    return locale === 'en' || (next !== undefined && AFTER_ENGLISH_I.has(next.folded));
  }
  return FIRST.has(t.folded);
}

const isInformational = (t: CrisisToken | undefined): boolean =>
  t !== undefined && (INFORMATIONAL.has(t.folded) || t.folded.endsWith('timen'));

type Role = 'self' | 'other' | 'topic';

/**
 * Who a neutral phrase is about, from the nearest person word in the sentence: inside the match,
 * then up to 8 words back, then 3 words ahead. No person at all counts as the writer (the usual
 * way to write about oneself: "vil bare dø"). Framing such as "hva er" or "oppgave om" between
 * the person and the phrase, or anywhere when there is no person, makes it a topic.
 */
function roleOf(m: PatternMatch, tokens: readonly CrisisToken[], locale: SafetyLocale): Role {
  const person: Person = m.pattern.person;
  if (m.pattern.method || person === 'first') return 'self';
  if (person === 'third') return 'other';
  const sentence = tokens[m.start]?.sentence;
  const same = (i: number): boolean => tokens[i]?.sentence === sentence;

  for (let i = m.start; i < m.end; i += 1) {
    const t = tokens[i];
    if (t && isFirst(t, tokens[i + 1], locale)) return 'self';
    if (t && THIRD.has(t.folded)) return 'other';
  }
  // The object right after a verb is who it happened to: "han voldtok meg".
  const object = tokens[m.end];
  if (object && same(m.end) && FIRST.has(object.folded)) return 'self';
  for (let i = m.start - 1; i >= Math.max(0, m.start - WINDOW_BACK) && same(i); i -= 1) {
    const t = tokens[i];
    if (!t) break;
    if (m.pattern.genericIsTopic && GENERIC.has(t.folded)) return 'topic';
    if (isFirst(t, tokens[i + 1], locale)) {
      for (let k = i + 1; k < m.start; k += 1) if (isInformational(tokens[k])) return 'topic';
      return 'self';
    }
    if (THIRD.has(t.folded)) return 'other';
  }
  for (let i = m.end; i < Math.min(tokens.length, m.end + WINDOW_FORWARD) && same(i); i += 1) {
    const t = tokens[i];
    if (t && m.pattern.genericIsTopic && GENERIC.has(t.folded)) return 'topic';
    if (t && isFirst(t, tokens[i + 1], locale)) return 'self';
    if (t && THIRD.has(t.folded)) return 'other';
  }
  for (let i = 0; i < tokens.length; i += 1) {
    if (same(i) && isInformational(tokens[i])) return 'topic';
  }
  return 'self';
}

const RANK: Record<CrisisSeverity, number> = { none: 0, concern: 1, acute: 2 };
const max = (a: CrisisSeverity, b: CrisisSeverity): CrisisSeverity => (RANK[b] > RANK[a] ? b : a);

/**
 * Looks for signs that a young person is in crisis: suicidal thoughts, self-harm, abuse or
 * violence at home, sexual abuse, acute danger, or an eating disorder at a dangerous stage.
 *
 * Text is folded (lowercase, æ/ø/å ⇄ ae/o/aa, repeated letters collapsed), split into words, and
 * matched against phrase patterns with small gaps between words and typo tolerance for long
 * words, so "sjelvmord", "vil ikk leve" and "orker ik mer" are caught.
 *
 * @remarks Biased toward recall: a missed crisis is the failure that matters. Decisions:
 * - A phrase with no clear subject is taken to be about the writer (`crisis: true`).
 * - About someone else ("en venn som har selvmordstanker") or a topic ("hva er selvskading",
 *   "oppgave om selvmord"): `crisis: false`, `severity: 'concern'` — unless something says it is
 *   happening now ("i kveld", "avskjedsbrev", "har en plan"), which makes it acute and a crisis
 *   for the writer too, who must act.
 * - Weaker first-person signals ("orker ikke mer", "vil bare forsvinne") are `crisis: true` with
 *   `severity: 'concern'`.
 * - Method searches ("hvordan ta livet av seg", "dødelig dose") are always first person.
 * Detection runs every language on every text, since young people mix them; `locale` only
 * decides whether a lone "i" may be English "I".
 * @throws ValidationError when `text` is not a string or `locale` is not nb, nn or en.
 */
export function detectCrisis(text: string, locale?: SafetyLocale): CrisisResult {
  assertText(text);
  const lang = resolveLocale(locale);
  const tokens = tokenize(text);
  const found = matchPatterns(tokens);

  const signals = found.filter((m) => !m.pattern.imminence);
  const imminent = found.filter((m) => m.pattern.imminence);

  let crisis = false;
  let severity: CrisisSeverity = 'none';
  const categories = new Set<CrisisCategory>();
  const reported: PatternMatch[] = [];

  for (const m of signals) {
    const role = roleOf(m, tokens, lang);
    for (const c of m.pattern.categories) categories.add(c);
    if (m.pattern.abuseIfHome) {
      const sentence = tokens[m.start]?.sentence;
      if (tokens.some((t) => t.sentence === sentence && HOME.has(t.folded)))
        categories.add('abuse');
    }
    if (role === 'self') {
      crisis = true;
      severity = max(severity, m.pattern.severity);
    } else {
      severity = max(severity, 'concern');
    }
    reported.push(m);
  }

  // "i kveld", "avskjedsbrev", "har en plan": a real signal (not a topic) becomes acute, and
  // the writer needs help now even when it is about a friend.
  const urgent = signals.some((m) => roleOf(m, tokens, lang) !== 'topic');
  if (imminent.length && urgent) {
    crisis = true;
    severity = 'acute';
    categories.add('acute-danger');
    reported.push(...imminent);
  }

  return {
    crisis,
    categories: CRISIS_CATEGORIES.filter((c) => categories.has(c)),
    matches: phrases(reported, tokens, text),
    severity,
  };
}

/** The matched phrases as written, in text order, without ones inside a longer match. */
function phrases(
  matches: readonly PatternMatch[],
  tokens: readonly CrisisToken[],
  text: string,
): string[] {
  const spans = matches
    .map((m) => ({ start: tokens[m.start]?.start ?? 0, end: tokens[m.end - 1]?.end ?? 0 }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: string[] = [];
  let reached = -1;
  for (const s of spans) {
    if (s.end <= reached) continue;
    const phrase = text.slice(s.start, s.end);
    if (!out.includes(phrase)) out.push(phrase);
    reached = Math.max(reached, s.end);
  }
  return out;
}
