/**
 * The import/export format library: streaming parsers for JSON, NDJSON, Markdown with front
 * matter and zips, validation against the canonical schema, image processing and the export
 * writers. Pure: no database and no HTTP, so the API (uploads) and the CMS (CLI, jobs) share it.
 */
export { ImportErrorCode, formatIssue } from './codes';
export type { ImportIssue } from './codes';
export { defaultImportLimits } from './limits';
export type { ImportLimits } from './limits';
export { ImportBatch, formatOfContentType, kindOf, splitLines, readAll } from './batch';
export type { BatchEntry, BatchEvent, EntryKind, SourceFormat } from './batch';
export {
  prepareRecord,
  batchIdentity,
  identityHash,
  isBatchPath,
  resolveBatchPath,
} from './record';
export type { ImportRecord, ImageRef, RecordOrigin } from './record';
export {
  parseMarkdownRecord,
  splitFrontMatter,
  markdownBodyField,
  toMarkdownFile,
} from './markdown';
export { decodeUtf8 } from './text';
export { ZipWriter } from './zip-writer';
export { processImage, ImageProcessingError, VARIANT_WIDTHS } from './images';
export type { ProcessedImage, ProcessedFile } from './images';
