import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/** Tables of the answer service (issue #8), written only by the CMS. */
export const ANSWER_SERVICE_TABLES = {
  questions: 'kilde_questions',
  deflections: 'kilde_question_deflections',
} as const;

/**
 * The answer service's private questions and its anonymous deflection counters.
 *
 * - `kilde_questions`: one row per question a young person asked. Private: never a Strapi
 *   content type, never in the read store, the outbox, export or search. The asker is known only
 *   by `receipt_hash` (SHA-256 of a high-entropy receipt code the asker keeps; the code itself is
 *   never stored). `text_scrubbed` is what answerers and editors see; `original_encrypted`
 *   (AES-256-GCM) is kept only for questions flagged as crisis, and cleared when they are
 *   answered. `fingerprint` (hash of the normalised scrubbed text) rejects duplicates. Rows are
 *   deleted, not hidden, by the CMS's daily retention job once `delete_after` has passed.
 * - `kilde_question_deflections`: per UTC day, locale and event (`deflected`: a suggestion answered
 *   the question before it was sent; `asked`: sent anyway) a count. Nothing else.
 * @remarks The composite primary key is unnamed on purpose: knex 3.0.1 renders
 *   `{ constraintName }` as invalid SQL on SQLite.
 */
export const answerService: KildeMigration = {
  name: '0008_answer_service',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(ANSWER_SERVICE_TABLES.questions, (t) => {
      t.increments('id').primary();
      // What admin routes and the UI call a question (random, unrelated to the receipt).
      t.string('public_id', 32).notNullable().unique({ indexName: 'kilde_questions_public_id_uniq' });
      t.string('receipt_hash', 64).notNullable().unique({ indexName: 'kilde_questions_receipt_uniq' });
      t.string('locale', 8).notNullable();
      t.string('age_band', 16).notNullable();
      t.string('topic', 100).nullable();
      t.boolean('consent_publish').notNullable().defaultTo(false);
      t.text('text_scrubbed').notNullable();
      t.text('original_encrypted').nullable();
      // Counts of what was scrubbed, per type: {"name":2,"phone":1}. Never the values.
      t.text('scrub_findings').notNullable();
      t.string('fingerprint', 64).notNullable();
      t.boolean('crisis').notNullable().defaultTo(false);
      t.string('crisis_severity', 16).notNullable().defaultTo('none');
      t.text('crisis_categories').notNullable();
      // 0 = acute crisis, 1 = crisis (concern), 2 = other signals, 3 = ordinary; lower first.
      t.integer('priority').notNullable();
      // new | claimed | second-opinion | answered
      t.string('status', 24).notNullable();
      t.integer('claimed_by').nullable();
      t.string('claimed_by_name', 200).nullable();
      t.string('claimed_at', TIMESTAMP_LENGTH).nullable();
      t.text('answer_markdown').nullable();
      t.string('answerer_profession', 32).nullable();
      t.integer('answered_by').nullable();
      t.string('answered_by_name', 200).nullable();
      t.string('answered_at', TIMESTAMP_LENGTH).nullable();
      // requested | approved | changes-requested
      t.string('second_opinion_status', 24).nullable();
      t.integer('second_opinion_by').nullable();
      t.string('second_opinion_by_name', 200).nullable();
      t.string('second_opinion_profession', 32).nullable();
      t.text('second_opinion_comment').nullable();
      t.string('second_opinion_at', TIMESTAMP_LENGTH).nullable();
      t.string('read_at', TIMESTAMP_LENGTH).nullable();
      t.string('due_at', TIMESTAMP_LENGTH).notNullable();
      t.string('expires_at', TIMESTAMP_LENGTH).notNullable();
      t.string('delete_after', TIMESTAMP_LENGTH).nullable();
      t.string('published_doc_id', 64).nullable();
      t.string('published_at', TIMESTAMP_LENGTH).nullable();
      t.string('published_by_name', 200).nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.index(['status', 'priority', 'created_at'], 'kilde_questions_queue_idx');
      t.index(['fingerprint', 'created_at'], 'kilde_questions_fingerprint_idx');
      t.index(['delete_after'], 'kilde_questions_delete_after_idx');
      t.index(['expires_at'], 'kilde_questions_expires_idx');
    });
    await knex.schema.createTable(ANSWER_SERVICE_TABLES.deflections, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 8).notNullable();
      t.string('event', 16).notNullable();
      t.bigInteger('count').notNullable().defaultTo(0);
      t.primary(['day', 'locale', 'event']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTableIfExists(ANSWER_SERVICE_TABLES.deflections);
    await knex.schema.dropTableIfExists(ANSWER_SERVICE_TABLES.questions);
  },
};
