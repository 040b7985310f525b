import { publishDocument, tombstoneDocument } from '@kilde/store';
import {
  article,
  createFaultDatabase,
  partnerKey,
  publishArticles,
  type FaultDatabase,
} from './helpers/database';
import { check, recordFigures } from './helpers/load';
import { removeDir, startApiProcess, type ApiProcess } from './helpers/processes';

const SEARCH = `query Find($q: String!) { search(query: $q, locale: nb) { totalHits hits { highlightedTitle } } }`;

async function totalHits(api: ApiProcess, key: string, q: string): Promise<number | undefined> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: SEARCH, variables: { q } }),
  });
  const body = (await res.json()) as { data?: { search?: { totalHits: number } } };
  return body.data?.search?.totalHits;
}

/** Polls until `q` has the expected hit count; resolves to how long it took. */
async function untilHits(
  api: ApiProcess,
  key: string,
  q: string,
  expected: (n: number) => boolean,
  timeoutMs: number,
): Promise<number> {
  const start = Date.now();
  for (;;) {
    const n = await totalHits(api, key, q).catch(() => undefined);
    if (n !== undefined && expected(n)) return Date.now() - start;
    if (Date.now() - start > timeoutMs)
      throw new Error(
        `"${q}" never reached the expected hit count (last: ${n})\n${api.output().slice(-2000)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The embedded search engine lives in the API process (Meilisearch in production is fed the same
// way): while it is down, publishing must still succeed, and what was published meanwhile must be
// searchable once it is back — after a clean stop (snapshot saved) and after a crash.
describe('search engine down', () => {
  let database: FaultDatabase;
  let api: ApiProcess | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    database = await createFaultDatabase();
    await publishArticles(database.knex, 10);
  });

  afterAll(async () => {
    try {
      await api?.stop();
      if (dataDir) removeDir(dataDir);
    } finally {
      await database.close();
    }
  });

  it('publishes still land while it is down and reach search after it is back', async () => {
    const key = await partnerKey(database.knex);
    api = await startApiProcess({ databaseUrl: database.db.url });
    dataDir = api.dataDir;
    await untilHits(api, key, 'søvnråd', (n) => n === 10, 30_000);

    // 1. Clean stop (the snapshot is saved), publish and unpublish meanwhile, start again.
    await api.stop();
    const klamydia = await publishDocument(
      database.knex,
      article(
        'klamydia',
        'Hva er klamydia',
        '## Test\n\nKlamydia er en kjønnssykdom som kan testes og behandles gratis.\n',
      ),
    );
    check(klamydia.status !== 'unchanged', 'the publish did not land');
    await tombstoneDocument(
      database.knex,
      { type: 'article', id: 'sovn-000', locale: 'nb' },
      { actor: 'fault-suite' },
      'unpublished',
    );
    api = await startApiProcess({ databaseUrl: database.db.url, dataDir });
    const afterStop = await untilHits(api, key, 'klamydia', (n) => n === 1, 30_000);
    await untilHits(api, key, 'søvnråd', (n) => n === 9, 10_000);

    // 2. Crash (kill -9: no snapshot written for what it applied since), publish, start again.
    await api.kill9();
    await publishDocument(
      database.knex,
      article(
        'eksamensangst',
        'Eksamensangst',
        '## Eksamen\n\nMange kjenner på eksamensangst før muntlig eksamen.\n',
      ),
    );
    await publishDocument(
      database.knex,
      article(
        'klamydia',
        'Hva er klamydia? Oppdatert',
        '## Test\n\nKlamydia kan testes hos helsesykepleier og behandles gratis.\n',
      ),
    );
    api = await startApiProcess({ databaseUrl: database.db.url, dataDir });
    const afterCrash = await untilHits(api, key, 'eksamensangst', (n) => n === 1, 30_000);
    await untilHits(api, key, 'helsesykepleier', (n) => n === 1, 10_000);
    expect(await totalHits(api, key, 'klamydia')).toBe(1);
    expect(await totalHits(api, key, 'søvnråd')).toBe(9);
    recordFigures('search-down', {
      searchableAfterCleanRestartMs: afterStop,
      searchableAfterCrashRestartMs: afterCrash,
    });
  });
});
