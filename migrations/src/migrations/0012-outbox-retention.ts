import type { Knex } from 'knex';
import { TABLES, TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * Outbox retention (pruning old outbox rows):
 * - `kilde_outbox_retention`: one row (`id` 1) holding the watermark, "history starts after seq
 *   N": every outbox row at or below `pruned_through_seq` may be gone. It is written in the same
 *   transaction as each pruning batch, because sequence gaps exist anyway (rolled-back
 *   publications) and a gap alone does not prove that rows were pruned. The partner feed answers
 *   a cursor below it with `CURSOR_EXPIRED`.
 * - an index on `kilde_outbox_deliveries(seq)`: pruning keeps every row some delivery still
 *   refers to (retrying, replaying, dead) and asks that per row; the primary key leads with
 *   `consumer`, so it cannot answer by seq alone.
 * @remarks No row is inserted here: an absent row means nothing was ever pruned (watermark 0),
 * and an empty table keeps a freshly migrated instance empty for `kilde restore`.
 */
export const outboxRetention: KildeMigration = {
  name: '0012_outbox_retention',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(TABLES.outboxRetention, (t) => {
      t.integer('id').notNullable().primary();
      t.bigInteger('pruned_through_seq').notNullable().defaultTo(0);
      // Rows deleted over the table's life, for operators (`kilde outbox status`).
      t.bigInteger('pruned_rows').notNullable().defaultTo(0);
      t.string('last_pruned_at', TIMESTAMP_LENGTH).nullable();
    });
    await knex.schema.alterTable(TABLES.outboxDeliveries, (t) => {
      t.index(['seq'], 'kilde_outbox_deliveries_seq_idx');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable(TABLES.outboxDeliveries, (t) => {
      t.dropIndex(['seq'], 'kilde_outbox_deliveries_seq_idx');
    });
    await knex.schema.dropTable(TABLES.outboxRetention);
  },
};
