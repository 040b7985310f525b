import type { Client } from 'pg';
import {
  adminClient,
  createFaultDatabase,
  partnerKey,
  publishArticles,
  terminateBackends,
  type FaultDatabase,
} from './helpers/database';
import { check, ok, recordFigures, startLoad, tally } from './helpers/load';
import { removeDir, startApiProcess, type ApiProcess } from './helpers/processes';

// PostgreSQL drops the API's connections (a failover, a restart, an operator killing sessions)
// while partners keep sending requests. The API must say so (503 with a code), never answer 500
// or hang, and recover on its own once the database is back, without a process restart.
describe('PostgreSQL connections dropped under API load', () => {
  let database: FaultDatabase;
  let api: ApiProcess | undefined;
  let admin: Client;

  beforeAll(async () => {
    database = await createFaultDatabase();
    await publishArticles(database.knex, 20);
    admin = await adminClient();
  });

  afterAll(async () => {
    try {
      await api?.stop();
      if (api) removeDir(api.dataDir);
      await admin?.end();
    } finally {
      await database?.close();
    }
  });

  it('answers 503 SERVICE_UNAVAILABLE during the outage and recovers by itself within 10 s', async () => {
    // Key lookups uncached, so the authentication step meets the outage too, not only resolvers.
    api = await startApiProcess({
      databaseUrl: database.db.url,
      env: { API_KEY_CACHE_SECONDS: '0' },
    });
    const key = await partnerKey(database.knex);
    const pid = api.pid;
    const load = startLoad({
      targets: [{ name: 'api', url: api.url }],
      key,
      concurrency: 8,
      timeoutMs: 15_000,
    });
    let outageStart = 0;
    let outageEnd = 0;
    let terminated = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Outage: every API backend is killed as soon as it appears, for 4 s.
      outageStart = load.now();
      while (load.now() - outageStart < 4000) {
        terminated += await terminateBackends(admin, database.name);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      outageEnd = load.now();
      // Long enough to see the recovery and a stretch of healthy traffic after it.
      await new Promise((resolve) => setTimeout(resolve, 8000));
    } finally {
      await load.stop();
    }

    const samples = load.samples;
    const before = samples.filter((s) => s.end < outageStart);
    const during = samples.filter((s) => s.start >= outageStart && s.end <= outageEnd);
    const failures = samples.filter((s) => !ok(s));
    const describe = `terminated ${terminated} backends; before ${JSON.stringify(tally(before))}; during ${JSON.stringify(tally(during))}; all ${JSON.stringify(tally(samples))}\n${api.output().slice(-3000)}`;

    check(terminated > 0, `no backend was terminated; ${describe}`);
    check(before.length > 0 && before.every(ok), `requests failed before the outage; ${describe}`);
    // The outage was felt …
    check(failures.length > 0, `no request failed during the outage; ${describe}`);
    // … and every failure said what it was: 503 with SERVICE_UNAVAILABLE. No 500, no other code,
    // no dropped connection, no request left hanging until the client gave up.
    const unexplained = failures.filter(
      (s) => !(s.status === 503 && s.code === 'SERVICE_UNAVAILABLE'),
    );
    check(
      unexplained.length === 0,
      `unexpected failures ${JSON.stringify(unexplained.slice(0, 5))}; ${describe}`,
    );
    // Nothing waited longer than the pool's connection timeout (10 s) plus a margin.
    const slowest = Math.max(...samples.map((s) => s.end - s.start));
    check(slowest < 12_000, `a request took ${Math.round(slowest)} ms; ${describe}`);

    // Recovery: the last failed request ended within 10 s of the outage's end, and the API has
    // answered only successes since, for at least 3 s, in the same process.
    const lastFailure = Math.max(...failures.map((s) => s.end));
    const recoveryMs = Math.max(0, lastFailure - outageEnd);
    const after = samples.filter((s) => s.start > lastFailure);
    check(
      recoveryMs < 10_000,
      `recovered only ${Math.round(recoveryMs)} ms after the outage; ${describe}`,
    );
    check(after.length > 20 && after.every(ok), `failures after recovery; ${describe}`);
    check(
      load.now() - lastFailure > 3000,
      `no healthy stretch after the last failure; ${describe}`,
    );
    expect(api.child.exitCode).toBeNull();
    expect(api.pid).toBe(pid);
    recordFigures('database-outage', {
      terminatedBackends: terminated,
      requests: samples.length,
      failures: failures.length,
      outageMs: Math.round(outageEnd - outageStart),
      recoveryMs: Math.round(recoveryMs),
      slowestRequestMs: Math.round(slowest),
      outcomes: tally(samples),
    });
  });
});
