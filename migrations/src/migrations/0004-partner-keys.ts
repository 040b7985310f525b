import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * API keys of partner sites. Only a SHA-256 hash of each key is stored: keys are 192-bit random
 * tokens, so a fast hash is enough (no password stretching needed) and lookups stay O(1).
 */
export const partnerKeys: KildeMigration = {
  name: '0004_partner_keys',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('kilde_partner_keys', (t) => {
      // No constraintName: knex 3.0.1 emits invalid SQL for it on SQLite (see 0001_read_store).
      t.string('id', 36).notNullable().primary();
      t.string('partner', 200).notNullable();
      // Shown in listings so a partner can tell keys apart without the secret.
      t.string('prefix', 32).notNullable();
      t.string('key_hash', 64).notNullable().unique({ indexName: 'kilde_partner_keys_hash_uniq' });
      t.text('scopes').notNullable();
      t.integer('rate_limit_per_minute').nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.string('expires_at', TIMESTAMP_LENGTH).nullable();
      t.string('revoked_at', TIMESTAMP_LENGTH).nullable();
      t.string('last_used_at', TIMESTAMP_LENGTH).nullable();
      t.index(['partner'], 'kilde_partner_keys_partner_idx');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('kilde_partner_keys');
  },
};
