import type { AgeBand, Locale, Profession } from '@kilde/schemas';
import type { CrisisCategory, CrisisSeverity, PiiType } from '@kilde/safety';

/** Where a private question is: waiting, being answered, waiting for a second opinion, answered. */
export type QuestionStatus = 'new' | 'claimed' | 'second-opinion' | 'answered';
export const QUESTION_STATUSES: readonly QuestionStatus[] = ['new', 'claimed', 'second-opinion', 'answered'];

/** A second professional's verdict on a draft answer. */
export type SecondOpinionStatus = 'requested' | 'approved' | 'changes-requested';

export const AGE_BANDS: readonly AgeBand[] = ['13-15', '16-17', '18-20'];
export const PROFESSIONS: readonly Profession[] = [
  'doctor',
  'psychologist',
  'nurse',
  'health-visitor',
  'midwife',
  'lawyer',
  'social-worker',
  'nutritionist',
  'dentist',
  'physiotherapist',
  'pharmacist',
  'other',
];

/** What the asker sends (through the API). */
export interface QuestionIntake {
  text: string;
  ageBand: AgeBand;
  locale: Locale;
  topic: string | null;
  consent: boolean;
}

/** What the asker gets back once: the receipt and what the CMS found. */
export interface IntakeResult {
  receipt: string;
  status: QuestionStatus;
  dueAt: string;
  crisis: { crisis: boolean; severity: CrisisSeverity; categories: CrisisCategory[] };
}

/** What the asker sees with the receipt. Nothing about who answered but the profession. */
export interface AskerView {
  status: QuestionStatus;
  locale: Locale;
  askedAt: string;
  /** The question as the answer service keeps it (scrubbed). */
  question: string;
  answer: string | null;
  answererProfession: Profession | null;
  answeredAt: string | null;
  crisis: boolean;
  /** When the private question and answer will be deleted, once known. */
  deleteAfter: string | null;
}

/** The row in `kilde_questions`. */
export interface QuestionRow {
  id: number;
  public_id: string;
  receipt_hash: string;
  locale: Locale;
  age_band: AgeBand;
  topic: string | null;
  consent_publish: boolean | number;
  text_scrubbed: string;
  original_encrypted: string | null;
  scrub_findings: string;
  fingerprint: string;
  crisis: boolean | number;
  crisis_severity: CrisisSeverity;
  crisis_categories: string;
  priority: number;
  status: QuestionStatus;
  claimed_by: number | null;
  claimed_by_name: string | null;
  claimed_at: string | null;
  answer_markdown: string | null;
  answerer_profession: Profession | null;
  answered_by: number | null;
  answered_by_name: string | null;
  answered_at: string | null;
  second_opinion_status: SecondOpinionStatus | null;
  second_opinion_by: number | null;
  second_opinion_by_name: string | null;
  second_opinion_profession: Profession | null;
  second_opinion_comment: string | null;
  second_opinion_at: string | null;
  read_at: string | null;
  due_at: string;
  expires_at: string;
  delete_after: string | null;
  published_doc_id: string | null;
  published_at: string | null;
  published_by_name: string | null;
  created_at: string;
  updated_at: string;
}

/** One line of the answerers' queue. */
export interface QueueItem {
  id: string;
  excerpt: string;
  locale: Locale;
  ageBand: AgeBand;
  topic: string | null;
  crisis: boolean;
  crisisSeverity: CrisisSeverity;
  crisisCategories: CrisisCategory[];
  priority: number;
  status: QuestionStatus;
  claimedByName: string | null;
  claimedByMe: boolean;
  secondOpinionStatus: SecondOpinionStatus | null;
  consent: boolean;
  createdAt: string;
  dueAt: string;
  overdue: boolean;
  /** Working days since it was asked. */
  ageWorkingDays: number;
  answeredAt: string | null;
  readAt: string | null;
  publishedDocId: string | null;
}

/** A question as an answerer or editor sees it in the admin. */
export interface QuestionDetail extends QueueItem {
  text: string;
  /** Only for the answerer who claimed a crisis question, while the original is kept. */
  originalText: string | null;
  scrubbed: Partial<Record<PiiType, number>>;
  answer: string | null;
  answererProfession: Profession | null;
  answeredByName: string | null;
  secondOpinion: {
    status: SecondOpinionStatus;
    byName: string | null;
    profession: Profession | null;
    comment: string | null;
    at: string | null;
  } | null;
  /** What the signed-in user may do now. */
  actions: QuestionAction[];
}

export type QuestionAction =
  | 'claim'
  | 'release'
  | 'save'
  | 'request-second-opinion'
  | 'give-second-opinion'
  | 'send'
  | 'publish';

/** The answer service's time limits. */
export interface AnswerServiceSettings {
  retentionDays: number;
  expiryDays: number;
  responseWorkingDays: number;
}
