import { bundledOpenApi, openApiSchemaCompiler, type OpenApiSchemaError } from '@kilde/schemas';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';

/** One thing wrong with a request, as listed in `error.details.errors`. */
export interface RequestProblem {
  /** Where: a parameter's location, or `body`. */
  in: 'query' | 'path' | 'body';
  /** The parameter's name, or the JSON pointer into the body (`/sources/0/url`, `` for the body). */
  path: string;
  message: string;
}

/** What the OpenAPI document says about one operation, compiled for checking requests. */
export interface OperationContract {
  readonly operationId: string;
  /** Problems with the query string and path parameters; empty when they conform. */
  parameterProblems(url: URL, pathParams: Record<string, string>): RequestProblem[];
  /** Problems with a parsed JSON body; empty when it conforms or the operation has no JSON body. */
  bodyProblems(body: unknown): RequestProblem[];
}

export interface RequestContract {
  /** The documented operation for a method and path, if the document describes it. */
  operation(method: string, pathname: string): OperationContract | undefined;
}

type Json = Record<string, unknown>;

interface ParameterSpec {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Json;
}

type Validate = ReturnType<ReturnType<typeof openApiSchemaCompiler>>;

interface CompiledParameter {
  spec: ParameterSpec;
  validate: Validate;
  type: string | undefined;
}

/** Turns the raw string of a parameter into the value its schema describes (OpenAPI `form` style). */
function coerce(raw: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw === '' ? [] : raw.split(',');
  return raw;
}

/** Says an ajv error in words a partner can act on. */
function describe(error: OpenApiSchemaError, spec?: ParameterSpec): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      if (p.type === 'integer') return 'must be a whole number';
      if (p.type === 'boolean') return 'must be true or false';
      return `must be of type ${String(p.type)}`;
    case 'pattern':
      return spec?.description
        ? `must match: ${spec.description}`
        : `must match ${String(p.pattern)}`;
    case 'required':
      return `must have the field ${String(p.missingProperty)}`;
    case 'additionalProperties':
      return `has an unknown field ${String(p.additionalProperty)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** `/v1/webhooks/{id}` → a regex with named groups, for matching request paths. */
function templateToRegExp(template: string): RegExp {
  const source = template
    .split('/')
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m ? `(?<${m[1]}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Compiles the OpenAPI document served at `/openapi.json` into request checks, so the document is
 * the one source of what a request may contain.
 * @remarks Parameters are read the way OpenAPI's default `form` style writes them (a repeated
 * parameter that is not an array is refused), coerced to the schema's type, and validated with
 * ajv against the parameter's schema. JSON bodies are validated against the operation's
 * `application/json` schema. Handlers still check what a schema cannot say (a query that is only
 * spaces, a receipt's checksum, scopes), and the integration tests walk every documented
 * constraint to keep both in step.
 */
export function createRequestContract(document: Json = bundledOpenApi()): RequestContract {
  const ref = openApiSchemaCompiler(document);
  const escape = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

  const operations: { method: string; pattern: RegExp; contract: OperationContract }[] = [];
  const paths = document.paths as Record<string, Record<string, Json>>;
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op || !('responses' in op)) continue;
      const base = `/paths/${escape(template)}/${method}`;
      const specs = ((op.parameters ?? []) as ParameterSpec[]).map((spec, i) => ({ spec, i }));
      const parameters: CompiledParameter[] = specs
        .filter(({ spec }) => spec.in === 'query' || spec.in === 'path')
        .map(({ spec, i }) => ({
          spec,
          validate: ref(`${base}/parameters/${i}/schema`),
          type: spec.schema?.type as string | undefined,
        }));
      const content = (op.requestBody as { content?: Record<string, unknown> } | undefined)
        ?.content;
      // Body schemas are compiled on first use: `/v1/import`'s embeds the canonical document
      // schema, which no handler checks this way, and start-up should not pay for it.
      const hasJsonBody = content?.['application/json'] !== undefined;
      let compiledBody: Validate | undefined;
      const bodySchema = (): Validate =>
        (compiledBody ??= ref(`${base}/requestBody/content/application~1json/schema`));
      const operationId =
        typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${template}`;
      operations.push({
        method: method.toUpperCase(),
        pattern: templateToRegExp(template),
        contract: {
          operationId,
          parameterProblems(url, pathParams) {
            const problems: RequestProblem[] = [];
            for (const { spec, validate, type } of parameters) {
              const where = spec.in as 'query' | 'path';
              const values =
                where === 'query'
                  ? url.searchParams.getAll(spec.name)
                  : pathParams[spec.name] === undefined
                    ? []
                    : [pathParams[spec.name]!];
              if (values.length === 0) {
                if (spec.required)
                  problems.push({ in: where, path: spec.name, message: 'is required' });
                continue;
              }
              if (values.length > 1 && type !== 'array') {
                problems.push({ in: where, path: spec.name, message: 'is given more than once' });
                continue;
              }
              if (!validate(coerce(values[0]!, type))) {
                problems.push({
                  in: where,
                  path: spec.name,
                  message: describe(validate.errors![0]!, spec),
                });
              }
            }
            return problems;
          },
          bodyProblems(value) {
            if (!hasJsonBody) return [];
            const body = bodySchema();
            if (body(value)) return [];
            return (
              (body.errors ?? [])
                // `oneOf`/`anyOf` wrappers repeat what their branches said.
                .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
                .map((e) => ({ in: 'body' as const, path: e.instancePath, message: describe(e) }))
            );
          },
        },
      });
    }
  }
  return {
    operation(method, pathname) {
      const m = method === 'HEAD' ? 'GET' : method;
      return operations.find((o) => o.method === m && o.pattern.test(pathname))?.contract;
    },
  };
}

/** The 400 that lists every problem (`details.errors`), or nothing. */
export function contractError(problems: RequestProblem[]): HttpError | undefined {
  if (problems.length === 0) return undefined;
  const words = problems
    .map((p) => `${p.in === 'body' ? `body${p.path}` : p.path} ${p.message}`)
    .join('; ');
  return new HttpError(400, ApiErrorCode.BadUserInput, `Invalid request: ${words}`, {
    details: { errors: problems },
  });
}

/** Throws the 400 for a request whose parameters break the document (routes that check late). */
export function assertParameters(request: {
  url: URL;
  params: Record<string, string>;
  contract?: OperationContract;
}): void {
  const error = contractError(
    request.contract?.parameterProblems(request.url, request.params) ?? [],
  );
  if (error) throw error;
}

/** Throws the 400 for a parsed JSON body that breaks the operation's documented schema. */
export function assertBody(request: { contract?: OperationContract }, body: unknown): void {
  const error = contractError(request.contract?.bodyProblems(body) ?? []);
  if (error) throw error;
}
