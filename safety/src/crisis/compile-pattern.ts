import { editDistance } from './edit-distance';
import { foldWord } from './normalize';
import type { CrisisToken } from './normalize';
import type { CrisisCategory, Person } from './types';

/** One alternative within a slot. */
export type Alternative =
  | { kind: 'word'; value: string; tolerance: number; prefix: boolean; joinable: boolean }
  | { kind: 'number'; min: number };

/** A position in a pattern: any of its alternatives matches one word (or two written apart). */
export type Slot = readonly Alternative[];

/** Context a pattern's `reject` hook sees. */
export interface MatchContext {
  tokens: readonly CrisisToken[];
  start: number;
  end: number;
}

/** A crisis phrase as written in `patterns.ts`. */
export interface PatternSpec {
  id: string;
  /**
   * Slots separated by spaces; alternatives within a slot by `|`. `word*` matches words starting
   * with `word`; `#8` matches a number of at least 8; `=word` switches off typo tolerance;
   * `@name` expands a word set from `word-sets.ts`.
   */
  pattern: string;
  categories: readonly CrisisCategory[];
  severity: 'acute' | 'concern';
  person: Person;
  /** How many other words may stand between two slots (default 1). */
  gap?: number;
  /** A generic subject ("kan man overdose") makes it a question about a topic. */
  genericIsTopic?: boolean;
  /** Keeps matching across a negation between slots ("besvimer fordi jeg ikke spiser"). */
  negationInGap?: boolean;
  /** Suppressed by a negation right before it ("har ikke selvmordstanker"). */
  negatable?: boolean;
  /** Suppressed when one of these words follows within `window` words. */
  notAfter?: string;
  /** Suppressed when one of these words precedes within `window` words (stops at "jeg"). */
  notBefore?: string;
  /** Suppressed when a matched word contains one of these folded stems (compounds). */
  notContaining?: readonly string[];
  /** How far `notAfter` and `notBefore` look, in words (default 2). */
  window?: number;
  /** Becomes `abuse` as well when the sentence mentions home or family. */
  abuseIfHome?: boolean;
  /** Only upgrades other signals to acute ("i kveld", "har en plan"); never a signal alone. */
  imminence?: boolean;
  /** Ignores informational framing ("hvordan ta livet av seg" is a method search, not a topic). */
  method?: boolean;
  /** Pattern-specific veto for what the word lists cannot express ("slår av lyset"). */
  reject?: (ctx: MatchContext) => boolean;
}

/** A pattern ready for matching. */
export interface CompiledPattern extends Omit<PatternSpec, 'notAfter' | 'notBefore'> {
  slots: readonly Slot[];
  gap: number;
  window: number;
  notAfter: Slot;
  notBefore: Slot;
}

/** Typo tolerance by length: none below 7 letters, where one edit turns a word into another. */
function toleranceFor(word: string): number {
  if (word.length >= 12) return 2;
  return word.length >= 7 ? 1 : 0;
}

/** Parses one slot ("vil|ville|lyst*"), expanding `@set` references. */
export function compileSlot(spec: string, sets: Readonly<Record<string, string>>): Slot {
  const out: Alternative[] = [];
  for (const part of spec.split('|')) {
    if (!part) continue;
    if (part.startsWith('@')) {
      const set = sets[part.slice(1)];
      if (set === undefined) throw new Error(`Unknown word set ${part}`);
      out.push(...compileSlot(set, sets));
      continue;
    }
    if (/^#\d+$/u.test(part)) {
      out.push({ kind: 'number', min: Number(part.slice(1)) });
      continue;
    }
    const exact = part.startsWith('=');
    const prefix = part.endsWith('*');
    const value = foldWord(part.replace(/^=|\*$/gu, ''));
    out.push({
      kind: 'word',
      value,
      prefix,
      tolerance: exact ? 0 : toleranceFor(value),
      // Long words are often split by mistake ("selv mord", "selvmords tanker").
      joinable: value.length >= 6,
    });
  }
  return out;
}

/** Compiles a pattern spec against the shared word sets. */
export function compilePattern(
  spec: PatternSpec,
  sets: Readonly<Record<string, string>>,
): CompiledPattern {
  return {
    ...spec,
    slots: spec.pattern
      .trim()
      .split(/\s+/u)
      .map((s) => compileSlot(s, sets)),
    gap: spec.gap ?? 1,
    window: spec.window ?? 2,
    notAfter: spec.notAfter ? compileSlot(spec.notAfter, sets) : [],
    notBefore: spec.notBefore ? compileSlot(spec.notBefore, sets) : [],
  };
}

function wordMatches(alt: Extract<Alternative, { kind: 'word' }>, word: string): boolean {
  if (alt.prefix) {
    if (word.startsWith(alt.value)) return true;
    if (alt.tolerance === 0) return false;
    // Typo inside the stem of a compound: compare the stem against prefixes of similar length.
    for (let k = alt.value.length - alt.tolerance; k <= alt.value.length + alt.tolerance; k += 1) {
      if (
        k > 0 &&
        k <= word.length &&
        editDistance(word.slice(0, k), alt.value, alt.tolerance) <= alt.tolerance
      ) {
        return true;
      }
    }
    return false;
  }
  if (word === alt.value) return true;
  return alt.tolerance > 0 && editDistance(word, alt.value, alt.tolerance) <= alt.tolerance;
}

/**
 * How many words of `tokens` from `pos` the slot matches: 1, 2 (a long word written in two
 * parts), or 0.
 */
export function matchSlot(slot: Slot, tokens: readonly CrisisToken[], pos: number): number {
  const tok = tokens[pos];
  if (!tok) return 0;
  const next = tokens[pos + 1];
  for (const alt of slot) {
    if (alt.kind === 'number') {
      if (/^\d+$/u.test(tok.folded) && Number(tok.folded) >= alt.min) return 1;
      continue;
    }
    if (wordMatches(alt, tok.folded)) return 1;
    // Joined words must match exactly: with typo tolerance, "vondt at" would become "voldtatt".
    if (
      alt.joinable &&
      next &&
      next.sentence === tok.sentence &&
      wordMatches({ ...alt, tolerance: 0 }, tok.folded + next.folded)
    ) {
      return 2;
    }
  }
  return 0;
}

/** Whether a word matches any alternative of the slot (no joining). */
export function wordInSlot(slot: Slot, token: CrisisToken | undefined): boolean {
  return token !== undefined && matchSlot(slot, [token], 0) === 1;
}
