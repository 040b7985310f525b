#!/usr/bin/env node
// `npm run bench -- search-api`: latency of GET /v1/search at the API edge, over real HTTP with
// keep-alive, through the whole path a widget request takes (widget key + origin check, both
// rate-limit buckets, parameter validation, federated search over three groups, fallback locale,
// response shaping, analytics recording). Target: p95 ≤ 50 ms. Writes
// bench/results/search-api.json. Timing figures only: nothing here fails on a number.
//
//   BENCH_SEARCH_API_DOCS      documents in the embedded index (default 20,000)
//   BENCH_SEARCH_API_QUERIES   measured requests (default 2,000)
//   BENCH_SEARCH_API_CONCURRENCY  requests in flight in the second pass (default 8)
'use strict';
const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const http = require('node:http');

const root = join(__dirname, '..');
const { generateCorpus } = require(join(root, 'content', 'dist'));
const { EmbeddedSearchEngine, toSearchDocument } = require(join(root, 'search', 'dist'));
const store = require(join(root, 'store', 'dist'));
const { createApiServer } = require(join(root, 'api', 'dist'));
const { searchProviderFromEngine } = require(join(root, 'api', 'dist', 'search', 'search-provider'));
const { SearchAnalyticsRecorder } = require(join(root, 'api', 'dist', 'search-analytics'));
const pino = require('pino');

const DOCS = Number(process.env.BENCH_SEARCH_API_DOCS || 20_000);
const QUERIES = Number(process.env.BENCH_SEARCH_API_QUERIES || 2_000);
const CONCURRENCY = Number(process.env.BENCH_SEARCH_API_CONCURRENCY || 8);
const ORIGIN = 'https://ung.no';
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x) => Math.round(x * 10) / 10;

function mulberry32(a) {
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typo(word, rnd) {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  return rnd() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { origin: ORIGIN } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-bench-search-api-'));
  const knex = await store.createDatabase({ url: `sqlite:${join(dir, 'bench.db')}` });
  await store.runMigrations(knex);
  const { key } = await store.createWidgetKey(knex, { partner: 'bench', allowedOrigins: [ORIGIN] });

  const engine = new EmbeddedSearchEngine();
  const titles = [];
  const t0 = performance.now();
  const articles = Math.round(DOCS * 0.7);
  await engine.replaceAll((function* () {
    for (const doc of generateCorpus({ articles, questions: DOCS - articles, seed: 'bench-search-api' })) {
      if (titles.length < 5_000 && doc.type === 'article') titles.push({ title: doc.title, locale: doc.locale });
      const s = toSearchDocument(doc);
      if (s) yield s;
    }
  })());
  const buildMs = performance.now() - t0;
  const stats = await engine.stats();

  const logger = pino({ level: 'silent' });
  const analytics = new SearchAnalyticsRecorder(knex, logger, { flushMs: 60_000 });
  analytics.start();
  const api = await createApiServer({
    knex,
    logger,
    keyCacheSeconds: 10,
    search: { search: (r) => searchProviderFromEngine(engine).search(r), engine: () => engine },
    publicSearch: { analytics, clientRateLimitPerMinute: 10_000_000, widgetRateLimitPerMinute: 10_000_000 },
  });
  const base = await api.listen(0);

  // The same kind of queries as bench/search.js: 1–3 title words, a fifth with a typo, some prefixes.
  const rnd = mulberry32(7);
  const queries = [];
  while (queries.length < QUERIES + 200) {
    const t = titles[Math.floor(rnd() * titles.length)];
    const words = t.title.toLowerCase().split(/[^\p{L}\d-]+/u).filter((w) => w.length > 2);
    if (words.length === 0) continue;
    const start = Math.floor(rnd() * words.length);
    let q = words.slice(start, start + 1 + Math.floor(rnd() * 3));
    if (rnd() < 0.2) q = q.map((w) => typo(w, rnd));
    if (rnd() < 0.1) q[q.length - 1] = q[q.length - 1].slice(0, Math.max(3, q[q.length - 1].length - 3));
    queries.push({ q: q.join(' '), locale: t.locale });
  }
  const url = (q) => `${base}/v1/search?${new URLSearchParams({ q: q.q, locale: q.locale, key })}`;

  for (const q of queries.slice(0, 200)) await get(url(q)); // warm-up (JIT, typo/prefix caches, key cache)

  // Two passes over the same queries: one request at a time (the latency a young person sees on
  // a quiet server) and CONCURRENCY in flight (a busy one). Client and server share this process,
  // so the busy pass also pays for the client's own work.
  async function pass(concurrency, list) {
    const lat = [];
    const took = [];
    let errors = 0;
    let zero = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const q = list[next++];
        const s = performance.now();
        const res = await get(url(q));
        lat.push(performance.now() - s);
        if (res.status !== 200) { errors += 1; continue; }
        const body = JSON.parse(res.body);
        took.push(body.tookMs);
        if (body.totalHits === 0) zero += 1;
      }
    }));
    const wallMs = performance.now() - started;
    lat.sort((a, b) => a - b);
    took.sort((a, b) => a - b);
    return {
      concurrency,
      requests: lat.length,
      errors,
      zero_result_share: round((zero / Math.max(1, took.length)) * 100) / 100,
      requests_per_second: Math.round((lat.length / wallMs) * 1000),
      http_latency_ms: { p50: round(pct(lat, 50)), p95: round(pct(lat, 95)), p99: round(pct(lat, 99)), max: round(lat[lat.length - 1]) },
      server_took_ms: { p50: round(pct(took, 50)), p95: round(pct(took, 95)), p99: round(pct(took, 99)) },
    };
  }
  const measured = queries.slice(200);
  const sequential = await pass(1, measured);
  const concurrent = await pass(CONCURRENCY, measured);

  await api.close();
  await analytics.close();
  await engine.close();
  await knex.destroy();
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });

  const result = {
    benchmark: 'search-api',
    date: new Date().toISOString(),
    node: process.version,
    documents: stats.numberOfDocuments,
    index_build_ms: Math.round(buildMs),
    sequential,
    concurrent,
    target_p95_ms: 50,
    notes: 'GET /v1/search with a widget key from an allowed origin over keep-alive HTTP on 127.0.0.1; latency measured by the client (request sent → body read), server_took_ms is the response\'s own tookMs (search + shaping only).',
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'search-api.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
