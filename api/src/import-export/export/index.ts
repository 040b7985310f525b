export {
  exportRows,
  writeExport,
  changesHead,
  exportFormats,
  exportMedia,
  exportTypeOrder,
} from './export-documents';
export type { ExportFormat, ExportQuery, ExportRow, MediaReader } from './export-documents';
export { parseSince, encodeSinceCursor } from './since';
