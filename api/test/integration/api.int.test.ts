import { publishDocument } from '@kilde/store';
import type { ArticleDocument, DraftDocument } from '@kilde/schemas';
import { startApi, type TestApi } from '../helpers/start-api';

function draft(overrides: Partial<DraftDocument<ArticleDocument>> = {}): DraftDocument<ArticleDocument> {
  return {
    id: 'art1',
    type: 'article',
    locale: 'nb',
    translations: {},
    title: 'Hva er klamydia?',
    slug: 'hva-er-klamydia',
    summary: 'Klamydia er en vanlig kjønnssykdom som kan behandles.',
    body: '## Hva er det?\n\nEn infeksjon.\n',
    topics: [{ id: 't1', slug: 'kjonnssykdommer', title: 'Kjønnssykdommer' }],
    audience: ['16-17'],
    provider: { id: 'o1', title: 'Ungdomshelse Norge' },
    professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: ['Kari Lege'],
    sources: [{ title: 'Veileder', kind: 'guideline', url: 'https://example.org/v' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-02-01',
    nextReviewDue: '2027-02-01',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

let key = '';

describe('API skeleton over the read store', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi();
    key = await t.key();
    await publishDocument(t.knex, draft(), {});
    await publishDocument(t.knex, draft({ locale: 'en', title: 'What is chlamydia?', slug: 'what-is-chlamydia', translations: { nb: { id: 'art1', slug: 'hva-er-klamydia' } } }), {});
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: 'ok', migrations: { current: true } });
  });

  it('serves an article by id and by slug in a locale', async () => {
    const q = 'query($id: ID, $slug: String, $locale: Locale!) { article(id: $id, slug: $slug, locale: $locale) { id locale version title translations { locale id slug } attribution { licence provider { name } } nextReviewDue } }';
    const byId = await post(t.url, { query: q, variables: { id: 'art1', locale: 'en' } });
    expect(byId.json).toEqual({
      data: {
        article: {
          id: 'art1', locale: 'en', version: 1, title: 'What is chlamydia?',
          translations: [{ locale: 'nb', id: 'art1', slug: 'hva-er-klamydia' }],
          attribution: { licence: 'CC-BY-4.0', provider: { name: 'Ungdomshelse Norge' } },
          nextReviewDue: '2027-02-01',
        },
      },
    });
    const bySlug = await post(t.url, { query: q, variables: { slug: 'hva-er-klamydia', locale: 'nb' } });
    expect((bySlug.json.data as { article: { title: string } }).article.title).toBe('Hva er klamydia?');
    const missing = await post(t.url, { query: q, variables: { slug: 'finnes-ikke', locale: 'nb' } });
    expect(missing.json).toEqual({ data: { article: null } });
  });

  it('answers bad input with a clear error code', async () => {
    const both = await post(t.url, { query: '{ article(id: "art1", slug: "x", locale: nb) { id } }' });
    expect((both.json.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe('BAD_USER_INPUT');
    // GraphQL over HTTP: a validation failure is 200 under application/json, 400 under
    // application/graphql-response+json.
    const badLocale = await post(t.url, { query: '{ article(id: "art1", locale: de) { id } }' });
    expect(badLocale.status).toBe(200);
    expect(JSON.stringify(badLocale.json)).toMatch(/Locale/);
    const strict = await post(t.url, { query: '{ article(id: "art1", locale: de) { id } }' }, { accept: 'application/graphql-response+json' });
    expect(strict.status).toBe(400);
    const notJson = await fetch(`${t.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    const unknown = await fetch(`${t.url}/nowhere`);
    expect(unknown.status).toBe(404);
  });
});

describe('readiness', () => {
  it('is 503 until migrations are current', async () => {
    const t = await startApi({ migrate: false });
    try {
      const res = await fetch(`${t.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ migrations: { current: false } });
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
