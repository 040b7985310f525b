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
        const res = await fetch(`${t.url}/v1/search?${new URLSearchParams(Object.entries(v).map(([k, x]) => [k, String(x)]))}`, { headers: { authorization: `Bearer ${key}` } });
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
      const res = await fetch(`${t.url}/v1/search?${new URLSearchParams({ q: 'sovn', [name]: value })}`, { headers: { authorization: `Bearer ${key}` } });
      const body = (await res.json()) as { error: { details?: { parameter: string }[] } };
      expect({ name, status: res.status, named: body.error.details?.some((d) => d.parameter === name) }).toEqual({ name, status: 400, named: true });
    }
  });
});
