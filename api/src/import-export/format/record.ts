import {
  computeContentHash,
  locales,
  validateCanonicalDocument,
  type DocumentType,
  type Locale,
} from '@kilde/schemas';
import { ImportErrorCode, type ImportIssue } from './codes';

/** Envelope fields a publication stamps; an import may carry them (an export does) but they are not content. */
const ENVELOPE = ['version', 'translations', 'publishedAt', 'updatedAt', 'contentHash'] as const;
const PLACEHOLDER_TIME = '1970-01-01T00:00:00.000Z';
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Where a record came from, and how to find the line of a path inside it. */
export interface RecordOrigin {
  file: string;
  /** The record's first line. */
  line: number;
  /** Line of a JSON pointer inside the record, when the format can tell (front matter can). */
  lineOf?: (path: string) => number | null;
}

/** An image a record refers to by a path inside the batch (`images/sovn.jpg`), to be processed on import. */
export interface ImageRef {
  /** JSON pointer of the image object (`/images/0`, `/logo`). */
  pointer: string;
  /** The path as written, resolved against the record's file. */
  path: string;
  alt: string;
}

/** One valid record, ready to be applied. */
export interface ImportRecord {
  file: string;
  line: number;
  type: DocumentType;
  locale: Locale;
  /** Identity inside the provider: `externalId`, else `id`. Locale variants share it. */
  key: string;
  /** The `id` the record carries (an export's document id), kept when the target has no such document. */
  id: string | null;
  /** The canonical document without envelope fields. */
  doc: Record<string, unknown>;
  /** `sha256:` over the record's content (what a re-import compares). */
  contentHash: string;
  images: ImageRef[];
}

export type PreparedRecord =
  | { ok: true; record: ImportRecord }
  | { ok: false; issues: ImportIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An image url that names a file in the batch rather than a URL. */
export function isBatchPath(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/') && !url.startsWith('//');
}

/** Joins a relative path to the folder of `file`, inside the batch (never above its root). */
export function resolveBatchPath(file: string, rel: string): string | null {
  const parts = file.split('/').slice(0, -1);
  for (const seg of rel.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function imageObjects(
  doc: Record<string, unknown>,
): { pointer: string; image: Record<string, unknown> }[] {
  const out: { pointer: string; image: Record<string, unknown> }[] = [];
  if (Array.isArray(doc.images))
    doc.images.forEach(
      (img, i) => isObject(img) && out.push({ pointer: `/images/${i}`, image: img }),
    );
  if (isObject(doc.logo)) out.push({ pointer: '/logo', image: doc.logo });
  return out;
}

/**
 * Checks one raw record against the canonical schema and returns it with its identity.
 * @remarks Envelope fields are the target's business: a record may carry them (an export does)
 * and they are replaced before validation, so an export validates as an import. The content
 * hash is computed here, never trusted from the input.
 */
export function prepareRecord(raw: unknown, origin: RecordOrigin): PreparedRecord {
  const at = (path: string): number => origin.lineOf?.(path) ?? origin.line;
  const issue = (path: string, message: string, code: ImportErrorCode): ImportIssue => ({
    file: origin.file,
    line: at(path),
    path,
    message,
    code,
  });
  if (!isObject(raw))
    return {
      ok: false,
      issues: [
        issue('/', 'must be an object (one canonical document)', ImportErrorCode.SchemaViolation),
      ],
    };

  const issues: ImportIssue[] = [];
  const locale = raw.locale;
  if (typeof locale === 'string' && !(locales as readonly string[]).includes(locale)) {
    issues.push(
      issue(
        '/locale',
        `"${locale.slice(0, 20)}" is not a Kilde locale (${locales.join(', ')})`,
        ImportErrorCode.UnknownLocale,
      ),
    );
  }
  const externalId =
    typeof raw.externalId === 'string' && raw.externalId !== '' ? raw.externalId : null;
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : null;
  const key = externalId ?? id;
  if (!key)
    issues.push(
      issue(
        '/externalId',
        'is required (or `id`): it identifies the record across imports and locales',
        ImportErrorCode.MissingIdentity,
      ),
    );

  const candidate: Record<string, unknown> = { ...raw };
  for (const f of ENVELOPE) delete candidate[f];
  for (const { image } of imageObjects(candidate)) {
    if (typeof image.url === 'string' && isBatchPath(image.url) && image.variants === undefined)
      image.variants = [];
  }
  const hash = computeContentHash(candidate);
  const full = {
    ...candidate,
    id: id ?? 'import',
    version: 1,
    translations: {},
    publishedAt: PLACEHOLDER_TIME,
    updatedAt: PLACEHOLDER_TIME,
    contentHash: hash,
  };

  const images: ImageRef[] = [];
  for (const { pointer, image } of imageObjects(candidate)) {
    if (typeof image.alt !== 'string' || image.alt.trim() === '') {
      issues.push(
        issue(
          `${pointer}/alt`,
          `is required: every image needs alt text in its locale (${typeof locale === 'string' ? locale : '?'})`,
          ImportErrorCode.ImageAltMissing,
        ),
      );
    }
    if (typeof image.url === 'string' && isBatchPath(image.url)) {
      const path = resolveBatchPath(origin.file, image.url);
      if (path === null)
        issues.push(
          issue(`${pointer}/url`, 'points outside the batch', ImportErrorCode.ImageNotFound),
        );
      else images.push({ pointer, path, alt: typeof image.alt === 'string' ? image.alt : '' });
    }
  }

  const result = validateCanonicalDocument(full);
  if (!result.ok) {
    for (const e of result.errors) {
      if (e.path === '/locale' && issues.some((i) => i.code === ImportErrorCode.UnknownLocale))
        continue;
      if (/^\/(images\/\d+|logo)\/alt$/.test(e.path) && issues.some((i) => i.path === e.path))
        continue;
      if (e.path === '/id' && !id) continue;
      issues.push(issue(e.path, e.message, ImportErrorCode.SchemaViolation));
    }
  }
  if (id && !ID_PATTERN.test(id) && !issues.some((i) => i.path === '/id'))
    issues.push(
      issue('/id', 'must match pattern "^[A-Za-z0-9_-]+$"', ImportErrorCode.SchemaViolation),
    );
  if (issues.length > 0 || !key) return { ok: false, issues };

  return {
    ok: true,
    record: {
      file: origin.file,
      line: origin.line,
      type: candidate.type as DocumentType,
      locale: candidate.locale as Locale,
      key,
      id,
      doc: candidate,
      contentHash: hash,
      images,
    },
  };
}

/** Identity of a record inside one batch (duplicates are refused). */
export function batchIdentity(r: Pick<ImportRecord, 'type' | 'key' | 'locale'>): string {
  return `${r.type}\u0000${r.key}\u0000${r.locale}`;
}

/**
 * What the identity table stores to recognise an unchanged record: the content hash, plus the
 * batch paths of its images (their bytes are checked when stored, by their own hash).
 */
export function identityHash(r: Pick<ImportRecord, 'contentHash' | 'images'>): string {
  return `${r.contentHash}${r.images.length > 0 ? `+${r.images.map((i) => i.path).join(',')}` : ''}`.slice(
    0,
    80,
  );
}
