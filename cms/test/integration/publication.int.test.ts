import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { createApiServer, type ApiServer } from '@kilde/api';
import { createDatabase, createPartnerKey, partnerScopes } from '@kilde/store';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as PublicationService from '../../src/publication/publication-service';
import type * as RebuildReadStore from '../../src/cli/rebuild-read-store';

// The same module instance Strapi loaded (from cms/dist), so the fault hook reaches it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const publication = require(join(cmsDir, 'dist', 'src', 'publication', 'publication-service')) as typeof PublicationService;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rebuild = require(join(cmsDir, 'dist', 'src', 'cli', 'rebuild-read-store')) as typeof RebuildReadStore;

jest.setTimeout(120_000);

const ARTICLE = 'api::article.article';

function articleData(locale: 'nb' | 'nn' | 'en', slug: string): Record<string, unknown> {
  const text = {
    nb: { title: 'Søvn og skjerm', summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.', body: '## Hvorfor\n\nLyset holder deg våken.\n' },
    nn: { title: 'Søvn og skjerm', summary: 'Kvifor skjermen om kvelden gjer det vanskeleg å sovne.', body: '## Kvifor\n\nLyset held deg vaken.\n' },
    en: { title: 'Sleep and screens', summary: 'Why screens at night make it hard to fall asleep.', body: '## Why\n\nThe light keeps you awake.\n' },
  }[locale];
  return {
    ...text,
    slug,
    audience: ['13-15', '16-17'],
    authors: ['Test Forfatter'],
    licence: 'CC-BY-4.0',
    professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
    sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
    lastReviewed: '2026-01-15',
    reviewIntervalMonths: 12,
  };
}

let partnerKey = '';

async function gql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data ?? {};
}

const ARTICLE_QUERY = `query($id: ID, $slug: String, $locale: Locale!) {
  article(id: $id, slug: $slug, locale: $locale) {
    id locale version title slug summary body { markdown }
    translations { locale id slug }
    attribution { licence professionallyResponsible { name profession } }
    lastReviewed nextReviewDue contentHash
  }
}`;

describe('publication through the document service', () => {
  let cms: TestCms;
  let knex: Knex;
  let api: ApiServer;
  let apiUrl: string;

  beforeAll(async () => {
    cms = await startCms();
    knex = await createDatabase({ url: cms.db.url });
    api = await createApiServer({ knex, logger: pino({ level: 'silent' }) });
    apiUrl = await api.listen(0);
    partnerKey = (await createPartnerKey(knex, { partner: 'Test partner', scopes: partnerScopes })).key;
  });

  afterAll(async () => {
    try {
      await api?.close();
      await knex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  it('publishes nb, nn and en variants and serves all three, linked as translations', async () => {
    const docs = cms.strapi.documents(ARTICLE);
    const nb = await docs.create({ locale: 'nb', data: articleData('nb', 'sovn-og-skjerm') as never, status: 'published' });
    await docs.update({ documentId: nb.documentId, locale: 'nn', data: articleData('nn', 'svevn-og-skjerm') as never, status: 'published' });
    await docs.update({ documentId: nb.documentId, locale: 'en', data: articleData('en', 'sleep-and-screens') as never, status: 'published' });

    const read = async (locale: string) =>
      (await gql(apiUrl, ARTICLE_QUERY, { id: nb.documentId, locale })).article as Record<string, unknown> & {
        translations: { locale: string; id: string; slug: string }[];
      };
    const [a, b, c] = [await read('nb'), await read('nn'), await read('en')];
    expect(a).toMatchObject({ id: nb.documentId, locale: 'nb', title: 'Søvn og skjerm', lastReviewed: '2026-01-15', nextReviewDue: '2027-01-15' });
    expect(b).toMatchObject({ locale: 'nn', slug: 'svevn-og-skjerm', summary: expect.stringContaining('Kvifor') });
    expect(c).toMatchObject({ locale: 'en', title: 'Sleep and screens' });
    expect(a.translations).toEqual(
      expect.arrayContaining([
        { locale: 'nn', id: nb.documentId, slug: 'svevn-og-skjerm' },
        { locale: 'en', id: nb.documentId, slug: 'sleep-and-screens' },
      ]),
    );
    expect(b.translations.map((t) => t.locale).sort()).toEqual(['en', 'nb']);
    expect(c.translations.map((t) => t.locale).sort()).toEqual(['nb', 'nn']);

    const bySlug = (await gql(apiUrl, ARTICLE_QUERY, { slug: 'svevn-og-skjerm', locale: 'nn' })).article as { id: string };
    expect(bySlug.id).toBe(nb.documentId);

    // Unpublishing the nn variant leaves a tombstone and takes it out of the others' translations.
    await docs.unpublish({ documentId: nb.documentId, locale: 'nn' });
    expect((await gql(apiUrl, ARTICLE_QUERY, { id: nb.documentId, locale: 'nn' })).article).toBeNull();
    const tomb = await knex('kilde_documents').where({ doc_id: nb.documentId, locale: 'nn' }).first();
    expect(tomb).toMatchObject({ deleted: expect.anything() });
    expect(Boolean(tomb.deleted)).toBe(true);
    const outbox = await knex('kilde_outbox').where({ doc_id: nb.documentId, locale: 'nn' }).orderBy('seq');
    // published, then updated when the en translation appeared, then the tombstone.
    expect(outbox.map((r: { event: string }) => r.event)).toEqual(['published', 'updated', 'unpublished']);
    const after = await read('nb');
    expect(after.translations.map((t) => t.locale)).toEqual(['en']);
    expect(after.version).toBeGreaterThan(a.version as number);
  });

  it('refuses an invalid document and writes nothing', async () => {
    const docs = cms.strapi.documents(ARTICLE);
    const bad = { ...articleData('nb', 'ugyldig-kilde'), sources: [{ title: 'Uten adresse', kind: 'guideline', url: 'ikke en url' }] };
    await expect(docs.create({ locale: 'nb', data: bad as never, status: 'published' })).rejects.toThrow(/sources\/0\/url/);
    expect(await knex('kilde_documents').whereRaw("document like '%ugyldig-kilde%'")).toHaveLength(0);
    const published = await docs.findMany({ filters: { slug: 'ugyldig-kilde' }, status: 'published' });
    expect(published).toHaveLength(0);
  });

  it('rolls back the read-store write when the outbox write fails', async () => {
    const docs = cms.strapi.documents(ARTICLE);
    const outboxBefore = await knex('kilde_outbox').count({ n: '*' }).first();
    publication.setPublicationFaults({
      afterReadStoreWrite: () => {
        throw new Error('injected fault between read store and outbox');
      },
    });
    try {
      await expect(
        docs.create({ locale: 'nb', data: articleData('nb', 'feil-midt-i') as never, status: 'published' }),
      ).rejects.toThrow(/injected fault/);
    } finally {
      publication.setPublicationFaults(undefined);
    }
    expect(await knex('kilde_documents').whereRaw("document like '%feil-midt-i%'")).toHaveLength(0);
    const outboxAfter = await knex('kilde_outbox').count({ n: '*' }).first();
    expect(Number(outboxAfter?.n)).toBe(Number(outboxBefore?.n));
    // Strapi's own publish rolled back with it: nothing is published under that slug.
    expect(await docs.findMany({ filters: { slug: 'feil-midt-i' }, status: 'published' })).toHaveLength(0);
  });

  it('rebuilds the read store from the CMS with the same content hashes', async () => {
    const before = (await knex('kilde_documents').select('doc_id', 'locale', 'content_hash', 'deleted').orderBy(['doc_id', 'locale'])) as {
      doc_id: string; locale: string; content_hash: string; deleted: unknown;
    }[];
    // SQLite returns booleans as 0/1, PostgreSQL as true/false.
    const live = before.filter((r) => r.deleted !== true && Number(r.deleted) !== 1);
    expect(live.length).toBeGreaterThan(0);
    await knex('kilde_documents').del();
    const report = await rebuild.rebuildReadStore(cms.strapi);
    expect(report.published).toBe(live.length);
    const after = (await knex('kilde_documents').select('doc_id', 'locale', 'content_hash').orderBy(['doc_id', 'locale'])) as {
      doc_id: string; locale: string; content_hash: string;
    }[];
    expect(after.map((r) => [r.doc_id, r.locale, r.content_hash])).toEqual(live.map((r) => [r.doc_id, r.locale, r.content_hash]));
    // A second rebuild finds nothing to do.
    const again = await rebuild.rebuildReadStore(cms.strapi);
    expect(again).toMatchObject({ published: 0, updated: 0, removed: 0, unchanged: live.length });
  });
});
