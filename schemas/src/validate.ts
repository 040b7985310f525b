import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidationIssue } from './errors/validation-error';
import type { CanonicalDocument, DocumentType } from './types';

/** Folder holding the JSON Schemas; works from `src/` (tests) and `dist/` (built). */
export const schemaDir = join(__dirname, '..', 'json');

/** Published document types and the schema file each is validated against. */
export const documentTypes: readonly DocumentType[] = [
  'article',
  'question',
  'topic',
  'organisation',
  'service',
];

const schemaFiles = [
  'common.schema.json',
  'article.schema.json',
  'question.schema.json',
  'topic.schema.json',
  'organisation.schema.json',
  'service.schema.json',
  'canonical-document.schema.json',
];

let ajv: Ajv2020 | undefined;

/** Reads a schema file from `schemas/json`. */
export function loadSchema(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as Record<string, unknown>;
}

/**
 * The shared ajv instance with every Kilde schema registered.
 * @remarks Compiled once per process: schema compilation is the expensive part of ajv.
 */
export function getAjv(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    for (const file of schemaFiles) ajv.addSchema(loadSchema(file));
  }
  return ajv;
}

const validators = new Map<string, ValidateFunction>();

/** Returns the compiled validator for a schema by file name (e.g. `article.schema.json`). */
export function getValidator(file: string): ValidateFunction {
  let fn = validators.get(file);
  if (!fn) {
    const id = `https://schemas.kilde.example/${file}`;
    fn = getAjv().getSchema(id);
    if (!fn) throw new Error(`Unknown schema ${file}`);
    validators.set(file, fn);
  }
  return fn;
}

/** Maps ajv's errors to `[{ path, message }]` with JSON pointers an importer can act on. */
export function toIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // oneOf/anyOf summaries repeat what their branches already said.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    let path = e.instancePath || '';
    let message = e.message ?? 'is invalid';
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') path += `/${String(params.missingProperty)}`;
    if (e.keyword === 'additionalProperties') {
      path += `/${String(params.additionalProperty)}`;
      message = 'is not an allowed property';
    }
    if (e.keyword === 'unevaluatedProperties') {
      path += `/${String(params.unevaluatedProperty)}`;
      message = 'is not an allowed property';
    }
    if (e.keyword === 'enum') message += `: ${(params.allowedValues as unknown[]).join(', ')}`;
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: path || '/', message });
  }
  return issues;
}

export type ValidationResult<T> =
  | { ok: true; document: T }
  | { ok: false; errors: ValidationIssue[] };

/**
 * Validates a canonical document against the schema of its `type`.
 * @remarks Picks the schema by `type` instead of validating the top-level `oneOf`, so errors
 * describe the one document type the author meant rather than every branch that failed.
 */
export function validateCanonicalDocument(doc: unknown): ValidationResult<CanonicalDocument> {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { ok: false, errors: [{ path: '/', message: 'must be an object' }] };
  }
  const type = (doc as { type?: unknown }).type;
  if (typeof type !== 'string' || !documentTypes.includes(type as DocumentType)) {
    return {
      ok: false,
      errors: [{ path: '/type', message: `must be one of: ${documentTypes.join(', ')}` }],
    };
  }
  const validate = getValidator(`${type}.schema.json`);
  if (validate(doc)) return { ok: true, document: doc as CanonicalDocument };
  return { ok: false, errors: toIssues(validate.errors) };
}
