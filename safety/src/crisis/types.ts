import type { SafetyLocale } from '../locale';

/** What a crisis signal is about. */
export type CrisisCategory =
  | 'suicide'
  | 'self-harm'
  | 'abuse'
  | 'violence'
  | 'sexual-abuse'
  | 'acute-danger'
  | 'eating-disorder-acute';

/** Every category, in the order results list them. */
export const CRISIS_CATEGORIES: readonly CrisisCategory[] = [
  'suicide',
  'self-harm',
  'abuse',
  'violence',
  'sexual-abuse',
  'acute-danger',
  'eating-disorder-acute',
];

/**
 * How urgent the strongest signal is: `acute` — the writer (or, with signs it is happening now,
 * someone they write about) may be in danger and needs help now; `concern` — a weaker
 * first-person signal ("orker ikke mer"), or a signal about someone else or a topic.
 */
export type CrisisSeverity = 'none' | 'concern' | 'acute';

/** Result of {@link detectCrisis}. */
export interface CrisisResult {
  /**
   * Whether the writer may be in crisis: true for any first-person signal (or one whose subject
   * is unclear), and for a signal about someone else when it is happening now. Questions about a
   * friend or a topic are `crisis: false` with `severity: 'concern'`.
   */
  crisis: boolean;
  categories: CrisisCategory[];
  /** The phrases that matched, as written in the input. */
  matches: string[];
  severity: CrisisSeverity;
}

/** Who a matched phrase is about. */
export type Person = 'first' | 'third' | 'neutral';

/** One labelled example for {@link evaluateCrisisDetector}. */
export interface CrisisCase {
  text: string;
  locale?: SafetyLocale;
  /** Whether `detectCrisis(text).crisis` should be true. */
  crisis: boolean;
}

/** A help number with a label in the requested language. */
export interface CrisisHelpLine {
  id: 'mental-helse' | 'alarmtelefonen' | 'medical-emergency' | 'police';
  /** As it is usually written ("116 123"). */
  number: string;
  /** For links: `tel:116123`. */
  tel: string;
  name: string;
  description: string;
  /** Emergency numbers (113, 112) are for danger now; the others are for talking to someone. */
  emergency: boolean;
}
