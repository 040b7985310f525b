import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/** Tables of the editorial workflow (issue #4), owned by the CMS. */
export const WORKFLOW_TABLES = {
  events: 'kilde_workflow_events',
  notifications: 'kilde_notifications',
  translationState: 'kilde_translation_state',
} as const;

/**
 * The editorial workflow's own records, kept beside Strapi's tables rather than in content types:
 * - `kilde_workflow_events`: append-only log of stage transitions, publishes, reviews, revision
 *   reminders and translation changes per language variant (who, when, comment, change note).
 *   `dedupe_key` makes a scheduled job's event idempotent (one "revision due" per review cycle).
 * - `kilde_notifications`: every message the workflow sends, one row per recipient; in
 *   development this table *is* the mail sink the admin shows.
 * - `kilde_translation_state`: per translated variant, which version of its source variant it was
 *   translated from and whether the source has since changed.
 * @remarks Strapi's content tables hold drafts that editors overwrite; history must not be
 * editable through the content manager, so it lives here.
 */
export const workflow: KildeMigration = {
  name: '0006_workflow',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(WORKFLOW_TABLES.events, (t) => {
      t.increments('id').primary();
      t.string('doc_type', 32).notNullable();
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      t.string('kind', 32).notNullable();
      t.string('from_stage', 32).nullable();
      t.string('to_stage', 32).nullable();
      t.string('actor', 200).notNullable();
      t.string('actor_name', 200).nullable();
      t.text('comment').nullable();
      t.string('change_note_kind', 32).nullable();
      t.text('change_note').nullable();
      // The published version this event produced or concerns, when there is one.
      t.integer('version').nullable();
      t.string('dedupe_key', 200)
        .nullable()
        .unique({ indexName: 'kilde_workflow_events_dedupe_uniq' });
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.index(['doc_id', 'locale', 'id'], 'kilde_workflow_events_variant_idx');
      t.index(['kind', 'created_at'], 'kilde_workflow_events_kind_idx');
    });
    await knex.schema.createTable(WORKFLOW_TABLES.notifications, (t) => {
      t.increments('id').primary();
      t.string('recipient', 320).notNullable();
      t.string('subject', 500).notNullable();
      t.text('text').notNullable();
      t.string('kind', 32).notNullable();
      t.string('doc_type', 32).nullable();
      t.string('doc_id', 64).nullable();
      t.string('locale', 8).nullable();
      // 'sink': kept here only (development); 'email': also handed to Strapi's email plugin.
      t.string('channel', 16).notNullable();
      t.string('delivered_at', TIMESTAMP_LENGTH).nullable();
      t.text('error').nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.index(['recipient', 'id'], 'kilde_notifications_recipient_idx');
    });
    await knex.schema.createTable(WORKFLOW_TABLES.translationState, (t) => {
      t.string('doc_type', 32).notNullable();
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      t.string('source_locale', 8).notNullable();
      t.integer('translated_from_version').notNullable();
      // Set while the source has changed since the translation was made.
      t.integer('source_version').nullable();
      t.string('outdated_since', TIMESTAMP_LENGTH).nullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.string('updated_by', 200).nullable();
      // Unnamed on purpose: knex 3.0.1 renders `{ constraintName }` as invalid SQL on SQLite.
      t.primary(['doc_id', 'locale']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(WORKFLOW_TABLES.translationState);
    await knex.schema.dropTable(WORKFLOW_TABLES.notifications);
    await knex.schema.dropTable(WORKFLOW_TABLES.events);
  },
};
