import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ANSWER_SERVICE_TABLES } from '@kilde/migrations';
import { scrubPersonalData } from '@kilde/safety';
import { documentsOf } from '../strapi/content-types';
import { runAs, systemActor } from '../workflow';
import { answeredRow, mayPublish, titleFrom, type AdminActor } from './answering';

const T = ANSWER_SERVICE_TABLES;
const bool = (v: boolean | number | null | undefined): boolean => v === true || v === 1;

export interface ArchiveInput {
  /** The archive title; default: the question's first sentence. */
  title?: unknown;
  /** An edited question text (it is scrubbed again); default: the scrubbed question. */
  question?: unknown;
  /** An edited answer (scrubbed too); default: the answer the asker got. */
  answer?: unknown;
}

const optionalText = (v: unknown, path: string, max: number): string | null => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
  if (typeof v !== 'string') throw new errors.ValidationError(`${path} must be text`, { errors: [{ path, message: 'must be text' }] });
  if (v.length > max) throw new errors.ValidationError(`${path} is longer than ${max} characters`, { errors: [{ path, message: `at most ${max} characters` }] });
  return v.trim();
};

/**
 * Publishes a consented, answered question to the archive as a `question-answer`, through the
 * document service like any publish: the workflow middleware (gate, change note, history) and the
 * publication hook (read store, outbox → search, webhooks, revisions).
 * @remarks Both texts are scrubbed again (an answer may greet the asker by name; an editor's edit
 * may bring something back). Without consent nothing is published — the check is here, on the
 * server, not only in the UI. Attributed to the `answer-service` system actor, with the editor
 * named in the change note: the professional answer and its second opinion were the review.
 */
export async function publishToArchive(strapi: Core.Strapi, actor: AdminActor, id: string, input: ArchiveInput, now = new Date()): Promise<{ documentId: string }> {
  if (!mayPublish(actor)) throw new errors.PolicyError('Only editors and publishers publish answers to the archive.');
  const knex = strapi.db.connection;
  const row = await answeredRow(knex, id);
  if (!bool(row.consent_publish)) throw new errors.PolicyError('The asker did not consent to publishing; this answer stays private.');
  if (row.status !== 'answered' || !row.answer_markdown || !row.answerer_profession || !row.answered_at)
    throw new errors.ValidationError('Only answered questions can be published.');
  if (row.published_doc_id) throw new errors.ValidationError('This answer is already in the archive.');

  const locale = row.locale;
  const question = scrubPersonalData(optionalText(input.question, 'question', 2000) ?? row.text_scrubbed, { locale }).text;
  const answer = scrubPersonalData(optionalText(input.answer, 'answer', 20_000) ?? row.answer_markdown, { locale }).text;
  const title = scrubPersonalData(optionalText(input.title, 'title', 200) ?? titleFrom(question), { locale }).text;
  if (question.length < 10) throw new errors.ValidationError('The question must be at least 10 characters.', { errors: [{ path: 'question', message: 'at least 10 characters' }] });

  const topics: string[] = [];
  if (row.topic) {
    const topic = (await documentsOf(strapi, 'topic').findFirst({ locale, filters: { slug: row.topic }, fields: ['documentId'] })) as { documentId?: string } | null;
    if (topic?.documentId) topics.push(topic.documentId);
  }

  const created = (await runAs(
    systemActor('answer-service'),
    () =>
      documentsOf(strapi, 'question').create({
        locale,
        status: 'published',
        data: {
          title,
          question,
          answer,
          answererProfession: row.answerer_profession,
          askerAgeBand: `age-${row.age_band}`,
          answeredAt: (row.answered_at as string).slice(0, 10),
          topics,
          licence: 'CC-BY-4.0',
          externalId: `answer-service:${row.public_id}`,
          sourceSystem: 'kilde-answer-service',
        },
      } as never),
    { changeNote: { kind: 'other', text: `Answer service: answered by a ${row.answerer_profession}, published to the archive by ${actor.name}` } },
  )) as { documentId: string };

  const at = now.toISOString();
  await knex(T.questions).where({ id: row.id }).update({ published_doc_id: created.documentId, published_at: at, published_by_name: actor.name, updated_at: at });
  return { documentId: created.documentId };
}
