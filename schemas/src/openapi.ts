import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSchema, schemaDir } from './validate';

/** The canonical schemas the OpenAPI document refers to by `$id`. */
const CANONICAL_FILES = [
  'common.schema.json',
  'article.schema.json',
  'question.schema.json',
  'topic.schema.json',
  'organisation.schema.json',
  'service.schema.json',
  'canonical-document.schema.json',
];

type Json = Record<string, unknown>;

/** `schemas/json/openapi.json` as written by `schemas/openapi/build-openapi.js`. */
export function loadOpenApi(): Json {
  return JSON.parse(readFileSync(join(schemaDir, 'openapi.json'), 'utf8')) as Json;
}

/**
 * The document as served at `/openapi.json`: the canonical document schemas are embedded in
 * `components.schemas` with their `$id`s, so every `$ref` resolves inside one file (a JSON Schema
 * 2020-12 compound document, which OpenAPI 3.1 allows).
 */
export function bundledOpenApi(): Json {
  const doc = loadOpenApi();
  const components = doc.components as { schemas: Record<string, unknown> };
  for (const file of CANONICAL_FILES) {
    const schema = loadSchema(file);
    components.schemas[`canonical.${file.replace('.schema.json', '')}`] = schema;
  }
  return doc;
}

let compileInBundle: ((pointer: string) => ValidateFunction) | undefined;

/**
 * A validator for one schema of the document's `components.schemas` (`SearchResponse`,
 * `QuestionInput`, …), compiled inside the bundled document so every reference resolves, so tests
 * and code can check values against the published contract.
 */
export function openApiValidator(name: string): ValidateFunction {
  compileInBundle ??= openApiSchemaCompiler(bundledOpenApi());
  return compileInBundle(`/components/schemas/${name}`);
}

/** An ajv error, as request checks read it. */
export type OpenApiSchemaError = ErrorObject;

/**
 * Compiles schemas inside an OpenAPI document by JSON pointer (`/paths/~1v1~1search/get/…`),
 * every `#/components/…` reference resolving inside that document. The API compiles its request
 * checks with this, from the document it serves.
 */
export function openApiSchemaCompiler(document: Json): (pointer: string) => ValidateFunction {
  const local = new Ajv2020({ allErrors: true, strict: false });
  addFormats(local);
  const id = 'https://schemas.kilde.example/openapi.json';
  local.addSchema({ ...document, $id: id });
  return (pointer) => {
    const fn = local.getSchema(`${id}#${pointer}`);
    if (!fn) throw new Error(`The OpenAPI document has nothing at ${pointer}`);
    return fn;
  };
}
