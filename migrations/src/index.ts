/**
 * @kilde/migrations — Kilde's database schema as an ordered list of reversible knex migrations.
 * @remarks Runs on SQLite and PostgreSQL alike: only knex's schema builder is used, no raw DDL.
 * `@kilde/store` feeds this list to knex's migrator through a custom migration source.
 */
import { readStore } from './migrations/0001-read-store';
import { outbox } from './migrations/0002-outbox';
import { revisions } from './migrations/0003-revisions';
import { partnerKeys } from './migrations/0004-partner-keys';
import { partnerUsage } from './migrations/0005-partner-usage';
import { workflow } from './migrations/0006-workflow';
import type { KildeMigration } from './types';

export type { KildeMigration } from './types';
export { TABLES, MIGRATIONS_TABLE, TIMESTAMP_LENGTH } from './tables';
export { WORKFLOW_TABLES } from './migrations/0006-workflow';

/** Every migration, in the order it must be applied. Append only. */
export const migrations: readonly KildeMigration[] = [
  readStore,
  outbox,
  revisions,
  partnerKeys,
  partnerUsage,
  workflow,
];
