import type { Core } from '@strapi/strapi';
import { ImportBatch } from '@kilde/api';
import { findJobRow } from './job-store';
import type { JobSource } from './types';

/** Opens the batch a job was started from again (for images when finishing it), or null when it is gone. */
export async function reopenJobBatch(
  strapi: Core.Strapi,
  jobId: string,
): Promise<ImportBatch | null> {
  const job = await findJobRow(strapi.db.connection, jobId);
  if (!job) return null;
  const source = JSON.parse(job.source) as JobSource;
  try {
    return source.kind === 'paths'
      ? await ImportBatch.fromPaths(source.paths)
      : await ImportBatch.fromFile(source.path, source.format, source.name);
  } catch {
    return null;
  }
}
