import { seedFixtures } from '../helpers/fixtures';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

describe('abuse limits', () => {
  let t: TestApi;
  let key: string;
  beforeAll(async () => {
    t = await startApi();
    key = await t.key();
    await seedFixtures(t.knex);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses nesting deeper than 10 with QUERY_TOO_DEEP', async () => {
    // changes › edges › node › item › topics › topic › parent › topic › parent › topic › id: 11 levels.
    const deep = '{ changes { edges { node { item { ... on Article { topics { topic { parent { topic { parent { topic { id } } } } } } } } } } } }';
    const r = await gql(t.url, key, deep, undefined, GRAPHQL_RESPONSE);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 11, maximumDepth: 10 });
    expect(r.body.data).toBeUndefined();
    // Under plain application/json a validation-phase error is 200, as GraphQL over HTTP asks.
    const plain = await gql(t.url, key, deep);
    expect([plain.status, codeOf(plain)]).toEqual([200, 'QUERY_TOO_DEEP']);
    // Ten levels pass.
    const ten = '{ changes { edges { node { item { ... on Article { topics { topic { parent { topic { parent { id } } } } } } } } } } }';
    expect((await gql(t.url, key, ten)).body.errors).toBeUndefined();
  });

  it('refuses an estimated cost above 1000 with QUERY_TOO_COMPLEX', async () => {
    const page = 'articles(locale: nb, first: 100) { nodes { body { html } jsonLd attribution { provider { name } } } }';
    const r = await gql(t.url, key, `{ a: ${page} b: ${page} }`, undefined, GRAPHQL_RESPONSE);
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximumCost: 1000 });
    expect((await gql(t.url, key, `{ a: ${page} }`)).body.errors).toBeUndefined();
  });

  it('refuses more than 30 aliases with TOO_MANY_ALIASES', async () => {
    const aliases = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const r = await gql(t.url, key, aliases(31), undefined, GRAPHQL_RESPONSE);
    expect([r.status, codeOf(r)]).toEqual([400, 'TOO_MANY_ALIASES']);
    expect((await gql(t.url, key, aliases(30))).body.errors).toBeUndefined();
  });

  it('refuses first above 100 with PAGE_SIZE_TOO_LARGE, also through variables', async () => {
    const literal = await gql(t.url, key, '{ articles(locale: nb, first: 101) { nodes { id } } }', undefined, GRAPHQL_RESPONSE);
    expect([literal.status, codeOf(literal)]).toEqual([400, 'PAGE_SIZE_TOO_LARGE']);
    const variable = await gql(t.url, key, 'query($n: Int) { changes(first: $n) { nodes { id } } }', { n: 1000 });
    expect(variable.body.errors?.[0]?.extensions).toMatchObject({ code: 'PAGE_SIZE_TOO_LARGE', maximum: 100 });
    expect((await gql(t.url, key, 'query($n: Int) { changes(first: $n) { nodes { id } } }', { n: 100 })).body.errors).toBeUndefined();
  });

  it('refuses a document over 16 KB with 413 DOCUMENT_TOO_LARGE', async () => {
    const padding = `# ${'x'.repeat(16 * 1024)}\n`;
    const r = await gql(t.url, key, `${padding}{ __typename }`);
    expect([r.status, codeOf(r)]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent(`${padding}{ __typename }`)}`, { headers: { authorization: `Bearer ${key}` } });
    expect(get.status).toBe(413);
    expect((await gql(t.url, key, `# ${'x'.repeat(15 * 1024)}\n{ __typename }`)).status).toBe(200);
  });

  it('refuses a batch of more than 10 operations with BATCH_TOO_LARGE and answers smaller batches', async () => {
    const post = (n: number) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
      });
    const tooMany = await post(11);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BATCH_TOO_LARGE');
    const ok = await post(10);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(Array.from({ length: 10 }, () => ({ data: { __typename: 'Query' } })));
  });

  it('refuses a body over 256 KB with 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await gql(t.url, key, '{ __typename }', { pad: 'x'.repeat(300 * 1024) });
    expect([r.status, codeOf(r)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
