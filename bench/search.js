#!/usr/bin/env node
// `npm run bench -- search`: embedded engine on a generated corpus (default 110,000 documents):
// index build time and memory, query latency over 2,000 realistic queries, and
// publish → searchable latency through the real outbox. Writes bench/results/search.json.
// Timing figures only: nothing here fails on a number.
'use strict';
const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const root = join(__dirname, '..');
const { generateCorpus } = require(join(root, 'content', 'dist'));
const { EmbeddedSearchEngine, toSearchDocument } = require(join(root, 'search', 'dist'));
const store = require(join(root, 'store', 'dist'));
const { startSearchRuntime } = require(join(root, 'api', 'dist', 'search-sync', 'search-runtime'));
const pino = require('pino');

const DOCS = Number(process.env.BENCH_SEARCH_DOCS || 110_000);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES || 2_000);
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;

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

async function main() {
  const articles = Math.round(DOCS * 0.7);
  const questions = DOCS - articles;
  global.gc?.();
  const heapBefore = process.memoryUsage();
  const engine = new EmbeddedSearchEngine();
  const titles = [];
  const t0 = performance.now();
  await engine.replaceAll((function* () {
    for (const doc of generateCorpus({ articles, questions, seed: 'bench-search' })) {
      if (titles.length < 20_000 && doc.type === 'article') titles.push({ title: doc.title, locale: doc.locale });
      const s = toSearchDocument(doc);
      if (s) yield s;
    }
  })());
  const buildMs = performance.now() - t0;
  global.gc?.();
  const heapAfter = process.memoryUsage();
  const stats = await engine.stats();

  // Realistic queries: 1–3 words from real titles, a fifth with a typo, some bare prefixes.
  const rnd = mulberry32(42);
  const queries = [];
  while (queries.length < QUERIES) {
    const t = titles[Math.floor(rnd() * titles.length)];
    const words = t.title.toLowerCase().split(/[^\p{L}\d-]+/u).filter((w) => w.length > 2);
    if (words.length === 0) continue;
    const start = Math.floor(rnd() * words.length);
    let q = words.slice(start, start + 1 + Math.floor(rnd() * 3));
    if (rnd() < 0.2) q = q.map((w) => typo(w, rnd));
    if (rnd() < 0.1) q[q.length - 1] = q[q.length - 1].slice(0, Math.max(3, q[q.length - 1].length - 3));
    queries.push({ q: q.join(' '), locale: t.locale });
  }
  for (const q of queries.slice(0, 100)) await engine.search({ q: q.q, queryLocale: q.locale, limit: 20 }); // warm-up
  global.gc?.(); // the build's garbage, not the queries', would otherwise be collected mid-measurement
  const loadBefore = require('node:os').loadavg().map((x) => Math.round(x * 100) / 100);
  const lat = [];
  let zero = 0;
  for (const q of queries) {
    const s = performance.now();
    const r = await engine.search({ q: q.q, queryLocale: q.locale, limit: 20 });
    lat.push(performance.now() - s);
    if (r.totalHits === 0) zero += 1;
  }
  lat.sort((a, b) => a - b);
  await engine.close();

  // Publish → searchable through the real outbox and the API's search runtime (SQLite).
  const dir = mkdtempSync(join(tmpdir(), 'kilde-bench-search-'));
  const knex = await store.createDatabase({ url: `sqlite:${join(dir, 'bench.db')}` });
  await store.runMigrations(knex);
  const runtime = await startSearchRuntime({ knex, logger: pino({ level: 'silent' }), pollIntervalMs: 200 });
  const publishLat = [];
  let n = 0;
  for (const doc of generateCorpus({ articles: 60, questions: 0, seed: 'bench-publish' })) {
    if (doc.locale !== 'nb') continue;
    const marker = `benchmarker${n++}x`;
    const draft = { ...doc, title: `${doc.title} ${marker}` };
    delete draft.version; delete draft.publishedAt; delete draft.updatedAt; delete draft.contentHash;
    const s = performance.now();
    await store.publishDocument(knex, draft, {});
    for (;;) {
      const r = await runtime.engine.search({ q: marker, limit: 1 });
      if (r.totalHits > 0) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    publishLat.push(performance.now() - s);
  }
  await runtime.close();
  await knex.destroy();
  rmSync(dir, { recursive: true, force: true });
  publishLat.sort((a, b) => a - b);

  const result = {
    date: new Date().toISOString(),
    machine: `${require('node:os').cpus().length} cores, node ${process.version}`,
    load_average_before_queries: loadBefore,
    documents: stats.numberOfDocuments,
    index_build_s: Math.round(buildMs / 100) / 10,
    index_docs_per_s: Math.round(stats.numberOfDocuments / (buildMs / 1000)),
    heap_growth_mb: mb(heapAfter.heapUsed - heapBefore.heapUsed),
    rss_mb: mb(heapAfter.rss),
    queries: QUERIES,
    zero_hit_queries: zero,
    query_p50_ms: Math.round(pct(lat, 50) * 100) / 100,
    query_p95_ms: Math.round(pct(lat, 95) * 100) / 100,
    query_p99_ms: Math.round(pct(lat, 99) * 100) / 100,
    target_query_p95_ms: 15,
    publish_to_searchable_p50_ms: Math.round(pct(publishLat, 50)),
    publish_to_searchable_p95_ms: Math.round(pct(publishLat, 95)),
    target_publish_to_searchable_p95_ms: 2000,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'search.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
