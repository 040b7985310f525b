import type { Knex } from 'knex';
import { TABLES, TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * The read store: the current published version of every document, one row per id and locale.
 * @remarks A deletion keeps the row as a tombstone (`deleted = true`) so partners syncing with
 * `updatedSince` learn about it, and a later republish continues the version sequence.
 */
export const readStore: KildeMigration = {
  name: '0001_read_store',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(TABLES.documents, (t) => {
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      // Type is a plain string rather than an enum: adding a document type must not need a
      // table rebuild on SQLite (which cannot alter CHECK constraints in place).
      t.string('type', 32).notNullable();
      t.integer('version').notNullable();
      t.string('slug', 160).nullable();
      t.string('content_hash', 80).notNullable();
      // The canonical JSON exactly as served, so the API can send bytes without re-serialising.
      t.text('document').notNullable();
      t.boolean('deleted').notNullable().defaultTo(false);
      t.string('published_at', TIMESTAMP_LENGTH).notNullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      // Unnamed on purpose: knex 3.0.1 renders `{ constraintName }` as invalid SQL on SQLite, and
      // PostgreSQL names it kilde_documents_pkey anyway.
      t.primary(['doc_id', 'locale']);
      t.index(['type', 'locale', 'slug'], 'kilde_documents_type_locale_slug_idx');
      // doc_id is the keyset tie-breaker for listings ordered by updated_at.
      t.index(
        ['type', 'locale', 'updated_at', 'doc_id'],
        'kilde_documents_type_locale_updated_idx',
      );
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(TABLES.documents);
  },
};
