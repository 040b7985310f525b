import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export interface WorkflowTransaction {
  trx: Knex.Transaction;
  /** Runs after the outermost transaction commits (never after a rollback). */
  onCommit: (fn: () => void) => void;
}

/**
 * Strapi's `db.transaction` with its knex transaction typed. Nested calls join the outer
 * transaction (Strapi keeps it in AsyncLocalStorage), so a workflow step inside a publish is
 * atomic with it.
 */
export function inTransaction<T>(
  strapi: Core.Strapi,
  fn: (tx: WorkflowTransaction) => Promise<T>,
): Promise<T> {
  return strapi.db.transaction((params) =>
    fn(params as unknown as WorkflowTransaction),
  ) as Promise<T>;
}
