/**
 * Import (issue #6): batches validated by the format library (`@kilde/api`) are staged in
 * `kilde_import_items` and applied as the `system:import` actor — new drafts in bulk on Strapi's
 * query engine under the workflow's write rule and Strapi's draft rules, everything else through
 * Strapi's document service — so drafts enter the editorial workflow and publishing meets the
 * quality gate.
 */
import type { Core } from '@strapi/strapi';
import { registerImportInternalRoutes, resumeInterruptedJobs } from './routes';
import { useKildeImagePipeline } from './uploaded-images';

export { runImport, applyJob } from './import-service';
export { importQueueIdle, partnerProfile, stagingDir } from './routes';
export type { ImportOptions, ImportReport } from './types';

/** In `bootstrap`: internal routes for `POST /v1/import`, and jobs a stopped CMS left unfinished. */
export async function bootstrapImport(
  strapi: Core.Strapi,
  options: { resumeJobs: boolean },
): Promise<void> {
  registerImportInternalRoutes(strapi);
  useKildeImagePipeline(strapi);
  if (options.resumeJobs) {
    const n = await resumeInterruptedJobs(strapi);
    if (n > 0) strapi.log.info(`Resuming ${n} interrupted import job(s)`);
  }
}
