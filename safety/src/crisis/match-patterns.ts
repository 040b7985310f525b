import { compilePattern, matchSlot, wordInSlot } from './compile-pattern';
import type { CompiledPattern, Slot } from './compile-pattern';
import { foldWord } from './normalize';
import type { CrisisToken } from './normalize';
import { PATTERNS } from './patterns';
import { WORD_SETS } from './word-sets';

/** A pattern found in the text, as token indices `[start, end)`. */
export interface PatternMatch {
  pattern: CompiledPattern;
  start: number;
  end: number;
}

const COMPILED: readonly CompiledPattern[] = PATTERNS.map((p) => compilePattern(p, WORD_SETS));

// A negation between the words of a phrase reverses it: "vil ikke dø", "don't want to die".
const NEGATION = compilePattern(
  { id: 'negation', pattern: '@neg', categories: [], severity: 'concern', person: 'neutral' },
  WORD_SETS,
).slots[0] as Slot;
// "har aldri hatt selvmordstanker", "have never had": the negation two words before.
const AUXILIARIES = new Set(
  [
    'hatt',
    'had',
    'har',
    'have',
    'has',
    'vert',
    'vart',
    'vore',
    'been',
    'ever',
    'noen',
    'gang',
    'gong',
    'wanted',
  ].map(foldWord),
);

/** Depth-first search for the pattern's slots from `pos`; returns the end index or -1. */
function matchFrom(
  p: CompiledPattern,
  tokens: readonly CrisisToken[],
  slot: number,
  pos: number,
): number {
  const s = p.slots[slot];
  if (!s) return pos;
  const used = matchSlot(s, tokens, pos);
  if (!used) return -1;
  const end = pos + used;
  const next = slot + 1;
  if (next >= p.slots.length) return end;
  const sentence = tokens[pos]?.sentence;
  for (let gap = 0; gap <= p.gap; gap += 1) {
    const at = end + gap;
    const tok = tokens[at];
    if (!tok || tok.sentence !== sentence) break;
    if (gap > 0 && !p.negationInGap && wordInSlot(NEGATION, tokens[at - 1])) break;
    const result = matchFrom(p, tokens, next, at);
    if (result >= 0) return result;
  }
  return -1;
}

function anyWithin(
  slot: Slot,
  tokens: readonly CrisisToken[],
  from: number,
  to: number,
  sentence: number,
): boolean {
  for (let i = Math.max(0, from); i < Math.min(tokens.length, to); i += 1) {
    const t = tokens[i];
    if (t && t.sentence === sentence && wordInSlot(slot, t)) return true;
  }
  return false;
}

const FIRST_PERSON = new Set(
  ['jeg', 'eg', 'jg', 'je', 'i', 'im', 'ive', 'meg', 'me', 'mej', 'mg', 'myself'].map(foldWord),
);

function rejected(
  p: CompiledPattern,
  tokens: readonly CrisisToken[],
  start: number,
  end: number,
): boolean {
  const first = tokens[start];
  if (!first) return true;
  const sentence = first.sentence;

  if (p.notContaining?.length) {
    for (let i = start; i < end; i += 1) {
      const folded = tokens[i]?.folded ?? '';
      if (p.notContaining.some((stem) => folded.includes(stem))) return true;
    }
  }
  if (p.notAfter.length && anyWithin(p.notAfter, tokens, end, end + p.window, sentence))
    return true;
  if (p.notBefore.length) {
    // Scan back, but a first-person subject in between means the phrase is the writer's own.
    for (let i = start - 1; i >= Math.max(0, start - p.window); i -= 1) {
      const t = tokens[i];
      if (!t || t.sentence !== sentence || FIRST_PERSON.has(t.folded)) break;
      if (wordInSlot(p.notBefore, t)) return true;
    }
  }
  if (p.negatable) {
    const before = tokens[start - 1];
    const twoBefore = tokens[start - 2];
    if (before && before.sentence === sentence && !first.afterComma) {
      if (wordInSlot(NEGATION, before)) return true;
      if (
        AUXILIARIES.has(before.folded) &&
        twoBefore?.sentence === sentence &&
        wordInSlot(NEGATION, twoBefore)
      ) {
        return true;
      }
    }
  }
  return p.reject?.({ tokens, start, end }) === true;
}

/** Every non-overlapping-per-pattern match of every crisis pattern in `tokens`. */
export function matchPatterns(tokens: readonly CrisisToken[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  for (const p of COMPILED) {
    let i = 0;
    while (i < tokens.length) {
      const end = matchFrom(p, tokens, 0, i);
      if (end > i && !rejected(p, tokens, i, end)) {
        out.push({ pattern: p, start: i, end });
        i = end;
      } else {
        i += 1;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
