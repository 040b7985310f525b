import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { documentTypes, type DocumentType } from '@kilde/schemas';
import { listDocumentIds } from '@kilde/store';
import { documentsOf } from '../strapi/content-types';
import { reconcileDocument } from '../publication/publication-service';

export interface RebuildReport {
  documents: number;
  published: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/**
 * Rebuilds the read store from what Strapi has published: every document is reconciled in its
 * own transaction (so a crash leaves finished documents done and a rerun continues), and read-store
 * entries whose document no longer exists in the CMS get tombstones. Outbox rows are written for
 * every change, so search and partners catch up too.
 */
export async function rebuildReadStore(
  strapi: Core.Strapi,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<RebuildReport> {
  const report: RebuildReport = { documents: 0, published: 0, updated: 0, unchanged: 0, removed: 0 };
  const work: { type: DocumentType; id: string }[] = [];
  for (const type of documentTypes) {
    const ids = new Set<string>();
    const pageSize = 500;
    for (let start = 0; ; start += pageSize) {
      const page = (await documentsOf(strapi, type).findMany({ fields: ['documentId'] as never, locale: '*' as never, start, limit: pageSize })) as { documentId: string }[];
      for (const e of page) ids.add(e.documentId);
      if (page.length < pageSize) break;
    }
    for (const id of await listDocumentIds(strapi.db.connection, { type })) ids.add(id);
    for (const id of ids) work.push({ type, id });
  }
  let done = 0;
  for (const { type, id } of work) {
    const result = await strapi.db.transaction(({ trx }) =>
      reconcileDocument(strapi, trx as unknown as Knex.Transaction, type, id, 'deleted', { actor: 'cli:rebuild', changeNote: 'rebuild read-store' }),
    );
    report.documents += 1;
    for (const p of result.published) {
      if (p.status === 'unchanged') report.unchanged += 1;
      else if (p.status === 'updated') report.updated += 1;
      else report.published += 1;
    }
    report.removed += result.removed.length;
    done += 1;
    onProgress(done, work.length);
  }
  return report;
}
