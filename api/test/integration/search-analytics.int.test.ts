import pino from 'pino';
import type { Knex } from 'knex';
import { SEARCH_ANALYTICS_TABLES as T } from '@kilde/migrations';
import { createWidgetKey, publishDocument } from '@kilde/store';
import { startSearchRuntime, type SearchRuntime } from '../../src/search-sync/search-runtime';
import { searchProviderFromEngine } from '../../src/search/search-provider';
import { SearchAnalyticsRecorder } from '../../src/search-analytics';
import type { PublicSearchResponse } from '../../src/public-search';
import { purgeSearchAnalytics, retentionCutoff, searchAnalyticsReport } from '../../../cms/src/search-analytics';
import { article, seedFixtures } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

jest.setTimeout(60_000);

const ORIGIN = 'https://ung.no';

describe('anonymous search analytics', () => {
  let api: TestApi;
  let runtime: SearchRuntime | undefined;
  let analytics: SearchAnalyticsRecorder;
  let key: string;
  let clock = Date.parse('2026-03-10T10:00:00.000Z');
  const today = new Date(clock);
  const day = '2026-03-10';

  const search = async (q: string, o: { session?: string; locale?: string } = {}): Promise<PublicSearchResponse> => {
    const params = new URLSearchParams({ q, locale: o.locale ?? 'nb', key });
    if (o.session) params.set('session', o.session);
    const res = await fetch(`${api.url}/v1/search?${params.toString()}`, { headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    return (await res.json()) as PublicSearchResponse;
  };
  const click = (body: unknown, contentType = 'text/plain;charset=UTF-8') =>
    fetch(`${api.url}/v1/search/events?key=${key}`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const rows = async (table: string): Promise<Record<string, any>[]> => (await api.knex(table).select()) as Record<string, any>[];

  beforeAll(async () => {
    api = await startApi({
      api: async (knex: Knex) => {
        await seedFixtures(knex);
        await publishDocument(knex, article('angst', { title: 'Angst på skolen', slug: 'angst-pa-skolen', summary: 'Om angst.' }), {});
        runtime = await startSearchRuntime({ knex, logger: pino({ level: 'silent' }), pollIntervalMs: 50 });
        const engine = runtime.engine;
        // The recorder writes through this server's database.
        analytics = new SearchAnalyticsRecorder(knex, pino({ level: 'silent' }), { now: () => clock, flushMs: 3_600_000 });
        return { search: { search: (r) => searchProviderFromEngine(engine).search(r), engine: () => engine }, publicSearch: { analytics, widgetKeyCacheMs: 0 } };
      },
    });
    key = (await createWidgetKey(api.knex, { partner: 'ung.no', allowedOrigins: [ORIGIN] })).key;
  });
  afterAll(async () => {
    try {
      await analytics?.close();
      await runtime?.close();
    } finally {
      await api?.stop();
    }
  });

  it('counts normalised queries, zero results, clicks per position and refinements — and nothing personal', async () => {
    const session = 'sess_0123456789abcdef';
    // Typed letter by letter within the typing window: one search, "klamydia".
    await search('kla', { session });
    clock += 300;
    await search('klam', { session });
    clock += 300;
    const k = await search('Klamydia?', { session });
    const hit = k.groups[0]!.hits[0]!;
    expect(hit.id).toBe('a1');
    // A click settles the search; a repeated click counts once.
    expect((await click({ queryId: k.queryId, position: hit.position, type: 'article', id: hit.id })).status).toBe(204);
    expect((await click({ queryId: k.queryId, position: hit.position, type: 'article', id: hit.id })).status).toBe(204);
    // A click that does not match what was shown is ignored (but not an error).
    expect((await click({ queryId: k.queryId, position: 2, type: 'article', id: 'a3' })).status).toBe(204);
    expect((await click({ queryId: 'q_AAAAAAAAAAAAAAAA', position: 1, type: 'article', id: 'a1' })).status).toBe(204);

    // Later in the same session, a different query: a refinement.
    clock += 20_000;
    await search('angst skole', { session });
    clock += 10_000;
    // Without a session every search counts; one found nothing.
    await search('  HVA er klamydia ');
    await search('hva er klamydia');
    await search('zzqxv finnesikke');
    await search('zzqxv finnesikke');
    // Personal data: never stored, only counted as dropped.
    await search('kari nordmann gravid');
    await search('Jeg heter Ola Hansen og er gravid');
    await search('ring meg på 912 34 567');
    await search('ola@example.no klamydia');
    await search('fødselsnummer 01010112345');
    clock += 5_000;
    await analytics.flush();

    const daily = await rows(T.daily);
    expect(daily).toHaveLength(1);
    expect(daily[0]).toMatchObject({ day, locale: 'nb' });
    expect(Number(daily[0].searches)).toBe(6); // klamydia, angst skole, hva er klamydia ×2, zzqxv ×2
    expect(Number(daily[0].zero_results)).toBe(2);
    expect(Number(daily[0].dropped)).toBe(5);
    expect(Number(daily[0].clicks)).toBe(1);
    expect(Number(daily[0].refinements)).toBe(1);

    const queries = Object.fromEntries((await rows(T.queries)).map((r) => [r.query, { searches: Number(r.searches), zero: Number(r.zero_results), clicks: Number(r.clicks) }]));
    expect(queries).toEqual({
      klamydia: { searches: 1, zero: 0, clicks: 1 },
      'angst skole': { searches: 1, zero: 0, clicks: 0 },
      'hva er klamydia': { searches: 2, zero: 0, clicks: 0 },
      'zzqxv finnesikke': { searches: 2, zero: 2, clicks: 0 },
    });

    const positions = await rows(T.positions);
    const first = positions.find((p) => p.type === 'article' && Number(p.position) === 1)!;
    expect(Number(first.clicks)).toBe(1);
    expect(Number(first.impressions)).toBeGreaterThanOrEqual(4);

    const refinements = await rows(T.refinements);
    expect(refinements.map((r): unknown[] => [r.from_query, r.to_query, Number(r.count)])).toEqual([['klamydia', 'angst skole', 1]]);

    // Nothing personal and nothing identifying anywhere in the analytics tables.
    const everything = JSON.stringify(await Promise.all(Object.values(T).map((t) => rows(t))));
    for (const secret of ['kari', 'nordmann', 'ola', 'hansen', '912', '567', 'example.no', '01010112345', session, k.queryId, '127.0.0.1']) {
      expect(everything.toLowerCase()).not.toContain(secret.toLowerCase());
    }
    expect(everything).not.toContain('"kla"');
    expect(everything).not.toContain('"klam"');

    // The editors' report over the same rows.
    const report = await searchAnalyticsReport(api.knex, { locale: 'nb', today, minSearches: 1 });
    expect(report.totals).toMatchObject({ searches: 6, zeroResults: 2, dropped: 5, clicks: 1, refinements: 1 });
    expect(report.topQueries[0]).toMatchObject({ query: 'hva er klamydia', searches: 2 });
    expect(report.zeroResultQueries).toEqual([{ query: 'zzqxv finnesikke', searches: 2, zeroResults: 2 }]);
    expect(report.byPosition[0]).toMatchObject({ position: 1, clicks: 1 });
    // By default queries seen once are not listed.
    const shy = await searchAnalyticsReport(api.knex, { locale: 'nb', today });
    expect(shy.topQueries.map((q) => q.query).sort()).toEqual(['hva er klamydia', 'zzqxv finnesikke']);
    expect((await searchAnalyticsReport(api.knex, { locale: 'nn', today })).totals.searches).toBe(0);
  });

  it('adds to the aggregates on every flush instead of overwriting them', async () => {
    await search('zzqxv finnesikke');
    await analytics.flush();
    const row = (await api.knex(T.queries).where({ day, locale: 'nb', query: 'zzqxv finnesikke' }).first()) as Record<string, unknown>;
    expect(Number(row.searches)).toBe(3);
  });

  it('refuses malformed click events with 400 naming the field', async () => {
    const bad = await click({ queryId: 'nope', position: 0, type: 'video', id: 'a1', ip: '1.2.3.4' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { errors: { in: string; path: string }[] } } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.details.errors.map((d) => `${d.in}:${d.path}`).sort()).toEqual(['body:/ip', 'body:/position', 'body:/queryId', 'body:/type']);
    expect((await click('not json')).status).toBe(400);
    expect((await click({ queryId: 'q_AAAAAAAAAAAAAAAA', position: 1, type: 'article', id: 'a1' }, 'application/json')).status).toBe(204);
    const big = await click(JSON.stringify({ queryId: 'q_AAAAAAAAAAAAAAAA', position: 1, type: 'article', id: 'x'.repeat(5000) }));
    expect(big.status).toBe(413);
    expect(big.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const foreign = await fetch(`${api.url}/v1/search/events?key=${key}`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' });
    expect(foreign.status).toBe(403);
  });

  it('keeps 13 months: the purge deletes older rows from every table and keeps the rest', async () => {
    expect(retentionCutoff(new Date('2026-03-31T12:00:00Z'))).toBe('2025-02-28');
    const old = '2025-01-15';
    const recent = '2025-05-01';
    const at = new Date().toISOString();
    for (const d of [old, recent]) {
      await api.knex(T.daily).insert({ day: d, locale: 'nn', searches: 1, zero_results: 0, dropped: 0, clicks: 0, refinements: 0, updated_at: at });
      await api.knex(T.queries).insert({ day: d, locale: 'nn', query: 'angst', searches: 1, zero_results: 0, clicks: 0, updated_at: at });
      await api.knex(T.positions).insert({ day: d, locale: 'nn', type: 'article', position: 1, impressions: 1, clicks: 0, updated_at: at });
      await api.knex(T.refinements).insert({ day: d, locale: 'nn', from_query: 'angst', to_query: 'angst skule', count: 1, updated_at: at });
    }
    const result = await purgeSearchAnalytics(api.knex, { today: new Date('2026-03-10T03:30:00Z') });
    expect(result.cutoff).toBe('2025-02-10');
    expect(result.deleted).toEqual({ [T.daily]: 1, [T.queries]: 1, [T.positions]: 1, [T.refinements]: 1 });
    for (const table of Object.values(T)) {
      const days = (await api.knex(table).where({ locale: 'nn' }).select('day')).map((r: { day: string }) => r.day);
      expect(days).toEqual([recent]);
    }
    // This day's rows are untouched.
    expect(await api.knex(T.daily).where({ day }).first()).toBeTruthy();
    expect((await purgeSearchAnalytics(api.knex, { today: new Date('2026-03-10T03:30:00Z') })).deleted[T.daily]).toBe(0);
  });
});
