#!/usr/bin/env node
// `npm run bench -- soak [--duration=600]`: two API processes (api/dist/main.js, production mode)
// against one PostgreSQL database and one Redis, driven at half their measured capacity for a
// long time. Shows whether anything degrades with time: errors, memory (RSS per process) and
// tail latency (p99 of each minute).
//
//   1. creates a throwaway PostgreSQL database, migrates it and publishes BENCH_SOAK_ARTICLES
//      generated article variants through @kilde/store (the CMS's publication path);
//   2. starts two API processes sharing Redis (rate limits, persisted queries), every request
//      executed (no response cache): a mix of article pages, single articles by slug, the change
//      feed and search;
//   3. measures capacity: both processes at once, BENCH_SOAK_CONNECTIONS connections each, for
//      BENCH_SOAK_CAPACITY_SECONDS;
//   4. soaks at 50 % of that capacity (a fixed overall rate, split over the two processes) for
//      the duration, recording every response's latency per minute and each process's RSS every
//      5 s;
//   5. writes bench/results/soak.json (runs shorter than 10 minutes write soak-short.json) and
//      prints a summary.
//
// Figures only: nothing here fails on a number. Env: BENCH_SOAK_DURATION (600 s; or
// --duration=N), BENCH_SOAK_ARTICLES (1000), BENCH_SOAK_CONNECTIONS (16 per process),
// BENCH_SOAK_CAPACITY_SECONDS (15), BENCH_SOAK_LOAD (0.5), BENCH_SOAK_RATE (fixed total req/s,
// skips step 3), BENCH_PG_URL (postgres://postgres@127.0.0.1:5432), REDIS_URL
// (redis://127.0.0.1:6379), BENCH_SOAK_KEEP=1 keeps the database.
'use strict';
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir, cpus, loadavg } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const DURATION = Number(arg('duration') || process.env.BENCH_SOAK_DURATION || 600);
const ARTICLES = Number(process.env.BENCH_SOAK_ARTICLES || 1000);
const CONNECTIONS = Number(process.env.BENCH_SOAK_CONNECTIONS || 16);
const CAPACITY_SECONDS = Number(process.env.BENCH_SOAK_CAPACITY_SECONDS || 15);
const LOAD = Number(process.env.BENCH_SOAK_LOAD || 0.5);
const FIXED_RATE = process.env.BENCH_SOAK_RATE ? Number(process.env.BENCH_SOAK_RATE) : undefined;
const PG_URL = (process.env.BENCH_PG_URL || process.env.KILDE_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RSS_EVERY_MS = 5000;

const say = (msg) => process.stderr.write(`[bench:soak] ${msg}\n`);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

const ARTICLE_PAGE = `query Page($locale: Locale!) {
  articles(locale: $locale, first: 20) {
    edges { node { id title slug summary updatedAt
      attribution { licence provider { name } professionallyResponsible { name profession } }
      topics { id title slug } translations { locale id slug } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ONE_ARTICLE = `query One($slug: String!) { article(slug: $slug, locale: nb) { id title body { html } sources { title url } } }`;
const CHANGES = `query Changes { changes(first: 50) { nodes { id locale version } pageInfo { endCursor } } }`;
const SEARCH = `query Find($q: String!) { search(query: $q, locale: nb, first: 10) { totalHits hits { highlightedTitle snippet } } }`;

/** RSS of a process in MB, from /proc (Linux). */
function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return round(kb / 1024);
  } catch {
    return null;
  }
}

/** Starts the production entry point and reads its URL from the startup log line. */
function startApi(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'api', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.once('exit', () => running.delete(child));
    let buffered = '';
    let errorLines = 0;
    const countErrors = (chunk) => {
      errorLines += (String(chunk).match(/"level":(5|6)0/g) ?? []).length;
    };
    child.stdout.on('data', countErrors);
    const onData = (chunk) => {
      buffered = (buffered + chunk).slice(-20_000);
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(buffered);
      if (match) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url: match[1], output: () => buffered, errorLines: () => errorLines });
      }
    };
    child.stdout.on('data', onData);
    // Errors and warnings stay visible; a soak should be quiet.
    child.stderr.on('data', (chunk) => {
      buffered = (buffered + chunk).slice(-20_000);
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => reject(new Error(`Kilde API exited early (${code}): ${buffered}`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

/** autocannon as a promise, with an optional per-response hook. */
function cannon(autocannon, opts, onResponse) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
    if (onResponse) instance.on('response', onResponse);
  });
}

async function main() {
  const autocannon = require('autocannon');
  const { Client } = require('pg');
  const store = require(join(root, 'store', 'dist'));
  const { generateCorpus } = require(join(root, 'content', 'dist'));

  const dbName = `kilde_soak_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: `${PG_URL}/postgres` });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const databaseUrl = `${PG_URL}/${dbName}`;
  const dirs = [mkdtempSync(join(tmpdir(), 'kilde-soak-a-')), mkdtempSync(join(tmpdir(), 'kilde-soak-b-'))];
  const apis = [];
  const results = {
    generated_at: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, load_average_at_start: round(loadavg()[0], 2) },
    setup: { processes: 2, database: 'postgresql', redis: true, response_cache: false, articles: ARTICLES, connections_per_process: CONNECTIONS },
    duration_s: DURATION,
  };
  try {
    // 1. Content.
    const knex = await store.createDatabase({ url: databaseUrl });
    await store.runMigrations(knex);
    const slugs = [];
    const words = [];
    const seedStart = Date.now();
    for (const doc of generateCorpus({ articles: ARTICLES, questions: 0, seed: 'bench-soak' })) {
      const { version: _v, publishedAt: _p, updatedAt: _u, contentHash: _h, ...draft } = doc;
      await store.publishDocument(knex, { ...draft, translations: {} });
      if (doc.locale === 'nb') {
        slugs.push(doc.slug);
        const w = doc.title.toLowerCase().split(/[^\p{L}]+/u).filter((x) => x.length > 4);
        if (w[0]) words.push(w[0]);
      }
    }
    say(`published ${ARTICLES} article variants in ${round((Date.now() - seedStart) / 1000)} s (${databaseUrl})`);
    const { key } = await store.createPartnerKey(knex, { partner: 'Soak', scopes: ['read:content', 'search'], rateLimitPerMinute: 100_000_000 });
    await knex.destroy();

    // 2. Two API processes sharing PostgreSQL and Redis.
    const prefix = `kilde-soak-${randomBytes(3).toString('hex')}:`;
    for (const dir of dirs) {
      apis.push(
        await startApi({
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          REDIS_URL,
          REDIS_KEY_PREFIX: prefix,
          KILDE_DATA_DIR: dir,
          KILDE_INTERNAL_SECRET: randomBytes(24).toString('base64'),
          API_PORT: '0',
          API_HOST: '127.0.0.1',
          API_RESPONSE_CACHE: 'false',
          // Info: the startup line carries the URL; requests are not logged at this level.
          LOG_LEVEL: 'info',
        }),
      );
    }
    say(`API processes ${apis.map((a) => `${a.child.pid} at ${a.url}`).join(', ')}`);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const pick = (list, i) => list[i % list.length];
    // Each connection cycles through the mix: 2 pages, 1 article, 1 change-feed page, 1 search.
    const requests = Array.from({ length: 20 }, (_, i) => [
      { method: 'POST', body: JSON.stringify({ query: ARTICLE_PAGE, variables: { locale: 'nb' } }) },
      { method: 'POST', body: JSON.stringify({ query: ONE_ARTICLE, variables: { slug: pick(slugs, i * 7) } }) },
      { method: 'POST', body: JSON.stringify({ query: ARTICLE_PAGE, variables: { locale: 'nn' } }) },
      { method: 'POST', body: JSON.stringify({ query: CHANGES }) },
      { method: 'POST', body: JSON.stringify({ query: SEARCH, variables: { q: pick(words, i * 3) } }) },
    ]).flat();
    // Sanity: every kind answers without errors before anything is measured.
    for (const r of requests.slice(0, 5)) {
      const res = await fetch(`${apis[0].url}/graphql`, { method: 'POST', headers, body: r.body });
      const json = await res.json();
      if (res.status !== 200 || json.errors) throw new Error(`sample request failed: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    }
    const base = (api) => ({ url: `${api.url}/graphql`, headers, requests, timeout: 10 });

    // 3. Capacity: both processes at once, flat out.
    say('warming up 5 s');
    await Promise.all(apis.map((api) => cannon(autocannon, { ...base(api), connections: 4, duration: 5 })));
    let capacity;
    if (FIXED_RATE) {
      capacity = { rps: FIXED_RATE / LOAD, fixed: true };
    } else {
      say(`measuring capacity: ${CONNECTIONS} connections per process, ${CAPACITY_SECONDS} s (load average ${loadavg()[0].toFixed(2)})`);
      const runs = await Promise.all(apis.map((api) => cannon(autocannon, { ...base(api), connections: CONNECTIONS, duration: CAPACITY_SECONDS })));
      capacity = {
        rps: round(runs.reduce((sum, r) => sum + r.requests.average, 0)),
        p99_ms: Math.max(...runs.map((r) => r.latency.p99)),
        errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx + r.timeouts, 0),
        per_process_rps: runs.map((r) => round(r.requests.average)),
      };
      say(`capacity ${capacity.rps} req/s (p99 ${capacity.p99_ms} ms at saturation)`);
    }
    const targetRps = Math.max(2, Math.round(capacity.rps * LOAD));
    results.capacity = capacity;
    results.target_rps = targetRps;
    results.load_fraction = LOAD;

    // 4. Soak.
    const minutes = Math.max(1, Math.ceil(DURATION / 60));
    const buckets = Array.from({ length: minutes }, () => []);
    let non2xx = 0;
    const started = Date.now();
    const rss = apis.map(() => []);
    const sampleRss = () => {
      const t = round((Date.now() - started) / 1000);
      apis.forEach((api, i) => rss[i].push({ t, mb: rssMb(api.child.pid) }));
    };
    sampleRss();
    const rssTimer = setInterval(sampleRss, RSS_EVERY_MS);
    const progress = setInterval(() => {
      const m = Math.floor((Date.now() - started) / 60_000);
      const last = buckets[Math.max(0, m - 1)] ?? [];
      say(`${Math.round((Date.now() - started) / 1000)} s: ${buckets.reduce((s, b) => s + b.length, 0)} responses, non-2xx ${non2xx}, RSS ${apis.map((a) => rssMb(a.child.pid)).join(' / ')} MB${last.length ? `, p99 of minute ${m} ${pct([...last].sort((a, b) => a - b), 99)} ms` : ''}`);
    }, 60_000);
    say(`soaking at ${targetRps} req/s (${Math.round(LOAD * 100)} % of capacity) for ${DURATION} s; load average ${loadavg()[0].toFixed(2)}`);
    const onResponse = (_client, statusCode, _bytes, responseTime) => {
      const m = Math.min(minutes - 1, Math.floor((Date.now() - started) / 60_000));
      buckets[m].push(responseTime);
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
    };
    const soakRuns = await Promise.all(
      apis.map((api) =>
        cannon(autocannon, { ...base(api), connections: Math.max(2, Math.ceil(CONNECTIONS / 2)), overallRate: Math.max(1, Math.round(targetRps / apis.length)), duration: DURATION }, onResponse),
      ),
    );
    clearInterval(rssTimer);
    clearInterval(progress);
    sampleRss();

    const elapsed = (Date.now() - started) / 1000;
    const total = soakRuns.reduce((s, r) => s + r.requests.total, 0);
    const errors = soakRuns.reduce((s, r) => s + r.errors, 0);
    const timeouts = soakRuns.reduce((s, r) => s + r.timeouts, 0);
    const perMinute = buckets.map((b, i) => {
      const s = [...b].sort((x, y) => x - y);
      return { minute: i + 1, responses: s.length, p50_ms: pct(s, 50), p99_ms: pct(s, 99), max_ms: s.length ? s[s.length - 1] : null };
    });
    const full = perMinute.filter((m) => m.responses > 0);
    const first = full[0];
    const last = full[full.length - 1];
    const perProcess = apis.map((api, i) => {
      const series = rss[i].filter((x) => x.mb !== null);
      const firstMinute = series.filter((x) => x.t <= 60).map((x) => x.mb);
      const lastMinute = series.filter((x) => x.t >= elapsed - 60).map((x) => x.mb);
      const start = median(firstMinute);
      const end = median(lastMinute);
      return {
        pid: api.child.pid,
        rss_start_mb: start,
        rss_end_mb: end,
        rss_max_mb: Math.max(...series.map((x) => x.mb)),
        rss_growth_mb: start !== null && end !== null ? round(end - start) : null,
        // The first minute still holds the heap the capacity step left behind, which the GC
        // hands back during the soak; so judge growth the pessimistic way: the last minute's
        // highest sample against the first minute's lowest.
        rss_growth_worst_mb: firstMinute.length && lastMinute.length ? round(Math.max(...lastMinute) - Math.min(...firstMinute)) : null,
        rss_series: series,
      };
    });
    const p99Ratio = first?.p99_ms && last?.p99_ms ? round(last.p99_ms / first.p99_ms, 2) : null;
    Object.assign(results, {
      elapsed_s: round(elapsed),
      requests: total,
      achieved_rps: round(total / elapsed),
      errors,
      non2xx,
      timeouts,
      p99_first_minute_ms: first?.p99_ms ?? null,
      p99_last_minute_ms: last?.p99_ms ?? null,
      p99_last_to_first: p99Ratio,
      per_minute: perMinute,
      processes: perProcess,
      // Error lines the API processes logged (level ≥ 50) during the whole run.
      api_logged_errors: apis.reduce((n, api) => n + api.errorLines(), 0),
      load_average_at_end: round(loadavg()[0], 2),
      targets: { errors: 0, rss_growth_mb_max: 50, p99_last_to_first_max: 1.5 },
      met: {
        zero_errors: errors + non2xx + timeouts === 0 && apis.every((api) => api.errorLines() === 0),
        rss_growth: perProcess.every((p) => p.rss_growth_worst_mb !== null && p.rss_growth_worst_mb < 50),
        // "Stable": the last minute's p99 within 1.5 × the first's (or within 5 ms of it, since
        // on a shared 2-core machine a few ms are noise).
        p99_stable: first && last ? last.p99_ms <= Math.max(first.p99_ms * 1.5, first.p99_ms + 5) : false,
      },
    });
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    const out = join(root, 'bench', 'results', DURATION >= 600 ? 'soak.json' : 'soak-short.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    const { per_minute: _pm, processes, ...summary } = results;
    process.stdout.write(
      `${JSON.stringify({ ...summary, processes: processes.map(({ rss_series: _s, ...p }) => p) }, null, 2)}\nwritten to ${out}\n`,
    );
  } finally {
    await Promise.all(apis.map((api) => stopChild(api.child)));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_SOAK_KEEP === '1') say(`kept database ${dbName}`);
    else {
      const dropper = new Client({ connectionString: `${PG_URL}/postgres` });
      await dropper.connect();
      await dropper.query(`drop database if exists "${dbName}" with (force)`);
      await dropper.end();
    }
  }
}

// Interrupted: take the API processes down too (the database is kept; its name was printed).
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(130);
  });
}

main().catch((err) => {
  process.stderr.write(`[bench:soak] ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
