import { publishDocument } from '@kilde/store';
import { loadApiConfig } from '../../api/src/config/load-config';
import {
  article,
  createFaultDatabase,
  partnerKey,
  publishArticles,
  type FaultDatabase,
} from './helpers/database';
import { check, ok, recordFigures, startLoad, tally, ARTICLES_QUERY } from './helpers/load';
import {
  REDIS_URL,
  redisPrefix,
  removeDir,
  startApiProcess,
  type ApiProcess,
} from './helpers/processes';

// Several API processes serve from one PostgreSQL database and share rate limits through Redis.
describe('API processes scaled out on PostgreSQL and Redis', () => {
  const databases: FaultDatabase[] = [];
  const apis: ApiProcess[] = [];

  afterEach(async () => {
    try {
      await Promise.all(apis.map((a) => a.stop()));
      for (const a of apis.splice(0)) removeDir(a.dataDir);
    } finally {
      await Promise.all(databases.splice(0).map((d) => d.close()));
    }
  });

  async function database(): Promise<FaultDatabase> {
    const created = await createFaultDatabase();
    databases.push(created);
    return created;
  }

  async function api(options: Parameters<typeof startApiProcess>[0]): Promise<ApiProcess> {
    const started = await startApiProcess(options);
    apis.push(started);
    return started;
  }

  it('one API process killed mid-load: the other keeps answering, with zero errors', async () => {
    const db = await database();
    await publishArticles(db.knex, 20);
    const key = await partnerKey(db.knex);
    const shared = { REDIS_URL, REDIS_KEY_PREFIX: redisPrefix() };
    const [one, two] = await Promise.all([
      api({ databaseUrl: db.db.url, env: shared }),
      api({ databaseUrl: db.db.url, env: shared }),
    ]);
    if (!one || !two) throw new Error('API processes did not start');
    // Both share their rate limits through Redis.
    expect(one.output()).toMatch(/rate limits: redis/);
    expect(two.output()).toMatch(/rate limits: redis/);

    const load = startLoad({
      targets: [
        { name: 'one', url: one.url },
        { name: 'two', url: two.url },
      ],
      key,
      concurrency: 4,
      timeoutMs: 10_000,
    });
    let killedAt = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await one.kill9();
      // From here on the process is gone (kill9 resolves on its exit).
      killedAt = load.now();
      await new Promise((resolve) => setTimeout(resolve, 4000));
    } finally {
      await load.stop();
    }

    const survivor = load.samples.filter((s) => s.target === 'two');
    const survivorAfter = survivor.filter((s) => s.start > killedAt);
    const victimAfter = load.samples.filter((s) => s.target === 'one' && s.start > killedAt);
    const context = `survivor ${JSON.stringify(tally(survivor))}; killed one after the kill ${JSON.stringify(tally(victimAfter))}`;
    check(
      survivor.length > 0 && survivor.every(ok),
      `the surviving process had errors: ${context}`,
    );
    check(survivorAfter.length > 50, `the survivor answered too little after the kill: ${context}`);
    // The killed one really was gone (its requests after the kill could not connect).
    check(
      victimAfter.every((s) => s.status === 0),
      `the killed process still answered: ${context}`,
    );
    expect(two.child.exitCode).toBeNull();
    recordFigures('api-killed', {
      survivorRequests: survivor.length,
      survivorRequestsAfterKill: survivorAfter.length,
      survivorErrors: 0,
      outcomes: tally(load.samples),
    });
  });

  it('reads from DATABASE_READ_URL, authenticates and writes on DATABASE_URL', async () => {
    const primary = await database();
    const replica = await database();
    // Stand-in for a replica: a second database whose content differs from the primary's, so
    // the answer shows where the read went. The key exists only on the primary.
    await publishDocument(
      primary.knex,
      article(
        'bare-primar',
        'Bare på primær',
        '## Primær\n\nDenne finnes bare på primærdatabasen.\n',
      ),
    );
    await publishDocument(
      replica.knex,
      article('fra-replika', 'Fra replika', '## Replika\n\nDenne leses fra lesereplikaen.\n'),
    );
    const key = await partnerKey(primary.knex);
    const server = await api({
      databaseUrl: primary.db.url,
      env: { DATABASE_READ_URL: replica.db.url, API_USAGE_FLUSH_SECONDS: '1' },
    });

    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: ARTICLES_QUERY, variables: { locale: 'nb' } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { articles: { edges: { node: { id: string } }[] } };
    };
    expect(body.data.articles.edges.map((e) => e.node.id)).toEqual(['fra-replika']);
    // Usage is a write: it lands on the primary, never on the replica.
    const deadline = Date.now() + 10_000;
    let rows = 0;
    while (Date.now() < deadline && rows === 0) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = Number(
        (await primary.knex('kilde_partner_usage').count<{ n: string }[]>({ n: '*' }))[0]?.n ?? 0,
      );
    }
    expect(rows).toBeGreaterThan(0);
    expect(
      Number(
        (await replica.knex('kilde_partner_usage').count<{ n: string }[]>({ n: '*' }))[0]?.n ?? 0,
      ),
    ).toBe(0);
  });

  it('refuses a read replica without a PostgreSQL primary, naming the variable', () => {
    expect(() =>
      loadApiConfig({
        NODE_ENV: 'test',
        KILDE_INTERNAL_SECRET: 'x'.repeat(32),
        DATABASE_READ_URL: 'postgres://replica/kilde',
      }),
    ).toThrow(/DATABASE_READ_URL/);
    expect(() =>
      loadApiConfig({
        NODE_ENV: 'test',
        KILDE_INTERNAL_SECRET: 'x'.repeat(32),
        DATABASE_READ_URL: 'sqlite:replica.db',
      }),
    ).toThrow(/DATABASE_READ_URL/);
  });
});
