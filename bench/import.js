#!/usr/bin/env node
// `npm run bench -- import`: import of 10,000 generated Markdown articles through the real CMS
// (the import service as `kilde import` runs it: new drafts in bulk, workflow, identity table),
// then an NDJSON export of 110,000 documents from the read store in a fresh process, measuring
// RSS growth. Writes bench/results/import.json. Timing figures only: nothing here fails on a
// number. Only the full-size atomic run (the defaults) is saved; other runs are printed.
//   BENCH_IMPORT_ARTICLES (10000), BENCH_EXPORT_DOCS (110000), BENCH_IMPORT_MODE (atomic|partial)
'use strict';
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { Writable } = require('node:stream');

const root = join(__dirname, '..');
const FULL_ARTICLES = 10_000;
const FULL_EXPORT_DOCS = 110_000;
const ARTICLES = Number(process.env.BENCH_IMPORT_ARTICLES || FULL_ARTICLES);
const EXPORT_DOCS = Number(process.env.BENCH_EXPORT_DOCS || FULL_EXPORT_DOCS);
const MODE = process.env.BENCH_IMPORT_MODE || 'atomic';
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
const resultPath = join(root, 'bench', 'results', 'import.json');

const loadAverage = () =>
  require('node:os')
    .loadavg()
    .map((l) => Math.round(l * 100) / 100);

/** Peak RSS while `fn` runs, sampled every 20 ms. */
async function withRss(fn) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

async function importPhase() {
  const { generateCorpus } = require(join(root, 'content', 'dist'));
  const { toMarkdownFile } = require(join(root, 'api', 'dist'));
  const dir = mkdtempSync(join(tmpdir(), 'kilde-bench-import-'));
  const batchDir = join(dir, 'batch');
  // Topics and providers the corpus refers to, in every locale, imported (and published) first.
  const topics = new Map();
  const orgs = new Map();
  let files = 0;
  for (const doc of generateCorpus({ articles: ARTICLES, questions: 0, seed: 'bench-import' })) {
    for (const t of doc.topics) topics.set(t.id, t);
    if (doc.provider) orgs.set(doc.provider.id, doc.provider);
    mkdirSync(join(batchDir, doc.id), { recursive: true });
    writeFileSync(join(batchDir, doc.id, `${doc.locale}.md`), toMarkdownFile(doc));
    files += 1;
  }
  const base = [];
  for (const locale of ['nb', 'nn', 'en']) {
    for (const o of orgs.values())
      base.push({
        type: 'organisation',
        locale,
        id: o.id,
        name: o.title ?? o.id,
        description: '',
        orgNumber: null,
        url: null,
        logo: null,
        defaultLicence: 'CC-BY-4.0',
      });
    for (const t of topics.values())
      base.push({
        type: 'topic',
        locale,
        id: t.id,
        title: t.title ?? t.id,
        slug: t.slug ?? t.id,
        description: '',
        parent: null,
        reviewIntervalMonths: 12,
      });
  }
  writeFileSync(join(dir, 'base.ndjson'), base.map((r) => JSON.stringify(r)).join('\n') + '\n');

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'kilde.db')}`,
    KILDE_DATA_DIR: dir,
    KILDE_SERVE_ADMIN: 'false',
    KILDE_SEED: 'never',
    KILDE_DISPATCHER: 'false',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
  });
  const { createStrapi } = require('@strapi/strapi');
  const cmsDir = join(root, 'cms');
  const strapi = await createStrapi({ appDir: cmsDir, distDir: join(cmsDir, 'dist') }).load();
  const { runImport } = require(join(cmsDir, 'dist', 'src', 'import', 'import-service'));
  const { ImportBatch } = require(join(root, 'api', 'dist'));
  const run = async (paths, options) => {
    const batch = await ImportBatch.fromPaths(paths);
    try {
      return await runImport(strapi, batch, {
        mode: MODE,
        dryRun: false,
        publish: false,
        provider: null,
        requestedBy: 'bench',
        source: { kind: 'paths', paths },
        ...options,
      });
    } finally {
      batch.close();
    }
  };
  try {
    const baseReport = await run([join(dir, 'base.ndjson')], { publish: true });
    if (baseReport.status !== 'completed')
      throw new Error(
        `base import ${baseReport.status}: ${JSON.stringify(baseReport.issues.slice(0, 3))}`,
      );
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBeforeImport = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    let applyingAt = 0;
    const { value: report, peak } = await withRss(() =>
      run([batchDir], {
        onProgress: (p) => {
          if (p.phase === 'applying' && !applyingAt) applyingAt = performance.now();
        },
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const stagingSeconds = ((applyingAt || performance.now()) - t0) / 1000;
    if (report.status !== 'completed')
      throw new Error(`import ${report.status}: ${JSON.stringify(report.issues.slice(0, 3))}`);
    // What is still referenced after the import (RSS keeps pages V8 has not returned yet).
    const heapBefore = heapBeforeImport;
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const t1 = performance.now();
    const again = await run([batchDir], {});
    const reimportSeconds = (performance.now() - t1) / 1000;
    return {
      articles: files,
      mode: MODE,
      seconds: Math.round(seconds * 10) / 10,
      // Reading, parsing and validating the files into the job's staging table, then applying.
      stagingSeconds: Math.round(stagingSeconds * 10) / 10,
      applyingSeconds: Math.round((seconds - stagingSeconds) * 10) / 10,
      recordsPerSecond: Math.round(files / seconds),
      created: report.created,
      failed: report.failed,
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peak),
      peakRssGrowthMb: mb(peak - rssBefore),
      heapRetainedAfterGcMb: global.gc ? mb(heapAfter - heapBefore) : null,
      processMaxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      reimportUnchanged: again.unchanged,
      reimportSeconds: Math.round(reimportSeconds * 10) / 10,
    };
  } finally {
    await strapi.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Process 1: 110k generated documents written into a read store (what publication would have written). */
async function exportFixture(dbPath) {
  const store = require(join(root, 'store', 'dist'));
  const { generateCorpus } = require(join(root, 'content', 'dist'));
  const { computeContentHash } = require(join(root, 'schemas', 'dist'));
  const knex = await store.createDatabase({ url: `sqlite:${dbPath}` });
  try {
    await store.runMigrations(knex);
    const articles = Math.round(EXPORT_DOCS * 0.7);
    let rows = [];
    const seen = new Set();
    const flush = async () => {
      for (let i = 0; i < rows.length; i += 80)
        await knex('kilde_documents').insert(rows.slice(i, i + 80));
      rows = [];
    };
    for (const doc of generateCorpus({
      articles,
      questions: EXPORT_DOCS - articles,
      seed: 'bench-export',
    })) {
      const key = `${doc.id}/${doc.locale}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const contentHash = computeContentHash(doc);
      rows.push({
        doc_id: doc.id,
        locale: doc.locale,
        type: doc.type,
        version: 1,
        slug: doc.slug ?? null,
        content_hash: contentHash,
        document: JSON.stringify({ ...doc, contentHash }),
        deleted: false,
        published_at: doc.publishedAt,
        updated_at: doc.updatedAt,
      });
      if (rows.length >= 2000) await flush();
    }
    await flush();
    return { documents: seen.size };
  } finally {
    await knex.destroy();
  }
}

/** Process 2 (fresh heap): the export itself, as `GET /v1/export` and `kilde export` run it. */
async function exportRun(dbPath) {
  const store = require(join(root, 'store', 'dist'));
  const { exportRows, writeExport } = require(join(root, 'api', 'dist'));
  const knex = await store.createDatabase({ url: `sqlite:${dbPath}` });
  try {
    await knex('kilde_documents').count({ n: '*' }).first();
    global.gc?.();
    const idle = process.memoryUsage().rss;
    let bytes = 0;
    const sink = new Writable({
      write(chunk, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const t0 = performance.now();
    const { value: count, peak } = await withRss(() =>
      writeExport(exportRows(knex), 'ndjson', sink),
    );
    const seconds = (performance.now() - t0) / 1000;
    return {
      documents: count,
      seconds: Math.round(seconds * 10) / 10,
      documentsPerSecond: Math.round(count / seconds),
      megabytes: mb(bytes),
      idleRssMb: mb(idle),
      peakRssMb: mb(peak),
      rssGrowthMb: mb(peak - idle),
    };
  } finally {
    await knex.destroy();
  }
}

function child(args) {
  const run = spawnSync(process.execPath, ['--expose-gc', __filename, ...args], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${args[0]} failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop());
}

async function main() {
  if (process.argv[2] === '--export-fixture')
    return void process.stdout.write(`${JSON.stringify(await exportFixture(process.argv[3]))}\n`);
  if (process.argv[2] === '--export-run')
    return void process.stdout.write(`${JSON.stringify(await exportRun(process.argv[3]))}\n`);
  if (!global.gc) {
    // Re-run with --expose-gc so retained heap can be measured after a full collection.
    const run = spawnSync(process.execPath, ['--expose-gc', __filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: process.env,
    });
    process.exit(run.status ?? 1);
  }
  const loadBefore = loadAverage();
  process.stderr.write(`import: ${ARTICLES} generated Markdown articles (${MODE})…\n`);
  const imp = await importPhase();
  process.stderr.write(
    `${JSON.stringify(imp)}\nexport: ${EXPORT_DOCS} documents as NDJSON (separate process)…\n`,
  );
  const exportDir = mkdtempSync(join(tmpdir(), 'kilde-bench-export-'));
  let exp;
  try {
    const dbPath = join(exportDir, 'kilde.db');
    child(['--export-fixture', dbPath]);
    exp = child(['--export-run', dbPath]);
  } finally {
    rmSync(exportDir, { recursive: true, force: true });
  }
  const result = {
    machine: { cpus: require('node:os').cpus().length, node: process.version },
    // The machine is shared: 1/5/15-minute load averages before and after the run.
    load: { before: loadBefore, after: loadAverage() },
    date: new Date().toISOString(),
    import: { ...imp, targetSeconds: 60 },
    export: { ...exp, targetRssGrowthMb: 100 },
  };
  // Only the full-size run is the recorded figure; a smaller one is printed, not saved.
  if (ARTICLES === FULL_ARTICLES && EXPORT_DOCS === FULL_EXPORT_DOCS && MODE === 'atomic')
    writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);
  else
    process.stderr.write(
      `not saved to ${resultPath}: ${ARTICLES} articles / ${EXPORT_DOCS} documents (${MODE}) is not the full-size atomic run\n`,
    );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  },
);
