import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { locales, type AgeBand, type Locale } from '@kilde/schemas';
import { ANSWER_SERVICE_TABLES } from '@kilde/migrations';
import { detectCrisis, scrubPersonalData, type CrisisResult, type PiiType } from '@kilde/safety';
import { newReceipt, receiptHash } from './receipt';
import { answerServiceSettings, originalTextCipher } from './settings';
import { spamReason, type SpamReason } from './spam';
import { AGE_BANDS, type AskerView, type IntakeResult, type QuestionIntake, type QuestionRow } from './types';
import { addWorkingDays } from './working-days';

export const MIN_QUESTION_LENGTH = 10;
export const MAX_QUESTION_LENGTH = 2000;
/** The same question again within this time is a duplicate. */
const DUPLICATE_WINDOW_MS = 24 * 3600 * 1000;
const DAY_MS = 86_400_000;

const T = ANSWER_SERVICE_TABLES;

interface Issue {
  path: string;
  message: string;
}

function invalid(message: string, issues: Issue[], reason = 'invalid'): errors.ValidationError {
  return new errors.ValidationError(message, { reason, errors: issues });
}

/**
 * Checks what the API forwarded (the API validates too; this is the authority).
 * @throws ValidationError with `details.errors: [{ path, message }]`.
 */
export function parseIntake(body: unknown): QuestionIntake {
  const b = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const issues: Issue[] = [];
  const text = typeof b.text === 'string' ? b.text.trim() : '';
  if (typeof b.text !== 'string') issues.push({ path: 'text', message: 'is required (the question as text)' });
  else if (text.length < MIN_QUESTION_LENGTH) issues.push({ path: 'text', message: `must be at least ${MIN_QUESTION_LENGTH} characters` });
  else if (text.length > MAX_QUESTION_LENGTH) issues.push({ path: 'text', message: `must be at most ${MAX_QUESTION_LENGTH} characters` });
  if (!(AGE_BANDS as readonly unknown[]).includes(b.ageBand)) issues.push({ path: 'ageBand', message: `must be one of ${AGE_BANDS.join(', ')}` });
  if (!(locales as readonly unknown[]).includes(b.locale)) issues.push({ path: 'locale', message: `must be one of ${locales.join(', ')}` });
  if (b.topic !== undefined && b.topic !== null && (typeof b.topic !== 'string' || !/^[a-z0-9-]{1,100}$/.test(b.topic)))
    issues.push({ path: 'topic', message: 'must be a topic slug (a-z, 0-9 and -)' });
  if (typeof b.consent !== 'boolean') issues.push({ path: 'consent', message: 'must be true or false' });
  if (issues.length > 0) throw invalid(`Invalid question: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return {
    text,
    ageBand: b.ageBand as AgeBand,
    locale: b.locale as Locale,
    topic: typeof b.topic === 'string' ? b.topic : null,
    consent: b.consent as boolean,
  };
}

/** Lower first: acute crisis, crisis, a signal about someone else or a topic, ordinary. */
export function priorityOf(crisis: CrisisResult): number {
  if (crisis.crisis && crisis.severity === 'acute') return 0;
  if (crisis.crisis) return 1;
  if (crisis.severity !== 'none') return 2;
  return 3;
}

/** Hash of the scrubbed text with case, spacing and punctuation ignored: the same question twice. */
export function fingerprintOf(scrubbed: string): string {
  const normal = scrubbed.toLowerCase().replace(/[^\p{L}\p{N}[\]]+/gu, ' ').trim();
  return createHash('sha256').update(normal).digest('hex');
}

const SPAM_MESSAGES: Record<SpamReason, string> = {
  links: 'The question contains too many links to be sent.',
  advertising: 'The question looks like advertising and was not sent.',
  repetition: 'The question repeats the same characters or words and was not sent.',
  'not-words': 'The question does not look like words and was not sent.',
};

/**
 * Takes a question in: scrubs it, looks for crisis signals in what was written, and stores it
 * with the receipt's hash. The receipt is returned once and never stored.
 * @throws ValidationError (`details.reason`: `invalid`, `spam` or `duplicate`).
 */
export async function askQuestion(knex: Knex, input: QuestionIntake, now = new Date()): Promise<IntakeResult> {
  const spam = spamReason(input.text);
  if (spam) throw invalid(SPAM_MESSAGES[spam], [{ path: 'text', message: SPAM_MESSAGES[spam] }], 'spam');

  // Crisis signals are read from what the young person wrote, before anything is removed.
  const crisis = detectCrisis(input.text, input.locale);
  const scrub = scrubPersonalData(input.text, { locale: input.locale });
  const fingerprint = fingerprintOf(scrub.text);
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS).toISOString();
  const duplicate: unknown = await knex(T.questions).where({ fingerprint }).where('created_at', '>=', since).first('id');
  if (duplicate) {
    const message = 'This question was already sent in the last 24 hours. Use the receipt code you got then to read the answer.';
    throw invalid(message, [{ path: 'text', message }], 'duplicate');
  }

  const findings: Partial<Record<PiiType, number>> = {};
  for (const f of scrub.findings) findings[f.type] = (findings[f.type] ?? 0) + 1;
  const settings = answerServiceSettings();
  const receipt = newReceipt();
  const at = now.toISOString();
  const dueAt = addWorkingDays(now, settings.responseWorkingDays).toISOString();
  await knex(T.questions).insert({
    public_id: randomBytes(12).toString('base64url'),
    receipt_hash: receiptHash(receipt),
    locale: input.locale,
    age_band: input.ageBand,
    topic: input.topic,
    consent_publish: input.consent,
    text_scrubbed: scrub.text,
    // The original is kept, encrypted, only when a crisis may need it (a name, a place).
    original_encrypted: crisis.crisis && scrub.findings.length > 0 ? originalTextCipher().encrypt(input.text) : null,
    scrub_findings: JSON.stringify(findings),
    fingerprint,
    crisis: crisis.crisis,
    crisis_severity: crisis.severity,
    crisis_categories: JSON.stringify(crisis.categories),
    priority: priorityOf(crisis),
    status: 'new',
    due_at: dueAt,
    expires_at: new Date(now.getTime() + settings.expiryDays * DAY_MS).toISOString(),
    created_at: at,
    updated_at: at,
  });
  return {
    receipt,
    status: 'new',
    dueAt,
    crisis: { crisis: crisis.crisis, severity: crisis.severity, categories: crisis.categories },
  };
}

const bool = (v: boolean | number): boolean => v === true || v === 1;

/**
 * What the asker may see with their receipt; marks the answer as read the first time it is
 * shown, which starts the retention clock.
 * @returns null for a code that matches nothing (the caller answers 404 without detail).
 */
export async function readWithReceipt(knex: Knex, receipt: string, now = new Date()): Promise<AskerView | null> {
  const hash = receiptHash(receipt);
  if (!hash) return null;
  const row = (await knex(T.questions).where({ receipt_hash: hash }).first()) as QuestionRow | undefined;
  if (!row) return null;
  let deleteAfter = row.delete_after;
  if (row.status === 'answered' && !row.read_at) {
    const readAt = now.toISOString();
    deleteAfter = new Date(now.getTime() + answerServiceSettings().retentionDays * DAY_MS).toISOString();
    await knex(T.questions).where({ id: row.id }).whereNull('read_at').update({ read_at: readAt, delete_after: deleteAfter, updated_at: readAt });
  }
  const answered = row.status === 'answered';
  return {
    status: row.status,
    locale: row.locale,
    askedAt: row.created_at,
    question: row.text_scrubbed,
    answer: answered ? row.answer_markdown : null,
    answererProfession: answered ? row.answerer_profession : null,
    answeredAt: answered ? row.answered_at : null,
    crisis: bool(row.crisis),
    deleteAfter,
  };
}

export type DeflectionEvent = 'deflected' | 'asked';

/** Adds one to today's anonymous counter (`deflected`: a suggestion answered it; `asked`: sent anyway). */
export async function countDeflection(knex: Knex, locale: Locale, event: DeflectionEvent, now = new Date()): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  await knex(T.deflections)
    .insert({ day, locale, event, count: 1 })
    .onConflict(['day', 'locale', 'event'])
    .merge({ count: knex.raw('?? + 1', [`${T.deflections}.count`]) });
}

/** Deflection counts per day, for the admin. */
export async function deflectionStats(knex: Knex, days = 30, now = new Date()): Promise<{ day: string; locale: string; deflected: number; asked: number }[]> {
  const from = new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  const rows = (await knex(T.deflections).where('day', '>=', from).orderBy(['day', 'locale'])) as { day: string; locale: string; event: string; count: number | string }[];
  const out = new Map<string, { day: string; locale: string; deflected: number; asked: number }>();
  for (const r of rows) {
    const key = `${r.day}:${r.locale}`;
    const entry = out.get(key) ?? { day: r.day, locale: r.locale, deflected: 0, asked: 0 };
    if (r.event === 'deflected') entry.deflected += Number(r.count);
    else if (r.event === 'asked') entry.asked += Number(r.count);
    out.set(key, entry);
  }
  return [...out.values()];
}
