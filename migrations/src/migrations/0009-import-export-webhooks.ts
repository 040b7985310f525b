import type { Knex } from 'knex';
import { TIMESTAMP_LENGTH } from '../tables';
import type { KildeMigration } from '../types';

/** Tables of import jobs and webhook deliveries (issue #6), owned by the CMS. */
export const IMPORT_EXPORT_TABLES = {
  jobs: 'kilde_import_jobs',
  items: 'kilde_import_items',
  identities: 'kilde_import_identities',
  webhookDeliveries: 'kilde_webhook_deliveries',
  webhookAttempts: 'kilde_webhook_attempts',
} as const;

/**
 * Import jobs and webhook delivery state:
 * - `kilde_import_jobs`: one row per import (CLI or `POST /v1/import`): mode, status, counts and
 *   the first problems, so `GET /v1/import/jobs/:id` can report progress and a rerun can finish it.
 * - `kilde_import_items`: the job's validated records, staged before anything is applied, each
 *   with its outcome; applying reads them back in dependency order, a page at a time.
 * - `kilde_import_identities`: (provider, type, externalId, locale) → the Strapi document and
 *   the content hash last imported, written in the same transaction as the draft, so a re-import
 *   of the same record is recognised as unchanged and a changed one updates its draft.
 * - `kilde_webhook_deliveries`: one row per (endpoint, outbox event): the per-endpoint queue, so
 *   one failing partner never holds up the others; attempts, next try, last status.
 * - `kilde_webhook_attempts`: the delivery log (status code, response time, error) per attempt.
 * @remarks Endpoints themselves are a Strapi content type (`webhook-endpoint`), edited in the admin.
 */
export const importExportWebhooks: KildeMigration = {
  name: '0009_import_export_webhooks',
  async up(knex: Knex): Promise<void> {
    await knex.schema.createTable(IMPORT_EXPORT_TABLES.jobs, (t) => {
      t.string('id', 36).primary();
      // queued → staging → applying → completed | failed | rolled-back
      t.string('status', 16).notNullable();
      t.string('mode', 16).notNullable();
      t.boolean('publish').notNullable().defaultTo(false);
      t.string('provider', 64).nullable();
      // The partner (key's partner name) or `cli`; never a person.
      t.string('requested_by', 200).notNullable();
      t.text('source').notNullable();
      t.integer('total').notNullable().defaultTo(0);
      t.integer('processed').notNullable().defaultTo(0);
      t.integer('created').notNullable().defaultTo(0);
      t.integer('updated').notNullable().defaultTo(0);
      t.integer('unchanged').notNullable().defaultTo(0);
      t.integer('published').notNullable().defaultTo(0);
      t.integer('failed').notNullable().defaultTo(0);
      t.integer('invalid').notNullable().defaultTo(0);
      // The first problems (capped), as JSON [{file,line,path,message,code}].
      t.text('issues').nullable();
      t.text('error').nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.string('finished_at', TIMESTAMP_LENGTH).nullable();
      t.index(['status', 'created_at'], 'kilde_import_jobs_status_idx');
    });
    await knex.schema.createTable(IMPORT_EXPORT_TABLES.items, (t) => {
      t.string('job_id', 36).notNullable();
      t.integer('seq').notNullable();
      // Dependency rank of the type (organisations first), so applying reads in one ordered pass.
      t.integer('rank').notNullable();
      t.string('type', 32).notNullable();
      t.string('locale', 8).notNullable();
      t.string('key', 200).notNullable();
      t.string('file', 500).notNullable();
      t.integer('line').notNullable();
      t.string('content_hash', 80).notNullable();
      t.text('record').notNullable();
      // pending → created | updated | unchanged | failed
      t.string('status', 16).notNullable();
      t.string('document_id', 64).nullable();
      t.text('issues').nullable();
      t.primary(['job_id', 'seq']);
      t.index(['job_id', 'status', 'rank', 'seq'], 'kilde_import_items_pending_idx');
      t.foreign('job_id', 'kilde_import_items_job_fk')
        .references('id')
        .inTable(IMPORT_EXPORT_TABLES.jobs)
        .onDelete('CASCADE');
    });
    await knex.schema.createTable(IMPORT_EXPORT_TABLES.identities, (t) => {
      // Organisation documentId of the provider, or '' when the batch has none (topics, CLI).
      t.string('provider', 64).notNullable();
      t.string('type', 32).notNullable();
      t.string('external_id', 200).notNullable();
      t.string('locale', 8).notNullable();
      t.string('document_id', 64).notNullable();
      t.string('content_hash', 80).notNullable();
      t.string('job_id', 36).nullable();
      t.string('updated_at', TIMESTAMP_LENGTH).notNullable();
      t.primary(['provider', 'type', 'external_id', 'locale']);
      t.index(['document_id'], 'kilde_import_identities_document_idx');
    });
    await knex.schema.createTable(IMPORT_EXPORT_TABLES.webhookDeliveries, (t) => {
      t.increments('id').primary();
      t.string('endpoint_id', 64).notNullable();
      t.string('event_id', 36).notNullable();
      t.bigInteger('seq').notNullable();
      t.string('event', 32).notNullable();
      t.string('doc_type', 32).notNullable();
      t.string('doc_id', 64).notNullable();
      t.string('locale', 8).notNullable();
      t.integer('version').notNullable();
      // The signed body, exactly as sent (a redelivery sends the same bytes with a new signature).
      t.text('payload').notNullable();
      // pending → delivered | abandoned (after the retry window) ; redelivery sets pending again
      t.string('status', 16).notNullable();
      t.integer('attempts').notNullable().defaultTo(0);
      t.string('next_attempt_at', TIMESTAMP_LENGTH).nullable();
      t.integer('last_status').nullable();
      t.integer('last_response_ms').nullable();
      t.text('last_error').nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.string('delivered_at', TIMESTAMP_LENGTH).nullable();
      t.unique(['endpoint_id', 'event_id'], { indexName: 'kilde_webhook_deliveries_event_uniq' });
      t.index(['status', 'next_attempt_at'], 'kilde_webhook_deliveries_due_idx');
      t.index(['endpoint_id', 'id'], 'kilde_webhook_deliveries_endpoint_idx');
    });
    await knex.schema.createTable(IMPORT_EXPORT_TABLES.webhookAttempts, (t) => {
      t.increments('id').primary();
      t.integer('delivery_id').notNullable();
      t.string('endpoint_id', 64).notNullable();
      t.integer('attempt').notNullable();
      t.integer('status').nullable();
      t.integer('response_ms').notNullable();
      t.text('error').nullable();
      t.string('created_at', TIMESTAMP_LENGTH).notNullable();
      t.index(['endpoint_id', 'id'], 'kilde_webhook_attempts_endpoint_idx');
      t.index(['delivery_id'], 'kilde_webhook_attempts_delivery_idx');
    });
  },
  async down(knex: Knex): Promise<void> {
    await knex.schema.dropTable(IMPORT_EXPORT_TABLES.webhookAttempts);
    await knex.schema.dropTable(IMPORT_EXPORT_TABLES.webhookDeliveries);
    await knex.schema.dropTable(IMPORT_EXPORT_TABLES.identities);
    await knex.schema.dropTable(IMPORT_EXPORT_TABLES.items);
    await knex.schema.dropTable(IMPORT_EXPORT_TABLES.jobs);
  },
};
