import fc from 'fast-check';
import pino from 'pino';
import { bundledOpenApi, loadOpenApi, openApiValidator } from '@kilde/schemas';
import { publishDocument } from '@kilde/store';
import { startSearchRuntime, type SearchRuntime } from '../../src/search-sync/search-runtime';
import { searchProviderFromEngine, type SearchProvider } from '../../src/search/search-provider';
import { article, seedFixtures, service } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

jest.setTimeout(120_000);

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
}

const doc = loadOpenApi() as { paths: Record<string, Record<string, Operation>> };

/** Checks a value against one of the document's component schemas and says what is wrong. */
function conforms(schema: string, value: unknown): string[] {
  const validate = openApiValidator(schema);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('the REST API against its OpenAPI document', () => {
  let t: TestApi;
  let runtime: SearchRuntime | undefined;
  let key: string;

  beforeAll(async () => {
    t = await startApi({
      api: async (knex) => {
        await seedFixtures(knex);
        await publishDocument(knex, article('sovn', { title: 'Søvn og skjerm', slug: 'sovn-og-skjerm', summary: 'Om søvnvaner.', body: '## Lys\n\nSkjermlys om kvelden gjør det vanskelig å sove.\n' }), {});
        await publishDocument(knex, service('hjelpetelefon', { title: 'Mental Helse Hjelpetelefonen', slug: 'mental-helse', description: 'Ring om du har det vondt.', channel: 'phone', phone: '116 123', crisis: true, level: 3 }), {});
        runtime = await startSearchRuntime({ knex, logger: pino({ level: 'silent' }), pollIntervalMs: 50 });
        const engine = runtime.engine;
        const search: SearchProvider = { search: (r) => searchProviderFromEngine(engine).search(r), engine: () => engine };
        return { search, rateLimitPerMinute: 100_000, publicSearch: { widgetKeyCacheMs: 0 } };
      },
    });
    key = await t.key(['read:content', 'read:questions', 'search', 'import', 'export']);
  });
  afterAll(async () => {
    await runtime?.close();
    await t?.stop();
  });

  it('serves the bundled document at /openapi.json', async () => {
    const res = await fetch(`${t.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(bundledOpenApi());
  });

  it('has a route for every documented path and method', async () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const url = path.replace('{receipt}', 'AAAA-BBBB-CCCC-DDDD-EEEE').replace('{deliveryId}', '1').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const method of Object.keys(item).filter((m) => ['get', 'post', 'patch', 'delete'].includes(m))) {
        const res = await fetch(`${t.url}${url}`, { method: method.toUpperCase(), headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: method === 'get' || method === 'delete' ? undefined : '{}' });
        const body = await res.text();
        // A documented route may refuse the request (400, 404 for an unknown id, 503 without the
        // CMS) but never with "no route" or "method not allowed".
        if ((res.status === 404 && body.includes('No route for')) || res.status === 405) missing.push(`${method.toUpperCase()} ${path} → ${res.status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('answers searches in the documented shape, errors in the documented envelope', async () => {
    const ok = await fetch(`${t.url}/v1/search?q=sovn&locale=nb`, { headers: { authorization: `Bearer ${key}` } });
    expect(ok.status).toBe(200);
    expect(conforms('SearchResponse', await ok.json())).toEqual([]);
    const crisis = await fetch(`${t.url}/v1/search?q=${encodeURIComponent('jeg vil ikke leve lenger')}&locale=nb`, { headers: { authorization: `Bearer ${key}` } });
    expect(conforms('SearchResponse', await crisis.json())).toEqual([]);
    const bad = await fetch(`${t.url}/v1/search?q=&locale=xx`, { headers: { authorization: `Bearer ${key}` } });
    expect(bad.status).toBe(400);
    expect(conforms('Error', await bad.json())).toEqual([]);
    expect(conforms('Readiness', await (await fetch(`${t.url}/readyz`)).json())).toEqual([]);
  });

  it('accepts exactly the search parameters the document allows (property test)', async () => {
    const params = Object.fromEntries((doc.paths['/v1/search']!.get!.parameters ?? []).map((p) => [p.name, p.schema]));
    const page = params.page as { minimum: number; maximum: number };
    const size = params.pageSize as { minimum: number; maximum: number };
    const locales = (params.locale as { enum: string[] }).enum;
    const word = fc.constantFrom('sovn', 'skjerm', 'hjelp', 'klamydia', 'angst skole');
    const valid = fc.record({
      q: word,
      locale: fc.constantFrom(...locales),
      types: fc.subarray(['article', 'question', 'service'], { minLength: 1 }).map((x) => x.join(',')),
      page: fc.integer({ min: page.minimum, max: page.maximum }),
      pageSize: fc.integer({ min: size.minimum, max: size.maximum }),
    });
    await fc.assert(
      fc.asyncProperty(valid, async (v) => {
        const res = await fetch(`${t.url}/v1/search?${new URLSearchParams(Object.entries(v).map(([k, x]) => [k, String(x)])).toString()}`, { headers: { authorization: `Bearer ${key}` } });
        expect(res.status).toBe(200);
        expect(conforms('SearchResponse', await res.json())).toEqual([]);
      }),
      { numRuns: 25 },
    );
    // One value just outside what the document allows, per parameter: refused, and named.
    const outside: [string, string][] = [
      ['page', String(page.maximum + 1)],
      ['page', String(page.minimum - 1)],
      ['pageSize', String(size.maximum + 1)],
      ['locale', 'se'],
      ['types', 'article,video'],
      ['q', 'x'.repeat((params.q as { maxLength: number }).maxLength + 1)],
      ['topic', 'not a slug!'],
      ['session', 'short'],
    ];
    for (const [name, value] of outside) {
      const res = await fetch(`${t.url}/v1/search?${new URLSearchParams({ q: 'sovn', [name]: value }).toString()}`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await res.json()) as { error: { details?: { errors: { path: string }[] } } };
      expect({ name, status: res.status, named: body.error.details?.errors.some((d) => d.path === name) }).toEqual({ name, status: 400, named: true });
    }
  });
});

describe('requests checked against the OpenAPI document at run time', () => {
  let t: TestApi;
  let key: string;
  beforeAll(async () => {
    t = await startApi({ api: async (knex) => (await seedFixtures(knex), { rateLimitPerMinute: 100_000 }) });
    key = await t.key(['read:content', 'read:questions', 'search', 'import', 'export', 'webhooks']);
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** A value the parameter's schema refuses, or undefined when the schema refuses nothing. */
  function outside(schema: Record<string, unknown>): string | undefined {
    if (Array.isArray(schema.enum)) return 'zz-not-allowed';
    if (schema.type === 'integer') return typeof schema.maximum === 'number' ? String(schema.maximum + 1) : 'one';
    if (schema.type === 'boolean') return 'maybe';
    if (typeof schema.maxLength === 'number') return 'x'.repeat(schema.maxLength + 1);
    if (typeof schema.pattern === 'string') return '!! not this';
    if (schema.format === 'date-time') return 'yesterday';
    return undefined;
  }

  it('refuses every documented query parameter outside its schema with 400 naming it, on every operation', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (path.includes('{')) continue; // a path parameter outside the route's pattern is a 404
      for (const [method, op] of Object.entries(item)) {
        const params = (op.parameters ?? []).filter((p) => p.in === 'query' && p.name !== 'key');
        const required = Object.fromEntries(params.filter((p) => p.required).map((p) => [p.name, p.name === 'q' ? 'sovn' : 'x']));
        for (const p of params) {
          const bad = outside(p.schema);
          if (bad === undefined) continue;
          const qs = new URLSearchParams({ ...required, [p.name]: bad });
          const res = await fetch(`${t.url}${path}?${qs.toString()}`, {
            method: method.toUpperCase(),
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: method === 'get' ? undefined : '{}',
          });
          const body = (await res.json()) as { error: { code: string; details?: { errors?: { in: string; path: string }[] } } };
          checked.push(`${method} ${path} ${p.name}`);
          const named = body.error?.details?.errors?.some((e) => e.in === 'query' && e.path === p.name);
          if (res.status !== 400 || body.error.code !== 'BAD_USER_INPUT' || !named) wrong.push(`${method.toUpperCase()} ${path}?${p.name}=${bad} → ${res.status} ${JSON.stringify(body.error)}`);
          expect(conforms('Error', body)).toEqual([]);
        }
      }
    }
    expect(wrong).toEqual([]);
    // The walk covered search, questions, import and export parameters.
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses a parameter given twice and names it', async () => {
    const res = await fetch(`${t.url}/v1/export?format=ndjson&format=json`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { errors: { path: string; message: string }[] } } };
    expect(body.error.details.errors).toEqual([{ in: 'query', path: 'format', message: 'is given more than once' }]);
  });

  it('checks JSON bodies against the operation schema, with JSON pointers to each problem', async () => {
    const res = await fetch(`${t.url}/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'not a url', events: ['content.exploded'], locales: ['se'] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { errors: { in: string; path: string }[] } } };
    expect(body.error.code).toBe('WEBHOOK_INVALID');
    expect(body.error.details.errors.map((e) => `${e.in}:${e.path}`).sort()).toEqual(['body:/events/0', 'body:/locales/0', 'body:/url']);
    // A PATCH names only what changes: `enabled` alone conforms (and then needs the CMS: 503 here).
    const patch = await fetch(`${t.url}/v1/webhooks/00000000-0000-4000-8000-000000000000`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ enabled: true }),
    });
    expect(patch.status).toBe(503);
  });
});
