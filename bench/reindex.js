#!/usr/bin/env node
// `npm run bench -- reindex`: peak memory of a Meilisearch reindex (`rebuildSharedSearchIndex`)
// over a generated read store (default 110,000 documents, SQLite), streamed (a source function:
// the read store is read page by page, twice) against buffered (a one-shot generator: the whole
// corpus is held in memory, which is what the reindex did before it streamed).
//
// No Meilisearch server can be installed on the development machines, and the embedded engine
// cannot stand in here (it holds the corpus by design: it is the index), so the official client
// talks to a loopback fake of the Meilisearch task API in this process that answers every task
// as succeeded and keeps no documents. Each mode runs in its own child process, whose RSS is
// sampled every 20 ms. Figures only: nothing here fails on a number. Writes
// bench/results/reindex.json. Env: BENCH_REINDEX_DOCS (110000), BENCH_REINDEX_KEEP=1 keeps the db.
'use strict';
const { fork } = require('node:child_process');
const { createServer } = require('node:http');
const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const DOCS = Number(process.env.BENCH_REINDEX_DOCS || 110_000);
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;

/** The part of Meilisearch's HTTP API the adapter uses; every task succeeds at once. */
function fakeMeilisearch() {
  const indexes = new Map(); // uid -> document count
  let taskUid = 0;
  const tasks = new Map();
  const task = (indexUid, type) => {
    const uid = taskUid++;
    tasks.set(uid, { uid, indexUid, status: 'succeeded', type, error: null });
    if (tasks.size > 10_000) tasks.delete(uid - 10_000);
    return { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: new Date().toISOString() };
  };
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const parts = url.pathname.split('/').filter(Boolean);
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const notFound = (code) => send(404, { message: code, code, type: 'invalid_request', link: '' });
      const body = () => JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      const [a, uid, c] = parts;
      if (a === 'health') return send(200, { status: 'available' });
      if (a === 'tasks') return send(200, tasks.get(Number(uid)) ?? { uid: Number(uid), status: 'succeeded' });
      if (a === 'swap-indexes') {
        for (const { indexes: [x, y] } of body()) {
          const nx = indexes.get(x) ?? 0;
          indexes.set(x, indexes.get(y) ?? 0);
          indexes.set(y, nx);
        }
        return send(202, task(null, 'indexSwap'));
      }
      if (a !== 'indexes') return notFound('not_found');
      if (!uid) {
        if (req.method === 'POST') {
          const { uid: created } = body();
          indexes.set(created, 0);
          return send(202, task(created, 'indexCreation'));
        }
        const all = [...indexes.keys()].map((u) => ({ uid: u, primaryKey: 'uid' }));
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 20);
        return send(200, { results: all.slice(offset, offset + limit), offset, limit, total: all.length });
      }
      if (!c) {
        if (req.method === 'DELETE') {
          indexes.delete(uid);
          return send(202, task(uid, 'indexDeletion'));
        }
        return indexes.has(uid) ? send(200, { uid, primaryKey: 'uid' }) : notFound('index_not_found');
      }
      if (c === 'settings') return send(202, task(uid, 'settingsUpdate'));
      if (c === 'documents' && req.method === 'POST') {
        const docs = body();
        indexes.set(uid, (indexes.get(uid) ?? 0) + docs.length);
        return send(202, task(uid, 'documentAdditionOrUpdate'));
      }
      if (c === 'documents') return notFound('document_not_found');
      if (c === 'stats') return send(200, { numberOfDocuments: indexes.get(uid) ?? 0, isIndexing: false });
      if (c === 'search') return send(200, { hits: [], facetDistribution: {}, processingTimeMs: 0, estimatedTotalHits: 0 });
      return notFound('not_found');
    });
  });
  return server;
}

async function seed(dbUrl) {
  const store = require(join(root, 'store', 'dist'));
  const { generateCorpus } = require(join(root, 'content', 'dist'));
  const knex = await store.createDatabase({ url: dbUrl });
  await store.runMigrations(knex);
  const articles = Math.round(DOCS * 0.7);
  let batch = [];
  const flush = async () => {
    const docs = batch;
    batch = [];
    await knex.transaction(async (trx) => {
      for (const doc of docs) await store.publishDocument(trx, doc);
    });
  };
  for (const doc of generateCorpus({ articles, questions: DOCS - articles, seed: 'bench-reindex' })) {
    batch.push(doc);
    if (batch.length >= 1000) await flush();
  }
  await flush();
  await knex.destroy();
}

/** In the child: one reindex, RSS sampled throughout. */
async function child(mode, dbUrl, host) {
  const store = require(join(root, 'store', 'dist'));
  const { createMeilisearchEngine, defaultIndexSettings } = require(join(root, 'search', 'dist'));
  const { rebuildSharedSearchIndex } = require(join(root, 'api', 'dist', 'search-sync', 'reindex'));
  const knex = await store.createDatabase({ url: dbUrl });
  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const engine = await createMeilisearchEngine({ host, indexUid: 'kilde', settings: defaultIndexSettings });
  // Buffered: a one-shot generator makes the adapter hold every document between its two passes.
  const target =
    mode === 'stream'
      ? engine
      : new Proxy(engine, {
          get(t, p) {
            if (p !== 'replaceAll') return Reflect.get(t, p);
            return (docs, options) => t.replaceAll(typeof docs === 'function' ? docs() : docs, options);
          },
        });
  const started = Date.now();
  const report = await rebuildSharedSearchIndex(knex, target, { owner: `bench-${mode}` });
  const ms = Date.now() - started;
  clearInterval(sampler);
  await engine.close();
  await knex.destroy();
  process.send({ mode, documents: report.documents, ms, baselineRssMb: mb(baseline.rss), peakRssMb: mb(peakRss), peakHeapUsedMb: mb(peakHeap) });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-bench-reindex-'));
  const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
  const t0 = Date.now();
  await seed(dbUrl);
  process.stdout.write(`seeded ${DOCS} documents in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  const server = fakeMeilisearch();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${server.address().port}`;
  const results = [];
  try {
    for (const mode of ['buffer', 'stream']) {
      const proc = fork(__filename, ['child', mode, dbUrl, host], { execArgv: ['--expose-gc'] });
      const result = await new Promise((resolve, reject) => {
        proc.on('message', resolve);
        proc.on('exit', (code) => (code ? reject(new Error(`${mode} run exited ${code}`)) : undefined));
      });
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
  } finally {
    server.close();
    if (!process.env.BENCH_REINDEX_KEEP) rmSync(dir, { recursive: true, force: true });
  }
  const out = { at: new Date().toISOString(), documents: DOCS, node: process.version, results };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'reindex.json'), `${JSON.stringify(out, null, 2)}\n`);
}

if (process.argv[2] === 'child') {
  child(process.argv[3], process.argv[4], process.argv[5]).then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${err.stack}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((err) => {
    process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  });
}
