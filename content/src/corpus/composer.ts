import type { Locale } from '@kilde/schemas';
import type { Tri } from './catalog';
import {
  compounds,
  durations,
  feelings,
  firstPerson,
  genders,
  groups,
  helpers,
  places,
  services,
  times,
  topicLexicon,
  type TopicLexicon,
} from './lexicon';
import type { Random } from './prng';

/** Position of a locale in a `Tri`. */
export type LocaleIndex = 0 | 1 | 2;
export const localeCodes: readonly Locale[] = ['nb', 'nn', 'en'];

const wordChar = /[\p{L}\p{N}]/u;

/** Words in a text: whitespace-separated tokens with a letter or digit (so `##`, `-`, `–` do not count). */
export function countWords(text: string): number {
  // A char-code scan: this runs for every sentence in every locale, and split + regex was the
  // generator's hottest spot. Only non-ASCII characters fall back to the Unicode regex.
  let words = 0;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0) {
      counted = false;
      continue;
    }
    if (counted) continue;
    const lower = c | 32;
    if (
      (c >= 48 && c <= 57) ||
      (lower >= 97 && lower <= 122) ||
      (c >= 128 && wordChar.test(text.charAt(i)))
    ) {
      words++;
      counted = true;
    }
  }
  return words;
}

interface SlotPart {
  /** Index into the template's `slots`. */
  slot: number;
  capitalise: boolean;
}
type Part = string | SlotPart;

/** Where a slot draws its values from; index into `PreparedLexicon.lists`. */
const sources = [
  'term',
  'problem',
  'problemMe',
  'advice',
  'helper',
  'helperMe',
  'service',
  'feeling',
  'group',
  'time',
  'duration',
  'gender',
  'compound',
  'place',
] as const;
export type SourceName = (typeof sources)[number];
/** Zipf exponent per source: topic terms are the most skewed, like key words in real text. */
const exponents: Readonly<Record<SourceName, number>> = {
  term: 1.1,
  problem: 0.7,
  problemMe: 0.7,
  advice: 0.6,
  helper: 1,
  helperMe: 1,
  service: 1,
  feeling: 0.9,
  group: 1,
  time: 0.8,
  duration: 0.6,
  gender: 0.3,
  compound: 0.9,
  place: 1,
};

interface SlotSpec {
  key: string;
  /** Index into `sources`, or -1 for `{age}`. */
  source: number;
  exponent: number;
  /** Index of the slot this one must differ from (`term2` vs `term`), or -1. */
  differsFrom: number;
}

/** A parallel template split into literal text and slots, once, at module load. */
export interface Template {
  readonly parts: readonly [readonly Part[], readonly Part[], readonly Part[]];
  readonly slots: readonly SlotSpec[];
  /** Words per locale with every slot counted as one word; fills add `words - 1` each. */
  readonly baseWords: readonly [number, number, number];
}

/** A lexicon phrase with its word count per locale, counted once. */
export interface Entry {
  readonly text: Tri;
  readonly words: readonly [number, number, number];
}

const startsAndEndsWithWord = /^[\p{L}\p{N}](?:.*[\p{L}\p{N}])?$/u;

/**
 * Wraps a phrase for use as a slot value.
 * @remarks Word counts of rendered sentences are computed arithmetically from these, which only
 * holds when a value starts and ends with a letter or digit; anything else is a table bug.
 */
export function entry(text: Tri): Entry {
  for (const t of text)
    if (!startsAndEndsWithWord.test(t))
      throw new Error(`slot value must start and end with a word character: "${t}"`);
  return { text, words: [countWords(text[0]), countWords(text[1]), countWords(text[2])] };
}

function parse(text: string, slotKeys: string[]): Part[] {
  const parts: Part[] = [];
  const pattern = /\{([A-Za-z]+\d?)\}/g;
  let last = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    const name = m[1] ?? '';
    const key = name.charAt(0).toLowerCase() + name.slice(1);
    let slot = slotKeys.indexOf(key);
    if (slot < 0) slot = slotKeys.push(key) - 1;
    parts.push({ slot, capitalise: /^[A-Z]/.test(name) });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

function slotSpec(key: string, keys: readonly string[]): SlotSpec {
  if (key === 'age') return { key, source: -1, exponent: 1, differsFrom: -1 };
  const base = key.endsWith('2') ? key.slice(0, -1) : key;
  const source = sources.indexOf(base as SourceName);
  if (source < 0) throw new Error(`unknown template slot {${key}}`);
  return {
    key,
    source,
    exponent: exponents[base as SourceName],
    differsFrom: base === key ? -1 : keys.indexOf(base),
  };
}

/**
 * Compiles a parallel template.
 * @throws Error when the locales use different slots or a slot is unknown: that is a bug in the
 * template tables, and the tests import every table.
 */
export function compile(tri: Tri): Template {
  // Keys are numbered in nb order, so draws never depend on the locale being written.
  const keys: string[] = [];
  const parts = [parse(tri[0], keys), parse(tri[1], keys), parse(tri[2], keys)] as const;
  for (const localeParts of parts) {
    const used = new Set(
      localeParts.filter((p): p is SlotPart => typeof p !== 'string').map((p) => p.slot),
    );
    if (used.size !== keys.length)
      throw new Error(`template slots differ between locales: ${tri.join(' | ')}`);
  }
  const asWords = (localeParts: readonly Part[]): number =>
    countWords(localeParts.map((p) => (typeof p === 'string' ? p : 'x')).join(''));
  return {
    parts,
    slots: keys.map((k) => slotSpec(k, keys)),
    baseWords: [asWords(parts[0]), asWords(parts[1]), asWords(parts[2])],
  };
}

export const compileAll = (list: readonly Tri[]): readonly Template[] => list.map(compile);

/** What a text is about: the vocabulary its slots draw from, and the asker's age. */
export interface SlotContext {
  lexicon: PreparedLexicon;
  age: number;
}

/** Every slot source for one topic, as counted entries, computed once at module load. */
export interface PreparedLexicon {
  readonly lists: readonly (readonly Entry[])[];
  list(name: SourceName): readonly Entry[];
}

const toFirstPerson = (list: readonly Tri[]): Tri[] =>
  list.map((t) => [firstPerson(t[0], 0), firstPerson(t[1], 1), firstPerson(t[2], 2)] as const);

const shared = {
  helper: helpers.map(entry),
  helperMe: toFirstPerson(helpers).map(entry),
  service: services.map(entry),
  feeling: feelings.map(entry),
  group: groups.map(entry),
  time: times.map(entry),
  duration: durations.map(entry),
  gender: genders.map(entry),
  compound: compounds.map(entry),
  place: places.map(entry),
};

function prepare(lex: TopicLexicon): PreparedLexicon {
  const byName: Record<SourceName, readonly Entry[]> = {
    ...shared,
    term: lex.terms.map(entry),
    problem: lex.problems.map(entry),
    problemMe: toFirstPerson(lex.problems).map(entry),
    advice: lex.advice.map(entry),
  };
  return { lists: sources.map((name) => byName[name]), list: (name) => byName[name] };
}

const preparedLexicons = new Map<string, PreparedLexicon>(
  Object.entries(topicLexicon).map(([key, lex]) => [key, prepare(lex)]),
);

export function lexiconFor(topicKey: string): PreparedLexicon {
  const lexicon = preparedLexicons.get(topicKey);
  if (!lexicon) throw new Error(`no lexicon for topic ${topicKey}`);
  return lexicon;
}

/** Slot values, by slot index of the template. */
export type Fills = readonly Entry[];

/**
 * Draws a value for every slot of a template. `x2` differs from `x`: from `{x}` in the same
 * template, else from the last `x` drawn with the same `memory` (e.g. earlier in the question).
 */
export function draw(
  template: Template,
  ctx: SlotContext,
  rng: Random,
  memory: number[] = [],
): Fills {
  const fills: Entry[] = [];
  const drawn: number[] = [];
  for (const spec of template.slots) {
    if (spec.source < 0) {
      const age = String(ctx.age);
      fills.push({ text: [age, age, age], words: [1, 1, 1] });
      drawn.push(-1);
      continue;
    }
    const list = ctx.lexicon.lists[spec.source] ?? [];
    let index = rng.zipf(list.length, spec.exponent);
    const second = spec.key.endsWith('2');
    const avoid = !second
      ? undefined
      : spec.differsFrom >= 0
        ? drawn[spec.differsFrom]
        : memory[spec.source];
    if (index === avoid && list.length > 1) {
      index = (index + 1 + rng.int(0, list.length - 2)) % list.length;
    }
    if (!second) memory[spec.source] = index;
    drawn.push(index);
    fills.push(list[index] as Entry);
  }
  return fills;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Renders a template in one locale. */
export function render(template: Template, fills: Fills, locale: LocaleIndex): string {
  let out = '';
  for (const part of template.parts[locale]) {
    if (typeof part === 'string') out += part;
    else {
      const value = fills[part.slot]?.text[locale] ?? '';
      out += part.capitalise ? capitalise(value) : value;
    }
  }
  return out;
}

/** Words of a rendered template, from the precomputed counts (no scanning). */
function wordsOf(template: Template, fills: Fills, locale: LocaleIndex): number {
  let words = template.baseWords[locale];
  for (const part of template.parts[locale])
    if (typeof part !== 'string') words += (fills[part.slot]?.words[locale] ?? 1) - 1;
  return words;
}

/** One piece of text in each locale of a writer, with its word counts. */
export interface Rendered {
  texts: string[];
  words: number[];
}

/**
 * Writes the same text in several locales at once: every draw is made once and rendered in each
 * locale, so translation variants are real translations of each other.
 */
export class ParallelWriter {
  /** Sentences and templates already used, so a document does not repeat itself. */
  private readonly seen = new Set<string>();
  private readonly used = new Set<Template>();
  /** Last value index drawn per slot source, for `x2` slots. */
  private readonly memory: number[] = [];

  constructor(
    readonly locales: readonly LocaleIndex[],
    readonly ctx: SlotContext,
    readonly rng: Random,
  ) {}

  /** Renders `template` in every locale; draws the slot values unless `fills` are given. */
  write(
    template: Template,
    fills: Fills = draw(template, this.ctx, this.rng, this.memory),
  ): Rendered {
    return {
      texts: this.locales.map((l) => render(template, fills, l)),
      words: this.locales.map((l) => wordsOf(template, fills, l)),
    };
  }

  /**
   * Draws a template from `list` (Zipf-weighted) and renders it, preferring a template the
   * document has not used yet, then a sentence it has not written yet.
   */
  pick(list: readonly Template[], exponent = 0.5): Rendered {
    let rendered: Rendered | undefined;
    for (let attempt = 0; attempt < 8; attempt++) {
      const template = list[this.rng.zipf(list.length, exponent)] as Template;
      if (attempt < 5 && this.used.has(template)) continue;
      rendered = this.write(template);
      this.used.add(template);
      if (!this.seen.has(rendered.texts[0] ?? '')) break;
    }
    rendered ??= this.write(list[this.rng.zipf(list.length, exponent)] as Template);
    this.seen.add(rendered.texts[0] ?? '');
    return rendered;
  }
}
