import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createDatabase } from '@kilde/store';
import { createApiServer, type ApiServer } from '../../src';
import { startCms, type TestCms } from '../../../cms/test/helpers/start-cms';

jest.setTimeout(180_000);

/** The `-d '…'` payload of the first curl example in a Markdown file. */
function curlPayload(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const match = /curl -s http:\/\/localhost:4000\/graphql[\s\S]*?-d '([^']+)'/.exec(text);
  if (!match?.[1]) throw new Error(`No curl example in ${file}`);
  return JSON.parse(match[1]) as unknown;
}

describe('the documented first query', () => {
  let cms: TestCms;
  let api: ApiServer;
  let url: string;
  let knex: Awaited<ReturnType<typeof createDatabase>>;

  beforeAll(async () => {
    // Development mode: the CMS writes the demo partner key, as `npm start` does.
    cms = await startCms({ seed: true, env: { NODE_ENV: 'development' } });
    knex = await createDatabase({ url: cms.db.url });
    api = await createApiServer({ knex, logger: pino({ level: 'silent' }) });
    url = await api.listen(0);
  });
  afterAll(async () => {
    try {
      await api?.close();
      await knex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  it.each(['README.md', join('docs', 'partners.md')])('%s: the curl example answers with the demo key', async (file) => {
    const key = readFileSync(join(cms.db.dir, 'demo-partner-key'), 'utf8').trim();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(curlPayload(join(__dirname, '..', '..', '..', file))),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: { article: Record<string, any> | null }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.article).toMatchObject({ title: expect.any(String), attribution: { licence: expect.any(String), provider: { name: expect.any(String) } } });
    expect(body.data?.article?.translations.length).toBeGreaterThan(0);
  });
});
