/**
 * @kilde/schemas — the one definition of Kilde's canonical documents, shared by every boundary:
 * import accepts them, export emits them, GraphQL mirrors them, search indexes them.
 */
export * from './types';
export { KildeError } from './errors/kilde-error';
export { ValidationError } from './errors/validation-error';
export type { ValidationIssue } from './errors/validation-error';
export { ConfigError } from './errors/config-error';
export {
  validateCanonicalDocument,
  getAjv,
  getValidator,
  loadSchema,
  toIssues,
  schemaDir,
  documentTypes,
} from './validate';
export type { ValidationResult } from './validate';
export { computeContentHash, stableStringify } from './content-hash';
export { validateConfig } from './config';
export { developmentSecrets } from './dev-secrets';
export { bundledOpenApi, loadOpenApi, openApiSchemaCompiler, openApiValidator } from './openapi';
export type { OpenApiSchemaError } from './openapi';
