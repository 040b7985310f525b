import { gql } from '../helpers/graphql-client';
import { seedFixtures } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

/** One sample's value from Prometheus text, or undefined when the series is absent. */
/** POSTs one named operation. */
function op(url: string, key: string, query: string, operationName: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, operationName }),
  });
}

function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('API /metrics', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi({
      api: async (knex) => {
        await seedFixtures(knex);
        return { rateLimitPerMinute: 1000, searchLag: { appliedSeq: () => 1 } };
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts requests per route and GraphQL operations by name and outcome, without raw paths', async () => {
    const key = await t.key();
    for (let i = 0; i < 3; i += 1) {
      expect((await op(t.url, key, 'query Kilde_Articles { articles(locale: nb, first: 2) { edges { node { id } } } }', 'Kilde_Articles')).status).toBe(200);
    }
    await op(t.url, key, 'query Broken { nope }', 'Broken');
    await fetch(`${t.url}/no/such/path/12345`);
    await fetch(`${t.url}/healthz`);

    const res = await fetch(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'kilde_graphql_operation_duration_seconds_count', { operation: 'Kilde_Articles', outcome: 'ok' })).toBe(3);
    expect(sample(text, 'kilde_graphql_operation_duration_seconds_count', { operation: 'Broken', outcome: 'error' })).toBe(1);
    expect(sample(text, 'kilde_http_request_duration_seconds_count', { route: '/graphql', method: 'POST', status: '2xx' })).toBe(4);
    expect(sample(text, 'kilde_http_request_duration_seconds_count', { route: 'unmatched', status: '4xx' })).toBe(1);
    expect(text).not.toContain('12345');
    // Outbox, search sync, pool and process figures are there too.
    expect(sample(text, 'kilde_outbox_head_seq')).toBeGreaterThan(0);
    // Nothing pruned yet: the watermark is 0 and the outbox still starts at seq 1.
    expect(sample(text, 'kilde_outbox_watermark_seq')).toBe(0);
    expect(sample(text, 'kilde_outbox_oldest_seq')).toBe(1);
    expect(sample(text, 'kilde_search_sync_lag_events')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kilde_db_pool_connections', { state: 'used' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kilde_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts rate-limit refusals per route', async () => {
    const key = await t.key(undefined, { rateLimitPerMinute: 1 });
    await gql(t.url, key, '{ __typename }');
    expect((await gql(t.url, key, '{ __typename }')).status).toBe(429);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(sample(text, 'kilde_rate_limit_rejections_total', { route: '/graphql' })).toBe(1);
  });
});

describe('API /metrics with a token', () => {
  let t: TestApi;
  const token = 'metrics-token-for-tests-0123456789';
  beforeAll(async () => {
    t = await startApi({ api: { metricsToken: token } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers only scrapes that carry the token', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('kilde_http_request_duration_seconds');
  });
});

describe('API security headers', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi({ api: { hsts: true } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('sends nosniff, no-referrer, no framing and a deny-all policy on every response, HSTS when asked', async () => {
    const key = await t.key();
    for (const res of [
      await fetch(`${t.url}/healthz`),
      await fetch(`${t.url}/nowhere`),
      await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{"query":"{ __typename }"}' }),
      await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

describe('API request ids', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives every response an id, keeping a caller’s plausible one and replacing anything else', async () => {
    const fresh = await fetch(`${t.url}/healthz`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a9c21' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a9c21');
    const odd = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'kari@example.no' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API readiness with optional dependencies', () => {
  it('reports Redis and search without leaving rotation when only they are down', async () => {
    const up = await startApi({ api: { redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', redisKeyPrefix: `kilde-test-${process.pid}:`, searchLag: { appliedSeq: () => undefined } } });
    try {
      const ready = await fetch(`${up.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', redis: 'ok', search: 'starting' });
    } finally {
      await up.stop();
    }
    // Nothing listens on port 1: Redis is "down".
    const down = await startApi({ api: { redisUrl: 'redis://127.0.0.1:1', searchLag: { appliedSeq: () => 42 } } });
    try {
      const ready = await fetch(`${down.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok', redis: 'unreachable', search: 'ok' });
    } finally {
      await down.stop();
    }
  });
});
