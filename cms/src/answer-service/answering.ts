import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { ANSWER_SERVICE_TABLES } from '@kilde/migrations';
import type { Profession } from '@kilde/schemas';
import type { CrisisCategory, PiiType } from '@kilde/safety';
import type { GateResult } from '../quality-gate';
import { gateEntry } from '../workflow/gate';
import type { Actor } from '../workflow/types';
import { answerServiceSettings, originalTextCipher } from './settings';
import {
  PROFESSIONS,
  type QuestionAction,
  type QuestionDetail,
  type QuestionRow,
  type QueueItem,
} from './types';
import { workingDaysBetween } from './working-days';

const T = ANSWER_SERVICE_TABLES;
const DAY_MS = 86_400_000;

/** A signed-in admin user; the answer service has no other actors. */
export type AdminActor = Extract<Actor, { kind: 'admin' }>;

const bool = (v: boolean | number | null | undefined): boolean => v === true || v === 1;

// Refusals are PolicyErrors (403): Strapi's route authorisation replaces a plain ForbiddenError's
// message with "Forbidden", and the admin UI should say why.

/** Answers questions: professional reviewers (nurses, doctors, psychologists …) and administrators. */
export function mayAnswer(actor: AdminActor): boolean {
  return actor.administrator || actor.roles.includes('professional-reviewer');
}

/** Publishes consented answers to the archive: editors, publishers and administrators. */
export function mayPublish(actor: AdminActor): boolean {
  return actor.administrator || actor.roles.includes('editor') || actor.roles.includes('publisher');
}

/** Sees the queue at all. Writers and local editors do not: the questions are private. */
export function maySeeQueue(actor: AdminActor): boolean {
  return mayAnswer(actor) || mayPublish(actor);
}

export function assertAdmin(actor: Actor): AdminActor {
  if (actor.kind !== 'admin') throw new errors.PolicyError('The answer service is for signed-in admin users.');
  if (!maySeeQueue(actor)) throw new errors.PolicyError('Only professionals and editors may see the answer service.');
  return actor;
}

/** First sentence (or the first 200 characters) of a scrubbed question: a working title. */
export function titleFrom(text: string): string {
  const first = text.split(/(?<=[.!?])\s+/)[0] ?? text;
  const t = first.length > 200 ? `${first.slice(0, 197).trimEnd()}…` : first;
  return t.trim();
}

function excerpt(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text;
}

function toQueueItem(row: QuestionRow, actor: AdminActor, now: Date): QueueItem {
  const answered = row.status === 'answered';
  return {
    id: row.public_id,
    excerpt: excerpt(row.text_scrubbed),
    locale: row.locale,
    ageBand: row.age_band,
    topic: row.topic,
    crisis: bool(row.crisis),
    crisisSeverity: row.crisis_severity,
    crisisCategories: JSON.parse(row.crisis_categories) as CrisisCategory[],
    priority: row.priority,
    status: row.status,
    claimedByName: row.claimed_by_name,
    claimedByMe: row.claimed_by === actor.id,
    secondOpinionStatus: row.second_opinion_status,
    consent: bool(row.consent_publish),
    createdAt: row.created_at,
    dueAt: row.due_at,
    overdue: !answered && now.toISOString() > row.due_at,
    ageWorkingDays: workingDaysBetween(new Date(row.created_at), answered && row.answered_at ? new Date(row.answered_at) : now),
    answeredAt: row.answered_at,
    readAt: row.read_at,
    publishedDocId: row.published_doc_id,
  };
}

/** The queue: open questions by priority (crisis first), then oldest first; and recent answers. */
export async function answerQueue(knex: Knex, actor: AdminActor, now = new Date()): Promise<{ open: QueueItem[]; answered: QueueItem[]; responseWorkingDays: number }> {
  const open = (await knex(T.questions)
    .whereNot('status', 'answered')
    .orderBy([{ column: 'priority', order: 'asc' }, { column: 'created_at', order: 'asc' }, { column: 'id', order: 'asc' }])
    .limit(500)) as QuestionRow[];
  const answered = (await knex(T.questions)
    .where('status', 'answered')
    .orderBy([{ column: 'answered_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(100)) as QuestionRow[];
  return {
    open: open.map((r) => toQueueItem(r, actor, now)),
    answered: answered.map((r) => toQueueItem(r, actor, now)),
    responseWorkingDays: answerServiceSettings().responseWorkingDays,
  };
}

async function rowOf(knex: Knex, id: string): Promise<QuestionRow> {
  const row = (await knex(T.questions).where({ public_id: id }).first()) as QuestionRow | undefined;
  if (!row) throw new errors.NotFoundError('No such question (it may have been answered and deleted).');
  return row;
}

function actionsFor(row: QuestionRow, actor: AdminActor): QuestionAction[] {
  const out: QuestionAction[] = [];
  const mine = row.claimed_by === actor.id;
  if (mayAnswer(actor)) {
    if (row.status === 'new') out.push('claim');
    if (row.status === 'claimed' && mine) out.push('save', 'request-second-opinion', 'send', 'release');
    if (row.status === 'claimed' && !mine && actor.administrator) out.push('release');
    if (row.status === 'second-opinion' && !mine) out.push('give-second-opinion');
    if (row.status === 'second-opinion' && mine) out.push('release');
  }
  if (mayPublish(actor) && row.status === 'answered' && bool(row.consent_publish) && !row.published_doc_id) out.push('publish');
  return out;
}

/**
 * One question as the signed-in user may see it: the scrubbed text for everyone; the original only
 * for the answerer who claimed it, only when it is a crisis and while the original is kept.
 */
export async function questionDetail(knex: Knex, actor: AdminActor, id: string, now = new Date()): Promise<QuestionDetail> {
  const row = await rowOf(knex, id);
  const assigned = row.claimed_by === actor.id && row.status !== 'answered';
  const originalText =
    assigned && bool(row.crisis) && row.original_encrypted ? originalTextCipher().decrypt(row.original_encrypted) : null;
  return {
    ...toQueueItem(row, actor, now),
    text: row.text_scrubbed,
    originalText,
    scrubbed: JSON.parse(row.scrub_findings) as Partial<Record<PiiType, number>>,
    answer: row.answer_markdown,
    answererProfession: row.answerer_profession,
    answeredByName: row.answered_by_name,
    secondOpinion: row.second_opinion_status
      ? {
          status: row.second_opinion_status,
          byName: row.second_opinion_by_name,
          profession: row.second_opinion_profession,
          comment: row.second_opinion_comment,
          at: row.second_opinion_at,
        }
      : null,
    actions: actionsFor(row, actor),
  };
}

function assertAnswerer(actor: AdminActor): void {
  if (!mayAnswer(actor)) throw new errors.PolicyError('Only professional reviewers (and administrators) answer questions.');
}

function assertMine(row: QuestionRow, actor: AdminActor, status: QuestionRow['status'] = 'claimed'): void {
  if (row.claimed_by !== actor.id) {
    throw new errors.PolicyError(row.claimed_by_name ? `${row.claimed_by_name} is answering this question.` : 'Claim the question first.');
  }
  if (row.status !== status) throw new errors.ValidationError(`The question is ${row.status}, not ${status}.`);
}

/** Takes a new question; refuses when someone else took it first. */
export async function claimQuestion(knex: Knex, actor: AdminActor, id: string, now = new Date()): Promise<void> {
  assertAnswerer(actor);
  const at = now.toISOString();
  const changed = await knex(T.questions)
    .where({ public_id: id, status: 'new' })
    .update({ status: 'claimed', claimed_by: actor.id, claimed_by_name: actor.name, claimed_at: at, updated_at: at });
  if (changed === 0) {
    const row = await rowOf(knex, id);
    throw new errors.ValidationError(
      row.claimed_by_name ? `${row.claimed_by_name} already took this question.` : `The question is ${row.status}; it cannot be taken.`,
    );
  }
}

/** Gives a question back to the queue (the draft answer stays for the next answerer). */
export async function releaseQuestion(knex: Knex, actor: AdminActor, id: string, now = new Date()): Promise<void> {
  assertAnswerer(actor);
  const row = await rowOf(knex, id);
  if (row.status === 'answered' || row.status === 'new') throw new errors.ValidationError(`The question is ${row.status}; there is nothing to release.`);
  if (row.claimed_by !== actor.id && !actor.administrator) throw new errors.PolicyError('Only the answerer (or an administrator) can release this question.');
  const at = now.toISOString();
  await knex(T.questions).where({ id: row.id }).update({
    status: 'new',
    claimed_by: null,
    claimed_by_name: null,
    claimed_at: null,
    second_opinion_status: row.second_opinion_status === 'requested' ? null : row.second_opinion_status,
    updated_at: at,
  });
}

function profession(value: unknown, path = 'profession'): Profession {
  if (typeof value === 'string' && (PROFESSIONS as readonly string[]).includes(value)) return value as Profession;
  throw new errors.ValidationError(`${path} must be one of ${PROFESSIONS.join(', ')}`, { errors: [{ path, message: 'unknown profession' }] });
}

function answerText(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new errors.ValidationError('The answer is empty.', { errors: [{ path: 'answer', message: 'is required' }] });
  if (value.length > 20_000) throw new errors.ValidationError('The answer is longer than 20,000 characters.', { errors: [{ path: 'answer', message: 'too long' }] });
  return value;
}

/** The quality gate on a draft answer, as it would be published (the same gate as articles). */
export async function gateAnswer(knex: Knex, row: QuestionRow, answer: string): Promise<GateResult> {
  return gateEntry(knex, 'question', row.locale, { title: titleFrom(row.text_scrubbed), answer, askerAgeBand: `age-${row.age_band}` }, null);
}

/** Saves the draft answer and the answerer's profession. */
export async function saveAnswer(knex: Knex, actor: AdminActor, id: string, input: { answer: unknown; profession: unknown }, now = new Date()): Promise<GateResult> {
  assertAnswerer(actor);
  const row = await rowOf(knex, id);
  assertMine(row, actor);
  const answer = answerText(input.answer);
  await knex(T.questions)
    .where({ id: row.id })
    .update({ answer_markdown: answer, answerer_profession: profession(input.profession), updated_at: now.toISOString() });
  return gateAnswer(knex, row, answer);
}

/** Saves the draft and asks another professional to read it before it is sent. */
export async function requestSecondOpinion(knex: Knex, actor: AdminActor, id: string, input: { answer: unknown; profession: unknown }, now = new Date()): Promise<void> {
  await saveAnswer(knex, actor, id, input, now);
  await knex(T.questions).where({ public_id: id }).update({
    status: 'second-opinion',
    second_opinion_status: 'requested',
    second_opinion_by: null,
    second_opinion_by_name: null,
    second_opinion_profession: null,
    second_opinion_comment: null,
    second_opinion_at: null,
    updated_at: now.toISOString(),
  });
}

/** Another professional approves the draft or asks for changes; it goes back to the answerer. */
export async function giveSecondOpinion(
  knex: Knex,
  actor: AdminActor,
  id: string,
  input: { verdict: unknown; comment: unknown; profession: unknown },
  now = new Date(),
): Promise<void> {
  assertAnswerer(actor);
  const row = await rowOf(knex, id);
  if (row.status !== 'second-opinion') throw new errors.ValidationError('No second opinion was asked for on this question.');
  if (row.claimed_by === actor.id) throw new errors.PolicyError('A second opinion must come from another professional.');
  if (input.verdict !== 'approved' && input.verdict !== 'changes-requested')
    throw new errors.ValidationError('verdict must be approved or changes-requested', { errors: [{ path: 'verdict', message: 'must be approved or changes-requested' }] });
  const comment = typeof input.comment === 'string' && input.comment.trim() !== '' ? input.comment.trim().slice(0, 4000) : null;
  if (input.verdict === 'changes-requested' && !comment)
    throw new errors.ValidationError('Say what should change.', { errors: [{ path: 'comment', message: 'is required when asking for changes' }] });
  const at = now.toISOString();
  await knex(T.questions).where({ id: row.id, status: 'second-opinion' }).update({
    status: 'claimed',
    second_opinion_status: input.verdict,
    second_opinion_by: actor.id,
    second_opinion_by_name: actor.name,
    second_opinion_profession: profession(input.profession),
    second_opinion_comment: comment,
    second_opinion_at: at,
    updated_at: at,
  });
}

/**
 * Sends the answer to the asker: the gate must pass (errors block, as for articles), a second
 * opinion that asked for changes must have been followed by an edit. The crisis original is
 * deleted now: the question is answered and nobody needs it any more.
 */
export async function sendAnswer(
  knex: Knex,
  actor: AdminActor,
  id: string,
  input: { answer: unknown; profession: unknown },
  now = new Date(),
): Promise<GateResult> {
  assertAnswerer(actor);
  const row = await rowOf(knex, id);
  assertMine(row, actor);
  const answer = answerText(input.answer);
  const prof = profession(input.profession);
  if (row.second_opinion_status === 'changes-requested' && answer === row.answer_markdown) {
    throw new errors.ValidationError('The second opinion asked for changes; edit the answer (or ask again) before sending it.');
  }
  const gate = await gateAnswer(knex, row, answer);
  const blocking = gate.checks.filter((c) => c.severity === 'error');
  if (blocking.length > 0) {
    throw new errors.ValidationError(
      `The answer did not pass the quality gate: ${blocking.map((c) => `${c.rule}${c.line ? ` (line ${c.line})` : ''}: ${c.message}`).join('; ')}`,
      { errors: blocking.map((c) => ({ path: ['answer', c.rule], message: c.line ? `line ${c.line}: ${c.message}` : c.message })), gate: gate.checks },
    );
  }
  const at = now.toISOString();
  const changed = await knex(T.questions).where({ id: row.id, status: 'claimed', claimed_by: actor.id }).update({
    status: 'answered',
    answer_markdown: answer,
    answerer_profession: prof,
    answered_by: actor.id,
    answered_by_name: actor.name,
    answered_at: at,
    original_encrypted: null,
    expires_at: new Date(now.getTime() + answerServiceSettings().expiryDays * DAY_MS).toISOString(),
    updated_at: at,
  });
  if (changed === 0) throw new errors.ValidationError('The question changed meanwhile; reload it.');
  return gate;
}

/** The row for publishing (used by the archive step). */
export async function answeredRow(knex: Knex, id: string): Promise<QuestionRow> {
  return rowOf(knex, id);
}
