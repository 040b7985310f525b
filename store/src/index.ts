/**
 * @kilde/store — Kilde's database layer: connection, migrations, publication with a
 * transactional outbox, the read store the API serves from, the outbox dispatcher and
 * revision history. Works on SQLite (default) and PostgreSQL.
 */
export { createDatabase } from './database/create-database';
export type { DatabaseOptions } from './database/create-database';
export { parseDatabaseUrl } from './database/parse-database-url';
export type { DatabaseTarget } from './database/parse-database-url';

export {
  runMigrations,
  rollbackMigrations,
  migrationStatus,
  unlockMigrations,
} from './migrations/run-migrations';
export type { MigrateOptions, MigrationStatus } from './migrations/run-migrations';

export { publishDocument } from './publication/publish-document';
export { tombstoneDocument } from './publication/tombstone-document';
export type {
  DocumentKey,
  PublicationFaults,
  PublicationMeta,
  PublicationOptions,
  PublishResult,
  TombstonePayload,
  TombstoneReason,
  TombstoneResult,
} from './publication/types';

export {
  getDocument,
  getDocumentBySlug,
  listDocuments,
  countDocuments,
  MAX_DOCUMENT_PAGE,
} from './read-store/queries';
export type {
  CountDocumentsQuery,
  DocumentPage,
  ListDocumentsQuery,
  StoredDocument,
} from './read-store/types';

export { createOutboxDispatcher } from './outbox/dispatcher';
export { headSeq, outboxStatus, listDeliveries, consumerCursor } from './outbox/status';
export {
  replayConsumer,
  rewindConsumer,
  type RewindOptions,
  type RewindResult,
} from './outbox/replay';
export {
  forgetConsumer,
  type ForgetConsumerOptions,
  type ForgetConsumerResult,
} from './outbox/forget-consumer';
export { DEFAULT_STALE_AFTER_HOURS } from './outbox/consumer-health';
export { listChanges, MAX_CHANGE_PAGE } from './outbox/changes';
export {
  pruneOutbox,
  outboxWatermark,
  outboxRetention,
  assertChangesRetained,
  DEFAULT_PRUNE_BATCH_SIZE,
  type PruneOutboxOptions,
  type PruneOutboxResult,
  type StaleConsumerHold,
  type OutboxRetention,
} from './outbox/retention';
export { DEFAULT_BACKOFF, backoffDelay } from './outbox/backoff';
export type {
  BackoffOptions,
  Change,
  ChangePage,
  ConsumerStatus,
  DeliveryState,
  OutboxConsumer,
  OutboxDeleteEvent,
  OutboxDispatcher,
  OutboxDispatcherOptions,
  OutboxEvent,
  OutboxStatus,
  OutboxUpsertEvent,
  ReplayRequest,
  ReplayResult,
} from './outbox/types';

export {
  createRevisionHistoryConsumer,
  REVISION_HISTORY_CONSUMER,
} from './revisions/revision-history-consumer';
export { listRevisions, getRevision } from './revisions/queries';
export type { Revision, RevisionSummary } from './revisions/types';

export { silentLogger } from './shared/logger';
export type { StoreLogger } from './shared/logger';
export type { Queryable } from './shared/queryable';

export { DatabaseError } from './errors/database-error';
export { toStoreError } from './database/database-errors';
export type { DatabaseErrorCode } from './errors/database-error';
export { DatabaseUrlError } from './errors/database-url-error';
export { DocumentTypeConflictError } from './errors/document-type-conflict-error';
export { ConsumerNotFoundError } from './errors/consumer-not-found-error';
export { ConsumerLeaseHeldError } from './errors/consumer-lease-held-error';
export { CursorExpiredError } from './errors/cursor-expired-error';
export { MigrationsLockedError } from './errors/migrations-locked-error';
export { LeaseHeldError, type LeaseHolder } from './errors/lease-held-error';
export {
  acquireLease,
  defaultLeaseOwner,
  leaseHolder,
  releaseLease,
  renewLease,
  withLease,
} from './leases/leases';
export type { HeldLease, LeaseAttempt, LeaseOptions } from './leases/leases';

export { listDocumentIds } from './read-store/list-document-ids';
export {
  createPartnerKey,
  findPartnerKey,
  listPartnerKeys,
  revokePartnerKey,
  rotatePartnerKey,
  hashPartnerKey,
  partnerScopes,
  lookupPartnerKey,
  touchPartnerKeys,
  recordPartnerUsage,
  listPartnerUsage,
} from './partner-keys/partner-keys';
export type {
  PartnerKeyLookup,
  PartnerKeyRecord,
  PartnerScope,
  PartnerUsageIncrement,
  PartnerUsageRow,
} from './partner-keys/partner-keys';
export {
  createWidgetKey,
  rotateWidgetKey,
  lookupWidgetKey,
  listWidgetKeys,
  listWidgetOrigins,
  normalizeOrigin,
  InvalidOriginError,
  WIDGET_KEY_PATTERN,
} from './partner-keys/widget-keys';
export type { WidgetKeyLookup, WidgetKeyRecord } from './partner-keys/widget-keys';
export { auditActions, iterateAudit, listAudit, recordAudit } from './audit/audit-log';
export type { AuditAction, AuditEntry, AuditEntryInput, AuditFilter } from './audit/audit-log';
export { registerStoreMetrics } from './metrics/store-metrics';
