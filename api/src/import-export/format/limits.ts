/** Limits that keep a hostile or broken batch from exhausting memory, disk or CPU. */
export interface ImportLimits {
  /** Largest single record (NDJSON line, JSON document, Markdown file). */
  maxRecordBytes: number;
  /** Largest JSON file (parsed whole; NDJSON streams and has no file limit). */
  maxJsonFileBytes: number;
  /** Most entries in a zip. */
  maxZipEntries: number;
  /** Largest uncompressed size of all zip entries together. */
  maxZipTotalBytes: number;
  /** Largest expansion ratio of a zip entry bigger than `zipRatioFloorBytes`. */
  maxZipRatio: number;
  /** Entries smaller than this are never counted as bombs (tiny text compresses very well). */
  zipRatioFloorBytes: number;
  /** Largest image file. */
  maxImageBytes: number;
  /** sharp's `limitInputPixels`: decoding stops above this many pixels. */
  maxImagePixels: number;
}

export const defaultImportLimits: ImportLimits = {
  maxRecordBytes: 8 * 1024 * 1024,
  maxJsonFileBytes: 64 * 1024 * 1024,
  maxZipEntries: 200_000,
  maxZipTotalBytes: 4 * 1024 * 1024 * 1024,
  maxZipRatio: 200,
  zipRatioFloorBytes: 1024 * 1024,
  maxImageBytes: 25 * 1024 * 1024,
  maxImagePixels: 50_000_000,
};
