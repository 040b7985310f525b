import type { AgeBand, Locale, Profession } from '@kilde/schemas';
import type { CrisisHelpLine } from '@kilde/safety';

/** Limits of the public question endpoints, per client address (hashed) and minute. */
export interface QuestionsOptions {
  /** Questions sent; default 3. */
  askPerMinute?: number;
  /** Receipt look-ups; default 20. */
  readPerMinute?: number;
  /** Look-ups with a code that matches nothing; when used up, every look-up is refused; default 5. */
  wrongReceiptPerMinute?: number;
  /** "Ask before you ask" suggestions; default 60. */
  similarPerMinute?: number;
  /** Deflection beacons; default 20. */
  beaconPerMinute?: number;
  /** Use the first `X-Forwarded-For` address (behind a reverse proxy); default false. */
  trustProxy?: boolean;
}

export type ResolvedQuestionsOptions = Required<QuestionsOptions>;

export const defaultQuestionsOptions: ResolvedQuestionsOptions = {
  askPerMinute: 3,
  readPerMinute: 20,
  wrongReceiptPerMinute: 5,
  similarPerMinute: 60,
  beaconPerMinute: 20,
  trustProxy: false,
};

/** A validated `POST /v1/questions` body. */
export interface QuestionInput {
  text: string;
  ageBand: AgeBand;
  locale: Locale;
  topic: string | null;
  consent: boolean;
  /** The form showed suggestions before this was sent (counted as "asked anyway"). */
  sawSuggestions: boolean;
}

/** What the CMS answers to an intake (`/kilde-internal/questions`). */
export interface CmsIntakeResult {
  receipt: string;
  status: string;
  dueAt: string;
  crisis: { crisis: boolean; severity: 'none' | 'concern' | 'acute'; categories: string[] };
}

/** What the CMS answers to a receipt look-up. */
export interface CmsAskerView {
  status: 'new' | 'claimed' | 'second-opinion' | 'answered';
  locale: Locale;
  askedAt: string;
  question: string;
  answer: string | null;
  answererProfession: Profession | null;
  answeredAt: string | null;
  crisis: boolean;
  deleteAfter: string | null;
}

/** A help service shown beside the help numbers when a question signals a crisis. */
export interface CrisisService {
  id: string;
  name: string;
  description: string;
  phone: string | null;
  tel: string | null;
  website: string | null;
  openingHours: string | null;
  url: string;
}

/** Help shown at once when a question signals a crisis. */
export interface CrisisHelp {
  lines: CrisisHelpLine[];
  services: CrisisService[];
}

/** One "ask before you ask" suggestion. */
export interface Suggestion {
  type: 'question' | 'article';
  id: string;
  title: string;
  /** Plain text: the start of the answer (questions) or the summary (articles). */
  excerpt: string;
  /** For answered questions: the whole answer as plain text, to read without leaving the form. */
  answer: string | null;
  url: string;
}
