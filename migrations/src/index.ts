/**
 * @kilde/migrations — Kilde's database schema as an ordered list of reversible knex migrations.
 * @remarks Runs on SQLite and PostgreSQL alike: knex's schema builder, plus raw DDL per engine
 * only where the builder has no word for it (the audit log's append-only triggers).
 * `@kilde/store` feeds this list to knex's migrator through a custom migration source.
 */
import { readStore } from './migrations/0001-read-store';
import { outbox } from './migrations/0002-outbox';
import { revisions } from './migrations/0003-revisions';
import { partnerKeys } from './migrations/0004-partner-keys';
import { partnerUsage } from './migrations/0005-partner-usage';
import { workflow } from './migrations/0006-workflow';
import { widgetKeysAndSearchAnalytics } from './migrations/0007-widget-keys-and-search-analytics';
import { answerService } from './migrations/0008-answer-service';
import { importExportWebhooks } from './migrations/0009-import-export-webhooks';
import { auditLog } from './migrations/0010-audit-log';
import { webhookDeliveryClaims } from './migrations/0011-webhook-delivery-claims';
import { outboxRetention } from './migrations/0012-outbox-retention';
import { leases } from './migrations/0013-leases';
import type { KildeMigration } from './types';

export type { KildeMigration } from './types';
export { TABLES, MIGRATIONS_TABLE, TIMESTAMP_LENGTH } from './tables';
export { WORKFLOW_TABLES } from './migrations/0006-workflow';
export { ANSWER_SERVICE_TABLES } from './migrations/0008-answer-service';
export { AUDIT_TABLE } from './migrations/0010-audit-log';
export { LEASES_TABLE } from './migrations/0013-leases';
export { IMPORT_EXPORT_TABLES } from './migrations/0009-import-export-webhooks';
export { SEARCH_ANALYTICS_TABLES, SEARCH_ANALYTICS_MAX_QUERY_LENGTH } from './migrations/0007-widget-keys-and-search-analytics';

/** Every migration, in the order it must be applied. Append only. */
export const migrations: readonly KildeMigration[] = [
  readStore,
  outbox,
  revisions,
  partnerKeys,
  partnerUsage,
  workflow,
  widgetKeysAndSearchAnalytics,
  answerService,
  importExportWebhooks,
  auditLog,
  webhookDeliveryClaims,
  outboxRetention,
  leases,
];
