import { createPartnerKey, revokePartnerKey, rotatePartnerKey } from '@kilde/store';
import { seedFixtures } from '../helpers/fixtures';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

const ARTICLES = '{ articles(locale: nb, first: 1) { nodes { id } } }';

describe('partner keys and scopes', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi();
    await seedFixtures(t.knex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers 401 API_KEY_MISSING without a bearer key, with a challenge', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwdw==' }] as Record<string, string>[]) {
      const r = await gql(t.url, undefined, ARTICLES, undefined, headers);
      expect(r.status).toBe(401);
      expect(codeOf(r)).toBe('API_KEY_MISSING');
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="kilde"');
    }
    // GET too, and before any GraphQL work.
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(401);
  });

  it('answers 401 API_KEY_INVALID for malformed and unknown keys', async () => {
    const malformed = await gql(t.url, 'not-a-key', ARTICLES);
    expect([malformed.status, codeOf(malformed)]).toEqual([401, 'API_KEY_INVALID']);
    expect(malformed.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const unknown = await gql(t.url, `kilde_${'x'.repeat(8)}_${'y'.repeat(32)}`, ARTICLES);
    expect([unknown.status, codeOf(unknown)]).toEqual([401, 'API_KEY_INVALID']);
  });

  it('answers 401 API_KEY_REVOKED once a key is revoked', async () => {
    const { key, record } = await createPartnerKey(t.knex, { partner: 'Revoked partner', scopes: ['read:content'] });
    expect((await gql(t.url, key, ARTICLES)).status).toBe(200);
    await revokePartnerKey(t.knex, record.id);
    const r = await gql(t.url, key, ARTICLES);
    expect([r.status, codeOf(r)]).toEqual([401, 'API_KEY_REVOKED']);
  });

  it('keeps the old key working during a rotation overlap, then API_KEY_EXPIRED', async () => {
    const { key: old, record } = await createPartnerKey(t.knex, { partner: 'Rotating partner', scopes: ['read:content'] });
    const rotated = await rotatePartnerKey(t.knex, record.id, 1);
    expect((await gql(t.url, old, ARTICLES)).status).toBe(200);
    expect((await gql(t.url, rotated!.key, ARTICLES)).status).toBe(200);
    // The overlap ends.
    await t.knex('kilde_partner_keys').where({ id: record.id }).update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    const r = await gql(t.url, old, ARTICLES);
    expect([r.status, codeOf(r)]).toEqual([401, 'API_KEY_EXPIRED']);
    expect((await gql(t.url, rotated!.key, ARTICLES)).status).toBe(200);
  });

  it('answers 403 INSUFFICIENT_SCOPE naming the missing scopes', async () => {
    const contentOnly = await t.key(['read:content']);
    const questions = await gql(t.url, contentOnly, '{ questions(locale: nb) { nodes { id } } }');
    expect(questions.status).toBe(403);
    expect(questions.body.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', requiredScopes: ['read:questions'] });
    expect(questions.body.data).toBeUndefined();
    const search = await gql(t.url, contentOnly, '{ search(query: "x", locale: nb) { totalHits } a: question(id: "q1") { id } }');
    expect(search.status).toBe(403);
    expect(search.body.errors?.[0]?.extensions?.requiredScopes).toEqual(['read:questions', 'search']);

    const questionsOnly = await t.key(['read:questions']);
    expect((await gql(t.url, questionsOnly, '{ question(id: "q1") { id } }')).body.data).toEqual({ question: { id: 'q1' } });
    const noContent = await gql(t.url, questionsOnly, ARTICLES);
    expect([noContent.status, codeOf(noContent)]).toEqual([403, 'INSUFFICIENT_SCOPE']);
  });

  it('lets any valid key ask for __typename and introspection', async () => {
    const importOnly = await t.key(['import']);
    const r = await gql(t.url, importOnly, '{ __typename __schema { queryType { name } } }');
    expect(r.body.data).toEqual({ __typename: 'Query', __schema: { queryType: { name: 'Query' } } });
  });
});
