import { createHash } from 'node:crypto';
import { publishDocument } from '@kilde/store';
import { article, seedFixtures } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

const QUERY = 'query($locale: Locale!) { articles(locale: $locale, first: 5) { nodes { id title } } }';
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

function url(base: string, params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return `${base}/graphql?${search.toString()}`;
}

describe('GET, ETag, Cache-Control and persisted queries', () => {
  let t: TestApi;
  let key: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startApi();
    key = await t.key();
    auth = { authorization: `Bearer ${key}` };
    await seedFixtures(t.knex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers GET queries with a strong ETag and public Cache-Control, and 304 on a match', async () => {
    const u = url(t.url, { query: QUERY, variables: { locale: 'nb' } });
    const first = await fetch(u, { headers: auth });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=60');
    expect(first.headers.get('vary')).toBe('Accept, Authorization');
    expect(((await first.json()) as { data: { articles: { nodes: unknown[] } } }).data.articles.nodes).toHaveLength(3);

    const again = await fetch(u, { headers: { ...auth, 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('ratelimit-limit')).toBe('1200');
    expect(await again.text()).toBe('');

    const stale = await fetch(u, { headers: { ...auth, 'if-none-match': '"something-else"' } });
    expect(stale.status).toBe(200);
  });

  it('never marks POST or error responses cacheable', async () => {
    const post = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { locale: 'nb' } }) });
    expect(post.headers.get('cache-control')).toBe('no-store');
    expect(post.headers.get('etag')).toBeNull();
    const failing = await fetch(url(t.url, { query: '{ articles(locale: nb, after: "x") { nodes { id } } }' }), { headers: auth });
    expect(failing.headers.get('cache-control')).toBe('no-store');
  });

  it('supports automatic persisted queries over GET', async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha(QUERY) } };
    const unknown = await fetch(url(t.url, { extensions, variables: { locale: 'en' } }), { headers: auth });
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await fetch(url(t.url, { query: QUERY, extensions, variables: { locale: 'en' } }), { headers: auth });
    expect(register.status).toBe(200);
    const byHash = await fetch(url(t.url, { extensions, variables: { locale: 'en' } }), { headers: auth });
    expect(byHash.status).toBe(200);
    expect(await byHash.json()).toEqual({ data: { articles: { nodes: [{ id: 'a1', title: 'What is chlamydia?' }] } } });
    expect(byHash.headers.get('etag')).toBeTruthy();
  });

  it('serves repeated GETs from the response cache until the content changes', async () => {
    const u = url(t.url, { query: '{ article(id: "a2", locale: nb) { title version } }' });
    const miss = await fetch(u, { headers: auth });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const hit = await fetch(u, { headers: auth });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(await hit.json()).toEqual({ data: { article: { title: 'Artikkel a2', version: 1 } } });

    await publishDocument(t.knex, article('a2', { title: 'Oppdatert', provider: { id: 'o2', title: 'Rusinfo' }, licence: 'NLOD-2.0' }), {});
    // The cache watches the outbox head (every second) and drops everything when it moves.
    let fresh: unknown;
    for (let i = 0; i < 40; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      fresh = await (await fetch(u, { headers: auth })).json();
      if (JSON.stringify(fresh).includes('Oppdatert')) break;
    }
    expect(fresh).toEqual({ data: { article: { title: 'Oppdatert', version: 2 } } });
  });

  it('does not serve a cached response to a key without the scopes it needed', async () => {
    const u = url(t.url, { query: '{ questions(locale: nb) { nodes { id } } }' });
    expect((await fetch(u, { headers: auth })).status).toBe(200);
    expect((await fetch(u, { headers: auth })).headers.get('x-cache')).toBe('HIT');
    const contentOnly = await t.key(['read:content']);
    const refused = await fetch(u, { headers: { authorization: `Bearer ${contentOnly}` } });
    expect(refused.status).toBe(403);
  });

  it('executes every request when response caching is off', async () => {
    const plain = await startApi({ api: { responseCache: false } });
    try {
      const k = await plain.key();
      const u = url(plain.url, { query: '{ __typename }' });
      const r = await fetch(u, { headers: { authorization: `Bearer ${k}` } });
      expect(r.headers.get('x-cache')).toBeNull();
      expect(r.headers.get('etag')).toBeTruthy();
    } finally {
      await plain.stop();
    }
  });
});
