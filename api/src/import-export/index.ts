import type { RestContext, RestModule, RestRoute } from '../rest/types';
import { handleExport, handleImport, handleJob, withErrors } from './handler';

/**
 * Import and export for partners (issue #6):
 * - `POST /v1/import` (scope `import`; `?dryRun=true`, `?mode=atomic|partial`, `?publish=true`
 *   for trusted partners): the body is streamed to a staging file, validated here with the format
 *   library, and handed to the CMS as a job over the internal channel;
 * - `GET /v1/import/jobs/:id`: the job's progress and outcome;
 * - `GET /v1/export` (scope `export`): canonical documents streamed from the read store.
 */
export const importExportModule: RestModule = (context: RestContext): RestRoute[] => [
  { pattern: /^\/v1\/import$/, methods: ['POST'], handle: withErrors(context, handleImport) },
  {
    pattern: /^\/v1\/import\/jobs\/(?<id>[0-9a-f-]{1,64})$/,
    methods: ['GET'],
    handle: withErrors(context, handleJob),
  },
  { pattern: /^\/v1\/export$/, methods: ['GET'], handle: withErrors(context, handleExport) },
];
