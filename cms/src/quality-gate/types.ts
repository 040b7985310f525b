import type { Audience, Locale, Profession, Source } from '@kilde/schemas';
import type { ParsedBody } from './parse-body';
import type { ReadabilityReport } from './readability';

/** How serious a finding is: only `error` blocks publishing. */
export type Severity = 'error' | 'warning' | 'info';

/** A source as the gate sees it: a URL or a full bibliographic reference makes it verifiable. */
export interface GateSource {
  title: string;
  url?: string | null;
  reference?: string | null;
  kind: Source['kind'];
}

/** An image attached to the item (not one written inline in the body). */
export interface GateImage {
  alt?: string | null;
  /** Optional: lets the gate warn when the alt text is just the file name. */
  url?: string | null;
}

/** Which source version a translation was made from. */
export interface GateTranslation {
  sourceLocale: Locale;
  /** The source variant's current version. */
  sourceVersion: number;
  /** The source variant's version this translation was made from. */
  translatedFromVersion: number;
}

/**
 * What the gate checks: the editable content of one language variant.
 *
 * @remarks Deliberately smaller than the canonical documents, so the CMS (before publishing),
 * the import API (before accepting) and the admin UI (while typing) can all fill it in.
 */
export interface GateInput {
  type: 'article' | 'question';
  locale: Locale;
  title: string;
  /** Plain text. Articles only; questions have none. */
  summary?: string | null;
  /** Markdown (CommonMark + GFM): the article body, or the professional's answer to a question. */
  body: string;
  sources?: readonly GateSource[] | null;
  professionallyResponsible?: { name: string; profession: Profession } | null;
  images?: readonly GateImage[] | null;
  audience?: readonly Audience[] | null;
  /** Set on variants translated from another locale; `null`/absent for source variants. */
  translation?: GateTranslation | null;
}

/**
 * Tells whether an internal link target is published.
 *
 * Receives the href exactly as written in the body. Return `true` (published), `false` (not
 * published or does not exist: blocks publishing) or `undefined` (cannot tell: reported as info).
 * {@link parseInternalHref} splits the accepted forms into their parts.
 */
export type PublishedLinkResolver = (href: string) => boolean | undefined;

/** What the caller may tune; everything has a default. */
export interface GateOptions {
  /** LIX above this gives a warning. Default: 40 when any youth band (or no audience) is set, else 50. */
  lixTarget?: number;
  /** Without it, internal links are not checked (one info says so). */
  isPublishedLink?: PublishedLinkResolver;
  /** A sentence with more words than this is long. Default 25. */
  longSentenceWords?: number;
  /** A word with at least this many letters is long. Default 7 (LIX: "more than 6 letters"). */
  longWordChars?: number;
  /** Rules to run instead of {@link defaultRules}, e.g. `[...defaultRules, myRule]`. */
  rules?: readonly QualityRule[];
}

/** Options after defaults are applied. */
export interface ResolvedGateOptions {
  lixTarget: number;
  isPublishedLink: PublishedLinkResolver | undefined;
  longSentenceWords: number;
  longWordChars: number;
}

/** One finding, as a rule returns it; the gate adds the rule id. */
export interface Finding {
  severity: Severity;
  /** English. */
  message: string;
  /** Norwegian bokmål. */
  messageNb: string;
  /** 1-based line in the Markdown body, when the finding is about a place in it. */
  line?: number;
}

/** One finding in the gate's result. */
export interface GateCheck extends Finding {
  rule: string;
}

/** Stable keys of the LIX bands, for UIs that show their own labels. */
export type ReadabilityLevelKey = 'very-easy' | 'easy' | 'medium' | 'difficult' | 'very-difficult';

/** Readability figures for the body. */
export interface Readability {
  /** words / sentences + 100 × longWords / words; 0 for a body without words. */
  lix: number;
  words: number;
  sentences: number;
  longWords: number;
  longSentences: number;
  /** Share (0–1) of sentences with more than `longSentenceWords` words. */
  longSentenceShare: number;
  /** Share (0–1) of words with at least `longWordChars` letters. */
  longWordShare: number;
  /** Label of the LIX band in the input's locale, e.g. "lettlest" or "easy". */
  level: string;
  levelKey: ReadabilityLevelKey;
}

/** The gate's verdict. */
export interface GateResult {
  /** True when no check has severity `error`. */
  passed: boolean;
  checks: GateCheck[];
  readability: Readability;
}

/** Everything a rule may look at; built once per gate run. */
export interface RuleContext {
  readonly input: GateInput;
  readonly options: ResolvedGateOptions;
  readonly body: ParsedBody;
  readonly readability: ReadabilityReport;
}

/**
 * A quality rule: one file in `rules/`.
 *
 * @remarks `id` is the stable name in results (UIs and importers key on it); a rule may return
 * findings of different severities but never of another rule's id.
 */
export interface QualityRule {
  readonly id: string;
  run(ctx: RuleContext): Finding[];
}
