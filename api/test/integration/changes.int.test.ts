import { publishDocument, tombstoneDocument } from '@kilde/store';
import { article, question } from '../helpers/fixtures';
import { codeOf, gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

type Json = Record<string, any>;
const FEED = `query($since: String, $first: Int) { changes(since: $since, first: $first) {
  edges { cursor node { op event type id locale version at deletedAt item { __typename id version ... on Article { title } } } }
  pageInfo { hasNextPage endCursor }
} }`;

describe('the change feed', () => {
  let t: TestApi;
  let key: string;
  const feed = async (variables: Record<string, unknown>, k = key): Promise<Json> => {
    const r = await gql<Json>(t.url, k, FEED, variables);
    if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
    return r.body.data!.changes as Json;
  };

  beforeAll(async () => {
    t = await startApi();
    key = await t.key();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('returns upserts, then a tombstone after an unpublish, and continues from a stored cursor', async () => {
    await publishDocument(t.knex, article('c1', { title: 'Første' }), {});
    await publishDocument(t.knex, article('c2', { title: 'Andre' }), {});
    await publishDocument(t.knex, article('c1', { title: 'Første, rettet' }), {});

    const first = await feed({});
    expect(first.edges.map((e: Json) => [e.node.op, e.node.event, e.node.id, e.node.version] as unknown[])).toEqual([
      ['upsert', 'published', 'c1', 1],
      ['upsert', 'published', 'c2', 1],
      ['upsert', 'updated', 'c1', 2],
    ]);
    // Each upsert carries the item as of that version.
    expect(first.edges.map((e: Json) => e.node.item.title as unknown)).toEqual(['Første', 'Andre', 'Første, rettet']);
    expect(first.pageInfo).toEqual({ hasNextPage: false, endCursor: first.edges[2].cursor });

    await tombstoneDocument(t.knex, { type: 'article', id: 'c2', locale: 'nb' }, {}, 'unpublished');
    const next = await feed({ since: first.pageInfo.endCursor });
    expect(next.edges).toHaveLength(1);
    expect(next.edges[0].node).toMatchObject({ op: 'delete', event: 'unpublished', type: 'article', id: 'c2', locale: 'nb', version: 2, item: null });
    expect(next.edges[0].node.deletedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Nothing new: an empty page whose endCursor is where we already were.
    const idle = await feed({ since: next.pageInfo.endCursor });
    expect(idle).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: next.pageInfo.endCursor } });
  });

  it('pages with first, and any edge cursor resumes after that edge', async () => {
    const page = await feed({ first: 2 });
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await feed({ since: page.pageInfo.endCursor, first: 100 });
    expect(rest.edges.map((e: Json) => e.node.event as unknown)).toEqual(['updated', 'unpublished']);
    expect((await feed({ since: page.edges[0].cursor, first: 1 })).edges[0].node.id).toBe('c2');
  });

  it('hides question changes from keys without read:questions, but moves their cursor on', async () => {
    const before = await feed({ first: 100 });
    await publishDocument(t.knex, question('cq'), {});
    const withQuestions = await feed({ since: before.pageInfo.endCursor });
    expect(withQuestions.edges.map((e: Json) => e.node.item.__typename as unknown)).toEqual(['Question']);
    const contentOnly = await t.key(['read:content']);
    const without = await feed({ since: before.pageInfo.endCursor }, contentOnly);
    expect(without.edges).toEqual([]);
    expect(without.pageInfo.endCursor).toBe(withQuestions.pageInfo.endCursor);
  });

  it('refuses a cursor it did not hand out', async () => {
    expect(codeOf(await gql(t.url, key, FEED, { since: 'bogus' }))).toBe('BAD_USER_INPUT');
  });
});
