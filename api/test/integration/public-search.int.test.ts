import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Knex } from 'knex';
import { createDatabase, createWidgetKey, publishDocument, revokePartnerKey, tombstoneDocument } from '@kilde/store';
import { startSearchRuntime, type SearchRuntime } from '../../src/search-sync/search-runtime';
import { searchProviderFromEngine, type SearchProvider } from '../../src/search/search-provider';
import type { PublicSearchOptions, PublicSearchResponse } from '../../src/public-search';
import { createApiServer, type ApiServer } from '../../src';
import { SearchAnalyticsRecorder } from '../../src/search-analytics';
import { startCms, type TestCms } from '../../../cms/test/helpers/start-cms';
import type * as Workflow from '../../../cms/src/workflow';
import { article, question, seedFixtures, service } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

jest.setTimeout(60_000);

const ORIGIN = 'https://ung.no';

interface ErrorBody {
  error: { code: string; message: string; details?: { errors: { in: string; path: string; message: string }[] } };
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - start;
}

/** The API with the embedded engine following the outbox, as main.ts runs it. */
async function startSearchApi(publicSearch: PublicSearchOptions = {}, seed: (knex: Knex) => Promise<void> = seedLibrary) {
  let runtime: SearchRuntime | undefined;
  const api = await startApi({
    api: async (knex) => {
      await seed(knex);
      runtime = await startSearchRuntime({ knex, logger: pino({ level: 'silent' }), pollIntervalMs: 50 });
      const engine = runtime.engine;
      const search: SearchProvider = { search: (r) => searchProviderFromEngine(engine).search(r), engine: () => engine };
      return { search, publicSearch: { widgetKeyCacheMs: 0, ...publicSearch } };
    },
  });
  return {
    api,
    runtime: runtime!,
    async stop() {
      try {
        await runtime?.close();
      } finally {
        await api.stop();
      }
    },
  };
}

async function seedLibrary(knex: Knex): Promise<void> {
  await seedFixtures(knex);
  await publishDocument(knex, article('angst-nn', { locale: 'nn', title: 'Angst på skulen', slug: 'angst-pa-skulen', summary: 'Om angst og skule.', body: '## Kva er angst\n\nMange kjenner angst når dei skal til skulen.\n' }), {});
  await publishDocument(knex, article('sovn-nb', { title: 'Søvn og skjerm', slug: 'sovn-og-skjerm', summary: 'Om søvnvanar.', body: '## Lys\n\nSkjermlys om kvelden gjør det vanskelig å sove.\n' }), {});
  await publishDocument(knex, question('q-angst', { title: 'Hva gjør jeg med angst før prøver?', question: 'Jeg får angst før prøver på skolen.', answer: 'Snakk med **helsesykepleier**.' }), {});
  await publishDocument(knex, service('hjelpetelefon', { title: 'Mental Helse Hjelpetelefonen', slug: 'mental-helse-hjelpetelefonen', description: 'Ring om du har det vondt.', channel: 'phone', phone: '116 123', crisis: true, level: 3 }), {});
}

describe('GET /v1/search', () => {
  let s: Awaited<ReturnType<typeof startSearchApi>>;
  let api: TestApi;
  let partnerKey: string;
  let widgetKey: string;

  const get = (query: string, headers: Record<string, string> = {}) => fetch(`${api.url}/v1/search?${query}`, { headers });
  const asPartner = (query: string) => get(query, { authorization: `Bearer ${partnerKey}` });
  const asWidget = (query: string, origin = ORIGIN) => get(`${query}&key=${widgetKey}`, { origin });

  beforeAll(async () => {
    s = await startSearchApi();
    api = s.api;
    partnerKey = await api.key(['read:content', 'read:questions', 'search']);
    widgetKey = (await createWidgetKey(api.knex, { partner: 'ung.no', allowedOrigins: [ORIGIN, 'https://www.ung.no'] })).key;
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('answers the documented contract, grouped, highlighted and without caching', async () => {
    const res = await asPartner('q=klamydia&locale=nb');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('ratelimit-limit')).toBeTruthy();
    const body = (await res.json()) as PublicSearchResponse;
    expect(body).toMatchObject({ query: 'klamydia', locale: 'nb', page: 1, pageSize: 10, needsHelp: false, help: null, suggestion: null, order: ['article', 'question', 'service'] });
    expect(body.queryId).toMatch(/^q_[A-Za-z0-9_-]{16}$/);
    expect(typeof body.tookMs).toBe('number');
    expect(body.groups.map((g) => g.type)).toEqual(['article', 'question', 'service']);
    const articles = body.groups[0]!;
    expect(articles.totalHits).toBeGreaterThanOrEqual(1);
    expect(body.totalHits).toBe(body.groups.reduce((n, g) => n + g.totalHits, 0));
    const hit = articles.hits[0]!;
    expect(hit).toMatchObject({
      position: 1,
      id: 'a1',
      type: 'article',
      locale: 'nb',
      slug: 'hva-er-klamydia',
      title: 'Hva er klamydia?',
      provider: { id: 'o1', name: 'Ungdomshelse Norge' },
      lastReviewed: '2026-02-01',
      fallbackLocale: false,
      url: '/sok/artikkel/nb/hva-er-klamydia',
    });
    expect(hit.titleHtml).toBe('Hva er <mark>klamydia</mark>?');
    expect(typeof hit.snippetHtml).toBe('string');
    expect(hit).not.toHaveProperty('phone');
    // The script in the body never comes back as markup.
    expect(JSON.stringify(body)).not.toContain('<script>');
    const q = body.groups[1]!.hits[0]!;
    expect(q).toMatchObject({ type: 'question', id: 'q1', slug: null, url: '/sok/sporsmal/nb/q1' });
  });

  it('refuses bad parameters with 400 naming every one of them', async () => {
    const res = await asPartner('q=&locale=se&types=article,video&page=0&pageSize=500&sort=new&session=short');
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('BAD_USER_INPUT');
    const named = body.error.details!.errors.map((d) => d.path).sort();
    expect(named).toEqual(['locale', 'page', 'pageSize', 'q', 'session', 'sort', 'types']);
    expect(body.error.details!.errors.find((d) => d.path === 'locale')!.message).toContain('nb, nn, en');

    const missing = (await (await asPartner('locale=nb')).json()) as ErrorBody;
    expect(missing.error.details!.errors).toEqual([{ in: 'query', path: 'q', message: expect.stringContaining('required') }]);
    expect((await asPartner('q=a&q=b')).status).toBe(400);
  });

  it('searches only the requested types, topic and page', async () => {
    const only = (await (await asPartner('q=klamydia&types=question')).json()) as PublicSearchResponse;
    expect(only.groups.map((g) => g.type)).toEqual(['question']);
    const topic = (await (await asPartner('q=klamydia&topic=seksuell-helse&types=article')).json()) as PublicSearchResponse;
    expect(topic.groups[0]!.hits.every((h) => h.id !== 'a1')).toBe(true);
    const inTopic = (await (await asPartner('q=klamydia&topic=kjonnssykdommer&types=article')).json()) as PublicSearchResponse;
    expect(inTopic.groups[0]!.hits.map((h) => h.id)).toContain('a1');
    const paged = (await (await asPartner('q=artikkel&types=article&pageSize=1&page=2')).json()) as PublicSearchResponse;
    expect(paged.groups[0]!.totalHits).toBeGreaterThanOrEqual(2);
    expect(paged.groups[0]!.hits).toHaveLength(1);
    expect(paged.groups[0]!.hits[0]!.position).toBe(2);
  });

  it('finds nynorsk with bokmål words and typos, and falls back to another locale when the requested one has too few', async () => {
    const nn = (await (await asPartner('q=angst+skolen&locale=nn&types=article')).json()) as PublicSearchResponse;
    expect(nn.groups[0]!.hits[0]).toMatchObject({ id: 'angst-nn', locale: 'nn', fallbackLocale: false });

    // "søvn" exists only in bokmål: a nynorsk search shows it, marked.
    const fallback = (await (await asPartner('q=sovn+skjerm&locale=nn&types=article')).json()) as PublicSearchResponse;
    expect(fallback.groups[0]!.totalHits).toBe(0);
    expect(fallback.groups[0]!.hits[0]).toMatchObject({ id: 'sovn-nb', locale: 'nb', fallbackLocale: true, position: 1 });
  });

  it('offers a spelling suggestion when nothing is found', async () => {
    const body = (await (await asPartner('q=klamidyaa&locale=nb&types=article')).json()) as PublicSearchResponse;
    if (body.totalHits === 0) expect(body.suggestion).toBe('klamydia');
    else expect(body.groups[0]!.hits[0]!.id).toBe('a1'); // found through typo tolerance instead
  });

  it('puts help first when the query signals a crisis', async () => {
    const body = (await (await asPartner('q=jeg+vil+ikke+leve+lenger&locale=nb&types=article')).json()) as PublicSearchResponse;
    expect(body.needsHelp).toBe(true);
    expect(body.order[0]).toBe('service');
    expect(body.groups[0]!.type).toBe('service');
    expect(body.groups[0]!.hits.some((h) => h.crisis === true && h.phone === '116 123')).toBe(true);
    expect(body.help).toMatchObject({ crisis: true, numbers: expect.arrayContaining([expect.objectContaining({ name: 'Mental Helse Hjelpetelefonen', phone: '116 123' })]) });
    const nn = (await (await asPartner('q=eg+vil+ikkje+leve&locale=nn')).json()) as PublicSearchResponse;
    expect(nn.needsHelp).toBe(true);
    expect(nn.help!.numbers.find((n) => n.phone === '113')!.name).toBe('Medisinsk naudtelefon');
  });

  it('answers only with published content: unpublishing removes a hit within 2 s', async () => {
    const ids = async () => ((await (await asPartner('q=skjerm&locale=nb&types=article')).json()) as PublicSearchResponse).groups[0]!.hits.map((h) => h.id);
    expect(await ids()).toContain('sovn-nb');
    await tombstoneDocument(api.knex, { type: 'article', id: 'sovn-nb', locale: 'nb' }, {}, 'unpublished');
    await until(async () => !(await ids()).includes('sovn-nb'), 2_000);
    await publishDocument(api.knex, article('sovn-nb', { title: 'Søvn og skjerm', slug: 'sovn-og-skjerm', summary: 'Om søvnvanar.' }), {});
    await until(async () => (await ids()).includes('sovn-nb'), 2_000);
  });

  describe('keys and CORS', () => {
    it('accepts a widget key on a page of the API itself (a same-origin GET carries no Origin)', async () => {
      const own = new URL(api.url).origin;
      const key = (await createWidgetKey(api.knex, { partner: 'Kilde demo', allowedOrigins: [own] })).key;
      const sameOrigin = await get(`q=klamydia&key=${key}`, { 'sec-fetch-site': 'same-origin' });
      expect(sameOrigin.status).toBe(200);
      // Without the browser's same-origin marker, a request without Origin is still refused…
      expect((await get(`q=klamydia&key=${key}`)).status).toBe(403);
      // …and the marker does not help a key that does not allow this server's origin.
      expect((await get(`q=klamydia&key=${widgetKey}`, { 'sec-fetch-site': 'same-origin' })).status).toBe(403);
    });

    it('refuses requests without a usable key', async () => {
      const none = await get('q=klamydia');
      expect(none.status).toBe(401);
      expect(((await none.json()) as ErrorBody).error.code).toBe('API_KEY_MISSING');
      expect(((await (await get('q=klamydia&key=kwk_nonsense')).json()) as ErrorBody).error.code).toBe('API_KEY_INVALID');

      const noSearch = await api.key(['read:content']);
      const res = await get('q=klamydia', { authorization: `Bearer ${noSearch}` });
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.code).toBe('INSUFFICIENT_SCOPE');

      const noQuestions = await api.key(['read:content', 'search']);
      const def = (await (await get('q=klamydia', { authorization: `Bearer ${noQuestions}` })).json()) as PublicSearchResponse;
      expect(def.groups.map((g) => g.type)).toEqual(['article', 'service']);
      expect((await get('q=klamydia&types=question', { authorization: `Bearer ${noQuestions}` })).status).toBe(403);
    });

    it('serves a widget key to its own origins with CORS headers, never `*` and never credentials', async () => {
      for (const origin of [ORIGIN, 'https://www.ung.no']) {
        const res = await asWidget('q=klamydia&locale=nb', origin);
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe(origin);
        expect(res.headers.get('vary')).toContain('Origin');
        expect(res.headers.get('access-control-allow-credentials')).toBeNull();
        expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      const header = await get('q=klamydia', { origin: ORIGIN, 'x-kilde-widget-key': widgetKey });
      expect(header.status).toBe(200);
      // Widget keys answer questions too (the public widget shows the answer archive).
      expect(((await header.json()) as PublicSearchResponse).groups.map((g) => g.type)).toContain('question');
    });

    it('refuses a widget key from another origin, or without one, and shows that origin nothing', async () => {
      const foreign = await asWidget('q=klamydia', 'https://evil.example');
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await foreign.json()) as ErrorBody).error.code).toBe('ORIGIN_NOT_ALLOWED');
      // Same host, other scheme or port: a different origin.
      expect((await asWidget('q=klamydia', 'http://ung.no')).status).toBe(403);
      expect((await asWidget('q=klamydia', 'https://ung.no:8443')).status).toBe(403);
      const noOrigin = await get(`q=klamydia&key=${widgetKey}`);
      expect(noOrigin.status).toBe(403);
      expect(((await noOrigin.json()) as ErrorBody).error.message).toContain('partner key');
      // A widget key is no bearer key for GraphQL.
      const gql = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${widgetKey}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(gql.status).toBe(401);
    });

    it('answers preflights only for allowed origins', async () => {
      const ok = await fetch(`${api.url}/v1/search?q=x`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-kilde-widget-key' },
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(ok.headers.get('access-control-allow-headers')).toContain('x-kilde-widget-key');
      expect(ok.headers.get('access-control-allow-methods')).toContain('GET');
      expect(ok.headers.get('access-control-allow-credentials')).toBeNull();

      const events = await fetch(`${api.url}/v1/search/events?key=${widgetKey}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      expect(events.status).toBe(204);

      const bad = await fetch(`${api.url}/v1/search?q=x`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
      expect(bad.status).toBe(403);
      expect(bad.headers.get('access-control-allow-origin')).toBeNull();
      // An origin of another key, checked against the key named in the URL.
      const other = (await createWidgetKey(api.knex, { partner: 'Other', allowedOrigins: ['https://other.example'] })).key;
      const mismatch = await fetch(`${api.url}/v1/search?key=${widgetKey}`, { method: 'OPTIONS', headers: { origin: 'https://other.example', 'access-control-request-method': 'GET' } });
      expect(mismatch.status).toBe(403);
      const match = await fetch(`${api.url}/v1/search?key=${other}`, { method: 'OPTIONS', headers: { origin: 'https://other.example', 'access-control-request-method': 'GET' } });
      expect(match.status).toBe(204);
    });

    it('issues widget keys from the command line: `kilde keys create --widget --origin …`', async () => {
      const { spawnSync } = await import('node:child_process');
      const kilde = (...args: string[]) =>
        spawnSync(process.execPath, [join(__dirname, '..', '..', '..', 'cms', 'bin', 'kilde.js'), ...args], {
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: api.db.url, KILDE_DATA_DIR: api.db.dir, LOG_LEVEL: 'silent' },
          encoding: 'utf8',
          timeout: 30_000,
        });
      const created = kilde('keys', 'create', '--widget', '--origin', 'https://ung.no/', '--origin', 'https://helsenorge.no');
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const key = /key:\s+(kwk_\S+)/.exec(created.stdout)?.[1];
      expect(key).toBeDefined();
      expect(created.stdout).toContain('origins: https://ung.no, https://helsenorge.no');
      expect((await get(`q=klamydia&key=${key!}`, { origin: 'https://helsenorge.no' })).status).toBe(200);
      expect((await get(`q=klamydia&key=${key!}`, { origin: 'https://evil.example' })).status).toBe(403);
      const listed = kilde('keys', 'list');
      expect(listed.stdout).toContain('widget keys:');
      expect(listed.stdout).not.toContain(key!);
      const bad = kilde('keys', 'create', '--widget', '--origin', 'https://*.ung.no');
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('wildcards are not allowed');
    });

    it('stops a revoked widget key', async () => {
      const { key, record } = await createWidgetKey(api.knex, { partner: 'Short-lived', allowedOrigins: [ORIGIN] });
      expect((await get(`q=klamydia&key=${key}`, { origin: ORIGIN })).status).toBe(200);
      await revokePartnerKey(api.knex, record.id);
      const res = await get(`q=klamydia&key=${key}`, { origin: ORIGIN });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('API_KEY_REVOKED');
      // Readable by the page: the origin is one a live key allows.
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });
  });
});

describe('rate limits on /v1/search', () => {
  let s: Awaited<ReturnType<typeof startSearchApi>>;
  afterEach(async () => {
    await s?.stop();
  });

  it('limits each browser without knowing who it is: 429 with Retry-After, other clients unaffected', async () => {
    s = await startSearchApi({ clientRateLimitPerMinute: 3, trustProxy: true }, (knex) => seedFixtures(knex));
    const { key } = await createWidgetKey(s.api.knex, { partner: 'ung.no', allowedOrigins: [ORIGIN] });
    const from = (ip: string) => fetch(`${s.api.url}/v1/search?q=klamydia&key=${key}`, { headers: { origin: ORIGIN, 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i += 1) expect((await from('203.0.113.7')).status).toBe(200);
    const limited = await from('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(((await limited.json()) as ErrorBody).error.code).toBe('RATE_LIMITED');
    expect((await from('198.51.100.4')).status).toBe(200);
    // Nothing that looks like an address was written anywhere.
    const dump = JSON.stringify(await s.api.knex('kilde_partner_keys').select());
    expect(dump).not.toContain('203.0.113.7');
  });

  it('limits a key over all its clients', async () => {
    s = await startSearchApi({ clientRateLimitPerMinute: 1000, trustProxy: true }, (knex) => seedFixtures(knex));
    const { key } = await createWidgetKey(s.api.knex, { partner: 'small site', allowedOrigins: [ORIGIN], rateLimitPerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await fetch(`${s.api.url}/v1/search?q=klamydia&key=${key}`, { headers: { origin: ORIGIN, 'x-forwarded-for': `192.0.2.${i}` } })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('through the CMS: publish → /v1/search, demo widget key, editors\' report', () => {
  // The module instance Strapi loaded (cms/dist), so `runAs` reaches its workflow middleware.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const workflow = require('../../../cms/dist/src/workflow') as typeof Workflow;
  let cms: TestCms | undefined;
  let runtime: SearchRuntime | undefined;
  let server: ApiServer | undefined;
  let knex: Knex | undefined;

  afterAll(async () => {
    try {
      await server?.close();
      await runtime?.close();
      await knex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  it('finds an nn article published in the CMS within 2 s by a bokmål query with a typo', async () => {
    // Development mode, as `npm start`: the CMS writes the demo keys and accounts.
    cms = await startCms({ listen: true, env: { NODE_ENV: 'development' } });
    knex = await createDatabase({ url: cms.db.url });
    const logger = pino({ level: 'silent' });
    runtime = await startSearchRuntime({ knex, logger, pollIntervalMs: 50 });
    const engine = runtime.engine;
    const analytics = new SearchAnalyticsRecorder(knex, logger, { flushMs: 3_600_000 });
    server = await createApiServer({
      knex,
      logger,
      search: { search: (r) => searchProviderFromEngine(engine).search(r), engine: () => engine },
      publicSearch: { analytics },
    });
    const url = await server.listen(0);

    const widgetKey = readFileSync(join(cms.db.dir, 'demo-widget-key'), 'utf8').trim();
    const ask = async (q: string) => {
      const res = await fetch(`${url}/v1/search?${new URLSearchParams({ q, locale: 'nb', types: 'article', key: widgetKey }).toString()}`, { headers: { origin: 'http://localhost:4000' } });
      expect(res.status).toBe(200);
      return (await res.json()) as PublicSearchResponse;
    };
    expect((await ask('eksamensangst')).groups[0]!.hits).toEqual([]);

    await workflow.runAs(
      workflow.systemActor('test'),
      () =>
        cms!.strapi.documents('api::article.article').create({
          locale: 'nn',
          status: 'published',
          data: {
            title: 'Eksamensangst på skulen',
            slug: 'eksamensangst-pa-skulen',
            summary: 'Kva du kan gjere når du kjenner angst før eksamen.',
            body: '## Kva er eksamensangst\n\nMange kjenner uro og angst før ein eksamen på skulen. Det går over.\n',
            audience: ['13-15', '16-17'],
            authors: ['Test Forfattar'],
            licence: 'CC-BY-4.0',
            professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
            sources: [{ title: 'Rettleiar', kind: 'guideline', url: 'https://example.org/angst' }],
            lastReviewed: '2026-01-15',
            reviewIntervalMonths: 12,
          } as never,
        }),
      { changeNote: { kind: 'content-update', text: 'test' } },
    );
    // Bokmål, with a typo: "eksamnsangst" for "eksamensangst", "skolen" for "skulen".
    let found: PublicSearchResponse | undefined;
    await until(async () => {
      const r = await ask('eksamnsangst skolen');
      if (r.groups[0]!.hits.some((h) => h.slug === 'eksamensangst-pa-skulen')) found = r;
      return found !== undefined;
    }, 2_000);
    const hit = found!.groups[0]!.hits.find((h) => h.slug === 'eksamensangst-pa-skulen')!;
    // A bokmål page asked, the article exists only in nynorsk: shown as a fallback.
    expect(hit).toMatchObject({ locale: 'nn', fallbackLocale: true, url: '/sok/artikkel/nn/eksamensangst-pa-skulen' });

    // The editors' report is served by the CMS's admin API.
    await analytics.flush();
    const accounts = JSON.parse(readFileSync(join(cms.db.dir, 'demo-accounts.json'), 'utf8')) as { role: string; email: string; password: string }[];
    const editor = accounts.find((a) => a.role.includes('editor')) ?? accounts[0]!;
    const login = await fetch(`${cms.url}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: editor.email, password: editor.password }) });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { data: { token: string } }).data.token;
    const report = await fetch(`${cms.url}/kilde/search-analytics?locale=nb&days=30`, { headers: { authorization: `Bearer ${token}` } });
    expect(report.status).toBe(200);
    const data = ((await report.json()) as { data: { totals: { searches: number } } }).data;
    expect(data.totals.searches).toBeGreaterThanOrEqual(2);
    expect((await fetch(`${cms.url}/kilde/search-analytics?locale=se`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
    expect((await fetch(`${cms.url}/kilde/search-analytics?locale=nb`)).status).toBe(401);
  }, 180_000);
});
