import { auditServer } from 'graphql-http';
import { startApi, type TestApi } from '../helpers/start-api';

describe('GraphQL over HTTP conformance (graphql-http audit)', () => {
  let t: TestApi;
  let key: string;
  beforeAll(async () => {
    t = await startApi();
    key = await t.key();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('passes every MUST and SHOULD', async () => {
    // The audit knows nothing of keys: add ours to each request it makes.
    const fetchFn = (input: string, init: RequestInit = {}): Promise<Response> =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${key}` } });
    const results = await auditServer({ url: `${t.url}/graphql`, fetchFn });
    const failed = results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY'));
    expect(failed.map((r) => `${r.id} ${r.name}: ${r.status === 'ok' ? '' : r.reason}`)).toEqual([]);
    // Nothing skipped either: every audit ran.
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });
});
