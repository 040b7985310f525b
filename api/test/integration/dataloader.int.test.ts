import type { DocumentType } from '@kilde/schemas';
import { publishDocument } from '@kilde/store';
import { openReadStoreReader, type ReadStoreReader } from '../../src';
import { article, organisation } from '../helpers/fixtures';
import { gql } from '../helpers/graphql-client';
import { startApi, type TestApi } from '../helpers/start-api';

type Json = Record<string, any>;

/** A reader that records every by-id lookup it serves. */
function counting(inner: ReadStoreReader, calls: { type: DocumentType; ids: readonly string[] }[]): ReadStoreReader {
  return {
    kind: inner.kind,
    listing: (q) => inner.listing(q),
    documents: (type, locale, ids) => inner.documents(type, locale, ids),
    variantVersions: (type, ids) => {
      calls.push({ type, ids });
      return inner.variantVersions(type, ids);
    },
    variantDocuments: (type, ids) => inner.variantDocuments(type, ids),
    close: () => inner.close(),
  };
}

describe('DataLoader batching', () => {
  const N = 12;
  let t: TestApi;
  let key: string;
  const calls: { type: DocumentType; ids: readonly string[] }[] = [];

  beforeAll(async () => {
    t = await startApi({ api: async (knex) => ({ readStoreReader: counting(await openReadStoreReader(knex), calls) }) });
    const knex = t.knex;
    key = await t.key();
    for (let i = 0; i < 4; i += 1) await publishDocument(knex, organisation(`org${i}`, `Organisasjon ${i}`, { url: `https://org${i}.example` }), {});
    for (let i = 0; i < N; i += 1) await publishDocument(knex, article(`art${i}`, { provider: { id: `org${i % 4}`, title: `Organisasjon ${i % 4}` } }), {});
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('loads the providers of N listed articles in one query', async () => {
    calls.length = 0;
    const r = await gql<Json>(t.url, key, `{ articles(locale: nb, first: ${N}) { nodes { id attribution { provider { name url } } jsonLd } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.articles.nodes).toHaveLength(N);
    expect(r.body.data!.articles.nodes[5].attribution.provider).toEqual({ name: 'Organisasjon 1', url: 'https://org1.example' });
    const orgLookups = calls.filter((c) => c.type === 'organisation');
    expect(orgLookups).toHaveLength(1);
    expect([...(orgLookups[0]?.ids ?? [])].sort()).toEqual(['org0', 'org1', 'org2', 'org3']);
  });

  it('batches lookups from separate root fields too (no prefetch involved)', async () => {
    calls.length = 0;
    const fields = Array.from({ length: N }, (_, i) => `a${i}: article(id: "art${i}", locale: nb) { attribution { provider { name } } }`).join('\n');
    const r = await gql<Json>(t.url, key, `{ ${fields} }`);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.a7.attribution.provider.name).toBe('Organisasjon 3');
    expect(calls.filter((c) => c.type === 'organisation')).toHaveLength(1);
  });

  it('batches on the graphql-js path as well', async () => {
    calls.length = 0;
    // A directive sends the operation to graphql-js instead of the plan-caching executor.
    const r = await gql<Json>(t.url, key, `query($yes: Boolean = true) { articles(locale: nb, first: ${N}) @include(if: $yes) { nodes { attribution { provider { name } } } } }`);
    expect(r.body.errors).toBeUndefined();
    expect(calls.filter((c) => c.type === 'organisation')).toHaveLength(1);
  });
});
