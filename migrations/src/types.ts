import type { Knex } from 'knex';

/**
 * One schema change, applied in order by knex's migrator through a custom migration source.
 * @remarks `name` is what knex records in `kilde_migrations`; never rename a shipped migration.
 */
export interface KildeMigration {
  /** Sortable, unique and stable: `0001_read_store`. */
  readonly name: string;
  /** Applies the change. Runs inside the migrator's transaction. */
  up(knex: Knex): Promise<void>;
  /** Reverts `up` exactly; a one-way migration throws here and says why. */
  down(knex: Knex): Promise<void>;
}
