import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApiServer, type ApiServer } from '../../src';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = '{ __typename }';

async function expectLimited(url: string, key: string, allowed: number): Promise<void> {
  for (let i = 0; i < allowed; i += 1) {
    const ok = await gql(url, key, QUERY);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ratelimit-limit')).toBe('3');
    expect(ok.headers.get('ratelimit-remaining')).toBe(String(allowed - 1 - i));
    expect(ok.headers.get('ratelimit-policy')).toBe('3;w=60');
  }
  const refused = await gql(url, key, QUERY);
  expect(refused.status).toBe(429);
  expect(codeOf(refused)).toBe('RATE_LIMITED');
  // 3 per minute: one token every 20 s.
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(20);
  expect(refused.headers.get('ratelimit-remaining')).toBe('0');
  expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
}

describe('per-key rate limit, in process', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi({ api: { rateLimitPerMinute: 5 } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 429 with Retry-After and RateLimit-* once the key’s bucket is empty', async () => {
    expect(t.api.rateLimiter).toBe('memory');
    const key = await t.key(['read:content'], { rateLimitPerMinute: 3 });
    await expectLimited(t.url, key, 3);
    // Another key has its own bucket, at the server default.
    const other = await gql(t.url, await t.key(), QUERY);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-limit')).toBe('5');
  });

  it('charges a batch one token per operation', async () => {
    const key = await t.key(['read:content'], { rateLimitPerMinute: 3 });
    const batch = (n: number) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: QUERY }))),
      });
    expect((await batch(2)).status).toBe(200);
    expect((await batch(2)).status).toBe(429);
  });
});

describe('per-key rate limit, in Redis (shared by replicas)', () => {
  const prefix = `kilde-test:${Date.now()}:${randomBytes(4).toString('hex')}:`;
  let t: TestApi;
  let replica: ApiServer;
  let replicaUrl: string;
  beforeAll(async () => {
    t = await startApi({ api: { redisUrl: REDIS_URL, redisKeyPrefix: prefix } });
    replica = await createApiServer({ knex: t.knex, logger: pino({ level: 'silent' }), keyCacheSeconds: 0, redisUrl: REDIS_URL, redisKeyPrefix: prefix });
    replicaUrl = await replica.listen(0);
  });
  afterAll(async () => {
    try {
      await replica?.close();
    } finally {
      await t?.stop();
    }
  });

  it('uses Redis and answers 429 when the bucket is empty', async () => {
    expect(t.api.rateLimiter).toBe('redis');
    await expectLimited(t.url, await t.key(['read:content'], { rateLimitPerMinute: 3 }), 3);
  });

  it('holds one limit across two API servers', async () => {
    const key = await t.key(['read:content'], { rateLimitPerMinute: 3 });
    expect((await gql(t.url, key, QUERY)).status).toBe(200);
    expect((await gql(replicaUrl, key, QUERY)).status).toBe(200);
    expect((await gql(t.url, key, QUERY)).status).toBe(200);
    expect((await gql(replicaUrl, key, QUERY)).status).toBe(429);
    expect((await gql(t.url, key, QUERY)).status).toBe(429);
  });
});
