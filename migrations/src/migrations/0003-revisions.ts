import type { Knex } from 'knex';
import { TABLES, TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * Immutable snapshots of every published version (and every tombstone), written by the
 * revision-history outbox consumer.
 * @remarks Rows are only ever inserted (`on conflict do nothing`), so a redelivered outbox event
 * cannot change history.
 */
export const revisions: KildeMigration = {
  name: '0003_revisions',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(TABLES.revisions, (t) => {
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      t.integer('version').notNullable();
      t.string('type', 32).notNullable();
      t.enu('op', ['upsert', 'delete']).notNullable();
      // Kept beside `op` so history can tell an unpublish from a delete, a first publish from
      // an update, without joining the outbox.
      t.enu('event', ['published', 'updated', 'unpublished', 'deleted']).notNullable();
      // Null for tombstones, which carry no content.
      t.string('content_hash', 80).nullable();
      t.text('document').notNullable();
      t.text('change_note').nullable();
      t.string('actor', 200).nullable();
      t.string('request_id', 200).nullable();
      // Links a snapshot back to the outbox event that produced it.
      t.string('event_id', 36).notNullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['doc_id', 'locale', 'version']);
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(TABLES.revisions);
  },
};
