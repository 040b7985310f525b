import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';
import { IMPORT_EXPORT_TABLES } from './0009-import-export-webhooks';

/**
 * Claims on webhook deliveries, so several CMS nodes can run the delivery sender at once (issue
 * #10):
 * - `kilde_webhook_deliveries.claimed_by` / `claimed_until`: the node sending a delivery right
 *   now and until when its claim holds. A node claims due rows in one statement (on PostgreSQL
 *   through `FOR UPDATE SKIP LOCKED`), renews the claim before each attempt and clears it with the
 *   result; a crashed node's claim simply runs out and another node takes the row.
 * - `kilde_webhook_attempts.sent_by`: which node made an attempt, for the delivery log.
 * - an index on (endpoint, item, status), which the "no older delivery of this item is still
 *   pending" check of every claim reads.
 * @remarks Columns only, all nullable: rows written before the migration are unclaimed.
 */
export const webhookDeliveryClaims: KildeMigration = {
  name: '0011_webhook_delivery_claims',
  async up(knex: Knex): Promise<void> {
    await knex.schema.alterTable(IMPORT_EXPORT_TABLES.webhookDeliveries, (t) => {
      t.string('claimed_by', 100).nullable();
      t.string('claimed_until', TIMESTAMP_LENGTH).nullable();
      t.index(['endpoint_id', 'doc_id', 'locale', 'status'], 'kilde_webhook_deliveries_item_idx');
    });
    await knex.schema.alterTable(IMPORT_EXPORT_TABLES.webhookAttempts, (t) => {
      t.string('sent_by', 100).nullable();
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.alterTable(IMPORT_EXPORT_TABLES.webhookAttempts, (t) => {
      t.dropColumn('sent_by');
    });
    await knex.schema.alterTable(IMPORT_EXPORT_TABLES.webhookDeliveries, (t) => {
      t.dropIndex(
        ['endpoint_id', 'doc_id', 'locale', 'status'],
        'kilde_webhook_deliveries_item_idx',
      );
      t.dropColumn('claimed_until');
      t.dropColumn('claimed_by');
    });
  },
};
