import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

export const AUDIT_TABLE = 'kilde_audit_log';

/**
 * The audit log: who did what and when, append-only.
 * @remarks A database trigger refuses UPDATE and DELETE on both engines, so not even a bug in
 * Kilde (or a careless script) can rewrite history; only dropping the table could. Entries name
 * people by their admin user (staff), partners by key id; never an IP address or a young person.
 */
export const auditLog: KildeMigration = {
  name: '0010_audit_log',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(AUDIT_TABLE, (t) => {
      t.increments('id').primary();
      t.string('at', TIMESTAMP_LENGTH).notNullable();
      // `admin:12`, `partner:<key id>`, `system:import`, `cli`
      t.string('actor', 200).notNullable();
      t.string('actor_name', 200).nullable();
      // `auth.login`, `role.update`, `workflow.transition`, `content.publish`, `partner-key.create`…
      t.string('action', 64).notNullable();
      t.string('subject_type', 64).nullable();
      t.string('subject_id', 200).nullable();
      t.string('outcome', 16).notNullable().defaultTo('success');
      t.text('details').nullable();
      t.string('request_id', 64).nullable();
      t.index(['at'], 'kilde_audit_log_at_idx');
      t.index(['action', 'at'], 'kilde_audit_log_action_idx');
      t.index(['actor', 'at'], 'kilde_audit_log_actor_idx');
    });
    const client = (knex.client as { config: { client: string } }).config.client;
    if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
      await knex.raw(`create or replace function kilde_audit_log_append_only() returns trigger as $$
        begin raise exception 'kilde_audit_log is append-only'; end; $$ language plpgsql`);
      await knex.raw(`create trigger kilde_audit_log_no_change before update or delete on ${AUDIT_TABLE}
        for each row execute function kilde_audit_log_append_only()`);
    } else {
      for (const op of ['update', 'delete']) {
        await knex.raw(`create trigger kilde_audit_log_no_${op} before ${op} on ${AUDIT_TABLE}
          begin select raise(abort, 'kilde_audit_log is append-only'); end`);
      }
    }
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(AUDIT_TABLE);
    const client = (knex.client as { config: { client: string } }).config.client;
    if (client === 'pg' || client === 'postgres' || client === 'postgresql') {
      await knex.raw('drop function if exists kilde_audit_log_append_only()');
    }
  },
};
