import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/**
 * Anonymous usage aggregates of the partner API: per day, partner and provider, how many requests
 * served that provider's content and how many items. No key, IP, query or person is recorded.
 * @remarks `provider_id = ''` holds the partner's totals for the day (all requests, all items).
 * API processes add their in-memory counts every minute (`count = count + n`), so replicas never
 * overwrite each other and a request never waits for a write.
 */
export const partnerUsage: KildeMigration = {
  name: '0005_partner_usage',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable('kilde_partner_usage', (t) => {
      t.string('day', 10).notNullable();
      t.string('partner', 200).notNullable();
      t.string('provider_id', 64).notNullable();
      t.bigInteger('requests').notNullable().defaultTo(0);
      t.bigInteger('items').notNullable().defaultTo(0);
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      // Unnamed on purpose: knex 3.0.1 renders `{ constraintName }` as invalid SQL on SQLite.
      t.primary(['day', 'partner', 'provider_id']);
      t.index(['provider_id', 'day'], 'kilde_partner_usage_provider_idx');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable('kilde_partner_usage');
  },
};
