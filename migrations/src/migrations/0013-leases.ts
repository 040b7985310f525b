import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/** The table of named leases (see {@link leases}). */
export const LEASES_TABLE = 'kilde_leases';

/**
 * Named leases: "one at a time across every node" for jobs that are not outbox consumers, first
 * of all `npx kilde reindex` (two reindexes at once would swap indexes under each other and rewind
 * the search consumer twice).
 * @remarks The same shape and rules as the outbox consumers' lease
 * (`kilde_outbox_consumers.lease_owner/lease_expires_at`): taken in one conditional UPDATE when
 * free, expired or already ours, renewed by its owner while the job runs, cleared at the end; a
 * crashed owner's lease simply runs out. `acquired_at` is kept so a refusal can say since when the
 * other holder has been running. A row stays after release (owner null), like a consumer row.
 */
export const leases: KildeMigration = {
  name: '0013_leases',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(LEASES_TABLE, (t) => {
      t.string('name', 100).notNullable().primary();
      t.string('owner', 200).nullable();
      t.string('acquired_at', TIMESTAMP_LENGTH).nullable();
      t.string('expires_at', TIMESTAMP_LENGTH).nullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(LEASES_TABLE);
  },
};
