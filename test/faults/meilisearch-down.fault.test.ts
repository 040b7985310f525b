import { listDeliveries, outboxStatus, publishDocument } from '@kilde/store';
import {
  article,
  createFaultDatabase,
  partnerKey,
  publishArticles,
  type FaultDatabase,
} from './helpers/database';
import { check, recordFigures } from './helpers/load';
import { removeDir, startApiProcess, type ApiProcess } from './helpers/processes';
import { closedPortUrl } from '../helpers/closed-port';

const CONSUMER = 'search:meilisearch';

async function until(
  what: string,
  condition: () => Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - start;
}

// Two real API processes with MEILI_URL set (the shared-engine runtime, main.ts as deployed) on
// one PostgreSQL database, with Meilisearch not answering: no Meilisearch server can be installed
// on these machines, so this checks what can be checked without one — the processes serve, say
// so in /readyz, share one leased consumer, keep every change waiting (never dead-lettered) and
// hand the consumer over when the one delivering stops.
describe('Meilisearch down, two API processes', () => {
  let database: FaultDatabase;
  const apis: ApiProcess[] = [];

  beforeAll(async () => {
    database = await createFaultDatabase();
    await publishArticles(database.knex, 3);
  });

  afterAll(async () => {
    try {
      for (const api of apis) {
        await api.stop();
        removeDir(api.dataDir);
      }
    } finally {
      await database.close();
    }
  });

  it('serves, reports it, keeps changes waiting and hands the consumer over', async () => {
    const meili = await closedPortUrl();
    const env = { MEILI_URL: meili, MEILI_INDEX: 'kilde_fault' };
    apis.push(await startApiProcess({ databaseUrl: database.db.url, env }));
    apis.push(await startApiProcess({ databaseUrl: database.db.url, env }));
    const key = await partnerKey(database.knex);

    for (const api of apis) {
      const ready = await fetch(`${api.url}/readyz`);
      check(ready.status === 200, `readyz ${ready.status}\n${api.output().slice(-2000)}`);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        search: 'unreachable',
        searchEngine: 'meilisearch',
      });
      // Content still comes from the read store; search answers a code partners retry on.
      const graphql = async (
        query: string,
      ): Promise<{
        data?: Record<string, unknown> | null;
        errors?: Array<{ extensions?: { code?: string } }>;
      }> => {
        const res = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query }),
        });
        return (await res.json()) as {
          data?: Record<string, unknown> | null;
          errors?: Array<{ extensions?: { code?: string } }>;
        };
      };
      const content = await graphql('{ article(slug: "sovn-000", locale: nb) { id } }');
      expect(content).toEqual({ data: { article: { id: 'sovn-000' } } });
      const searched = await graphql('{ search(query: "søvn", locale: nb) { totalHits } }');
      expect(searched.errors?.map((e) => e.extensions?.code)).toEqual(['SEARCH_UNAVAILABLE']);
    }

    // One of the two holds the consumer's lease and keeps retrying the first change.
    await until(
      'retried deliveries',
      async () => {
        const [d] = await listDeliveries(database.knex, { consumer: CONSUMER });
        return (d?.attempts ?? 0) >= 3;
      },
      30_000,
    );
    await publishDocument(
      database.knex,
      article('ny', 'Ny artikkel', '## Ny\n\nPublisert mens Meilisearch var nede.\n'),
    );
    const status = (await outboxStatus(database.knex)).consumers.find((c) => c.name === CONSUMER);
    expect(status).toMatchObject({ cursor: 0, lag: 4, retrying: 1, dead: 0 });
    const owner = status?.leaseOwner ?? '';
    const holder = apis.find((api) => owner.includes(`:${api.pid}:`));
    const standby = apis.find((api) => api !== holder);
    check(
      holder !== undefined && standby !== undefined,
      `lease owner ${owner} is not one of ${apis.map((a) => a.pid).join(', ')}`,
    );

    // SIGTERM releases the lease; the other process takes over at once and keeps retrying.
    const stopped = Date.now();
    await holder?.stop();
    const handOverMs = await until(
      'the hand-over',
      async () => {
        const s = (await outboxStatus(database.knex)).consumers.find((c) => c.name === CONSUMER);
        return (s?.leaseOwner ?? '').includes(`:${standby?.pid}:`);
      },
      15_000,
    );
    const attemptsBefore = (await listDeliveries(database.knex, { consumer: CONSUMER }))[0]
      ?.attempts;
    await until(
      'retries by the new owner',
      async () =>
        ((await listDeliveries(database.knex, { consumer: CONSUMER }))[0]?.attempts ?? 0) >
        (attemptsBefore ?? 0),
      15_000,
    );
    const after = (await outboxStatus(database.knex)).consumers.find((c) => c.name === CONSUMER);
    expect(after).toMatchObject({ cursor: 0, lag: 4, retrying: 1, dead: 0 });
    const metrics = await (await fetch(`${standby?.url}/metrics`)).text();
    expect(metrics).toMatch(/^kilde_search_engine_up\{[^}]*\} 0$/m);
    expect(metrics).toMatch(/^kilde_search_sync_lag_events\{[^}]*\} 4$/m);
    recordFigures('meilisearch-down', { handOverMs, sinceStopMs: Date.now() - stopped });
  });
});
