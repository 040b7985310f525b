/**
 * Names of the tables Kilde owns. Every name carries the `kilde_` prefix so Kilde's tables never
 * collide with Strapi's own tables when both live in the same database.
 */
export const TABLES = {
  documents: 'kilde_documents',
  outbox: 'kilde_outbox',
  outboxConsumers: 'kilde_outbox_consumers',
  outboxDeliveries: 'kilde_outbox_deliveries',
  outboxRetention: 'kilde_outbox_retention',
  revisions: 'kilde_revisions',
} as const;

/** Name of knex's bookkeeping table for Kilde's migrations (its lock table gets `_lock`). */
export const MIGRATIONS_TABLE = 'kilde_migrations';

/**
 * Width of every timestamp column.
 * @remarks Timestamps are stored as fixed-width UTC ISO-8601 strings
 * (`2025-01-31T12:00:00.000Z`, what `Date#toISOString` produces) rather than native timestamp
 * types: SQLite has no timestamp type, PostgreSQL's driver would hand back `Date` objects, and a
 * fixed-width UTC string sorts chronologically as plain text on both, so one query works on both.
 */
export const TIMESTAMP_LENGTH = 32;
