import type { Knex } from 'knex';
import { TABLES, TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * The transactional outbox, its consumers' cursors and the per-row delivery state.
 * @remarks The outbox is also the partner delta feed (`listChanges`), so rows are never updated
 * and `seq` order is publication order.
 */
export const outbox: KildeMigration = {
  name: '0002_outbox',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(TABLES.outbox, (t) => {
      // Publication order; gap-free order is not needed, commit order is (see @kilde/store's outbox lock).
      t.bigIncrements('seq');
      t.string('event_id', 36).notNullable().unique({ indexName: 'kilde_outbox_event_id_uniq' });
      t.string('type', 32).notNullable();
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      t.integer('version').notNullable();
      t.enu('op', ['upsert', 'delete']).notNullable();
      t.enu('event', ['published', 'updated', 'unpublished', 'deleted']).notNullable();
      // Full document JSON for an upsert; `{id,type,locale,version,deletedAt}` for a delete.
      t.text('payload').notNullable();
      t.text('change_note').nullable();
      // An admin user id or label; never personal data about the young people Kilde serves.
      t.string('actor', 200).nullable();
      t.string('request_id', 200).nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
    });

    await knex.schema.createTable(TABLES.outboxConsumers, (t) => {
      t.string('name', 100).notNullable().primary();
      // Last seq this consumer has handled (or dead-lettered); 0 before the first row.
      t.bigInteger('cursor').notNullable().defaultTo(0);
      t.string('lease_owner', 200).nullable();
      t.string('lease_expires_at', TIMESTAMP_LENGTH).nullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
    });

    await knex.schema.createTable(TABLES.outboxDeliveries, (t) => {
      t.string('consumer', 100).notNullable();
      t.bigInteger('seq').notNullable();
      t.enu('status', ['retrying', 'dead', 'replaying']).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.string('next_attempt_at', TIMESTAMP_LENGTH).nullable();
      t.text('last_error').nullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['consumer', 'seq']);
      t.foreign('consumer', 'kilde_outbox_deliveries_consumer_fk')
        .references('name')
        .inTable(TABLES.outboxConsumers)
        .onDelete('CASCADE');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(TABLES.outboxDeliveries);
    await knex.schema.dropTable(TABLES.outboxConsumers);
    await knex.schema.dropTable(TABLES.outbox);
  },
};
