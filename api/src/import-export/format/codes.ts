/**
 * Stable error codes of import, one per kind of problem, so an importer (or a script) can act on
 * them. Append only. `docs/import-export.md` lists every code with an example.
 */
export enum ImportErrorCode {
  /** The body or a file is empty. */
  EmptyInput = 'EMPTY_INPUT',
  /** Neither JSON, NDJSON, Markdown nor a zip (by content type or file extension). */
  UnsupportedFormat = 'UNSUPPORTED_FORMAT',
  /** Bytes that are not valid UTF-8. */
  InvalidUtf8 = 'INVALID_UTF8',
  /** A JSON document or NDJSON line that does not parse. */
  InvalidJson = 'INVALID_JSON',
  /** The last NDJSON line ends without a newline and does not parse: the file was cut off. */
  TruncatedRecord = 'TRUNCATED_RECORD',
  /** One record (NDJSON line, JSON file, Markdown file) is larger than the record limit. */
  RecordTooLarge = 'RECORD_TOO_LARGE',
  /** A file is larger than the file limit (JSON arrays are parsed whole; use NDJSON for more). */
  FileTooLarge = 'FILE_TOO_LARGE',
  /** Markdown without a `---` YAML front matter block, or front matter that is not YAML. */
  InvalidFrontMatter = 'INVALID_FRONT_MATTER',
  /** The record does not match the canonical JSON Schema (`path` and `message` say where). */
  SchemaViolation = 'SCHEMA_VIOLATION',
  /** `locale` is not one of Kilde's locales (nb, nn, en). */
  UnknownLocale = 'UNKNOWN_LOCALE',
  /** Neither `externalId` nor `id`: the record cannot be identified. */
  MissingIdentity = 'MISSING_IDENTITY',
  /** The same (type, externalId/id, locale) twice in one batch. */
  DuplicateRecord = 'DUPLICATE_RECORD',
  /** A zip that cannot be read. */
  ZipInvalid = 'ZIP_INVALID',
  /** A zip entry whose name escapes the archive (`../`, absolute paths, drive letters). */
  ZipPathTraversal = 'ZIP_PATH_TRAVERSAL',
  /** A zip entry that expands far more than real content does (a zip bomb). */
  ZipBomb = 'ZIP_BOMB',
  /** More zip entries than the limit. */
  ZipTooManyEntries = 'ZIP_TOO_MANY_ENTRIES',
  /** A record refers to an image file that is not in the batch. */
  ImageNotFound = 'IMAGE_NOT_FOUND',
  /** An image file that is not an image sharp can read (or is corrupt). */
  ImageInvalid = 'IMAGE_INVALID',
  /** An image with more pixels than the limit (a decompression bomb) or too many bytes. */
  ImageTooLarge = 'IMAGE_TOO_LARGE',
  /** An image without alt text for its locale. */
  ImageAltMissing = 'IMAGE_ALT_MISSING',
  /** A reference (topic, provider, parent) to an item that does not exist in Kilde or the batch. */
  UnresolvedReference = 'UNRESOLVED_REFERENCE',
  /** The record names another provider than the partner importing it. */
  ProviderMismatch = 'PROVIDER_MISMATCH',
  /** Publishing was asked for, but the partner is not marked as trusted. */
  PublishNotAllowed = 'PUBLISH_NOT_ALLOWED',
  /** The quality gate (or the workflow) refused to publish; the draft was imported. */
  PublishRefused = 'PUBLISH_REFUSED',
  /** The CMS refused the record (a Strapi validation error, a unique slug…). */
  ApplyFailed = 'APPLY_FAILED',
  /** Atomic mode: the batch was rolled back because one record failed; names how many others were not imported. */
  RolledBack = 'ROLLED_BACK',
}

/** One problem with one record, or with a whole file. */
export interface ImportIssue {
  /** File name inside the batch (zip entry path, file path relative to the import root, or the upload name). */
  file: string;
  /** 1-based line: NDJSON line, JSON array element start, front-matter line; null for the whole file. */
  line: number | null;
  /** JSON pointer into the record (`/sources/0/url`), or `/` for the whole record. */
  path: string;
  message: string;
  code: ImportErrorCode;
}

/** `articles.ndjson:3412 /sources/0/url must match format "uri"` */
export function formatIssue(issue: ImportIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}`;
  return `${where} ${issue.path} ${issue.message}`;
}
