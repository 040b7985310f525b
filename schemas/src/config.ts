import Ajv2020 from 'ajv/dist/2020';
import { ConfigError } from './errors/config-error';
import { loadSchema, toIssues } from './validate';

let configAjv: Ajv2020 | undefined;

function getConfigAjv(): Ajv2020 {
  if (!configAjv) {
    // Environment values are strings: coerce them to the schema's types, fill defaults.
    configAjv = new Ajv2020({ allErrors: true, coerceTypes: true, useDefaults: true, strict: false });
    configAjv.addSchema(loadSchema('config/common.schema.json'));
  }
  return configAjv;
}

/**
 * Validates environment variables against `schemas/json/config/<name>.schema.json`.
 * Unset and empty variables are left out so defaults apply.
 * @throws ConfigError naming every invalid variable.
 */
export function validateConfig<T extends Record<string, unknown>>(
  name: 'api' | 'cms',
  env: Record<string, string | undefined>,
): T {
  const ajv = getConfigAjv();
  const id = `https://schemas.kilde.example/config/${name}.schema.json`;
  const validate = ajv.getSchema(id) ?? ajv.compile(loadSchema(`config/${name}.schema.json`));
  const props = Object.keys((validate.schema as { properties: Record<string, unknown> }).properties);
  const input: Record<string, unknown> = {};
  for (const key of props) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  if (validate(input)) return input as T;
  const errors = toIssues(validate.errors).map((e) => ({ ...e, path: e.path.replace(/^\//, '') }));
  const text = errors.map((e) => `${e.path} ${e.message}`).join('; ');
  throw new ConfigError(`Invalid configuration: ${text}`, errors);
}
