import { listPartnerKeys, listPartnerUsage } from '@kilde/store';
import { seedFixtures } from '../helpers/fixtures';
import { gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

describe('usage aggregates', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi();
    await seedFixtures(t.knex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('counts requests and items per partner, provider and day, written in one flush', async () => {
    const key = await t.key(['read:content', 'read:questions'], { partner: 'ung.no' });
    await gql(t.url, key, '{ articles(locale: nb) { nodes { id } } }'); // a1, a3 (o1), a2 (o2)
    await gql(t.url, key, '{ article(id: "a1", locale: nb) { id } again: article(id: "a1", locale: nb) { title } }'); // a1 once
    await gql(t.url, key, '{ topics(locale: nb) { id } }'); // no items
    // GET responses served from the response cache count too.
    const get = `${t.url}/graphql?query=${encodeURIComponent('{ question(id: "q1") { id } }')}`;
    for (let i = 0; i < 2; i += 1) await fetch(get, { headers: { authorization: `Bearer ${key}` } });
    expect(await listPartnerUsage(t.knex, { partner: 'ung.no' })).toEqual([]);

    await t.api.flushUsage();
    const day = new Date().toISOString().slice(0, 10);
    const rows = (await listPartnerUsage(t.knex, { partner: 'ung.no' })).map(({ updatedAt: _, ...r }) => r);
    expect(rows).toEqual([
      { day, partner: 'ung.no', providerId: '', requests: 5, items: 6 },
      { day, partner: 'ung.no', providerId: 'o1', requests: 4, items: 5 },
      { day, partner: 'ung.no', providerId: 'o2', requests: 1, items: 1 },
    ]);
    // The flush also stamps the key's last use.
    expect((await listPartnerKeys(t.knex, 'ung.no'))[0]?.lastUsedAt).toMatch(/^\d{4}-/);

    // A second flush adds to the same rows.
    await gql(t.url, key, '{ article(id: "a2", locale: nb) { id } }');
    await t.api.flushUsage();
    const o2 = await listPartnerUsage(t.knex, { partner: 'ung.no', providerId: 'o2' });
    expect(o2.map((r) => [r.requests, r.items])).toEqual([[2, 2]]);
  });
});
