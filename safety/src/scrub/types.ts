import type { SafetyLocale } from '../locale';

/**
 * Kinds of personal data the scrubber recognises.
 * @remarks `number` is the catch-all for long digit runs (9+ digits, or an 11-digit number that
 * fails the national-id check): account, card and case numbers, or a mistyped fødselsnummer.
 */
export type PiiType =
  | 'national-id'
  | 'phone'
  | 'email'
  | 'url'
  | 'username'
  | 'address'
  | 'name'
  | 'school'
  | 'number';

/** One stretch of personal data, as offsets into the text that was passed in. */
export interface PiiFinding {
  type: PiiType;
  /** Index of the first character (UTF-16 code units, like `String.prototype.slice`). */
  start: number;
  /** Index one past the last character. */
  end: number;
}

/** Options for {@link scrubPersonalData}. */
export interface ScrubOptions {
  /** Language of the placeholders written into the text; detection itself is language-neutral. */
  locale?: SafetyLocale;
}

/** The scrubbed text and what was removed from it. */
export interface ScrubResult {
  text: string;
  /** Findings in text order; offsets refer to the original input, not to `text`. */
  findings: PiiFinding[];
}

/** A detector's proposal before overlaps are resolved. */
export interface Candidate extends PiiFinding {
  /**
   * Name candidates are single words that are joined afterwards, so that a word claimed by an
   * address or school never drags the rest of the name down with it.
   */
  joinable?: boolean;
}
