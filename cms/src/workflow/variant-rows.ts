import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { DocumentType, Locale } from '@kilde/schemas';
import { contentTypeUids, documentsOf, populateFor } from '../strapi/content-types';
import { STAGES, type Stage } from './types';

/** Fields the workflow owns on a variant's rows; editors never write them directly. */
export interface WorkflowFields {
  workflowStage?: Stage;
  lastReviewed?: string | null;
  nextReviewDue?: string | null;
  changeNoteKind?: string | null;
  changeNote?: string | null;
}

/** A variant row as the workflow reads it (scalar fields only, loosely typed). */
export type VariantRow = Record<string, unknown> & {
  id: number;
  documentId: string;
  locale: string;
  publishedAt: string | null;
};

export function stageOf(row: Record<string, unknown> | null | undefined): Stage {
  const value = row?.workflowStage;
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
    ? (value as Stage)
    : 'draft';
}

/** The draft or published row of one variant, scalar fields only (joins the current transaction). */
export async function findVariantRow(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
  locale: Locale,
  status: 'draft' | 'published',
): Promise<VariantRow | null> {
  return (await strapi.db.query(contentTypeUids[type]).findOne({
    where: {
      documentId,
      locale,
      publishedAt: status === 'draft' ? { $null: true } : { $notNull: true },
    },
  })) as VariantRow | null;
}

/**
 * The draft row's scalars plus its topics' documentIds: everything deciding a publish needs
 * (stage, pending change note, review fields, topics for the review interval), in one light query.
 */
export async function findDraftForPlanning(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
  locale: Locale,
): Promise<VariantRow | null> {
  const topics = type === 'article' || type === 'question' || type === 'service';
  return (await strapi.db.query(contentTypeUids[type]).findOne({
    where: { documentId, locale, publishedAt: { $null: true } },
    ...(topics ? { populate: { topics: { select: ['documentId'] } } } : {}),
  })) as VariantRow | null;
}

/** The variant with everything the gate and the canonical document need. */
export async function findVariant(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
  locale: Locale,
  status: 'draft' | 'published',
): Promise<Record<string, unknown> | null> {
  return documentsOf(strapi, type).findOne({
    documentId,
    locale,
    status,
    populate: populateFor[type] as never,
  });
}

/**
 * Writes workflow-owned fields straight to a variant's rows.
 * @remarks Deliberately below Strapi's query layer: its timestamp subscriber would bump
 * `updatedAt`, and the content manager would then show a published entry as "modified" because
 * its stage changed. Stage, review dates and the pending change note are workflow metadata, not
 * an edit of the content.
 */
export async function writeWorkflowFields(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  type: DocumentType,
  documentId: string,
  locale: Locale,
  status: 'draft' | 'published' | 'both',
  fields: WorkflowFields,
): Promise<number> {
  const meta = strapi.db.metadata.get(contentTypeUids[type]) as unknown as {
    tableName: string;
    attributes: Record<string, { columnName?: string }>;
  };
  const column = (name: string): string => meta.attributes[name]?.columnName ?? name;
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && meta.attributes[name]) values[column(name)] = value;
  }
  if (Object.keys(values).length === 0) return 0;
  const query = trx(meta.tableName).where({
    [column('documentId')]: documentId,
    [column('locale')]: locale,
  });
  if (status === 'draft') void query.whereNull(column('publishedAt'));
  if (status === 'published') void query.whereNotNull(column('publishedAt'));
  return query.update(values);
}

/** The locales a document has a draft in. */
export async function localesOf(
  strapi: Core.Strapi,
  type: DocumentType,
  documentId: string,
): Promise<Locale[]> {
  const rows = (await strapi.db.query(contentTypeUids[type]).findMany({
    where: { documentId, publishedAt: { $null: true } },
    select: ['locale', 'createdAt'],
    orderBy: { createdAt: 'asc' },
  })) as { locale: Locale }[];
  return rows.map((r) => r.locale);
}
