#!/usr/bin/env node
// `npm run bench -- api`: the partner API against Strapi's own GraphQL plugin, same data, same
// query ("20 articles with attribution, topics and translations, nb"), same machine, same run.
//
//   1. seeds 2,000 generated articles (with translations) into a throwaway SQLite database
//      through the real CMS: Strapi's document service, the publication hook, the read store;
//   2. drives Strapi's /graphql (plugin enabled with KILDE_STRAPI_GRAPHQL=true, read-only API
//      token) with autocannon, 32 connections, 20 s;
//   3. stops Strapi and drives Kilde's API (api/dist/main.js, the production entry point) twice:
//      every request executed (POST, API_RESPONSE_CACHE=false), and as a partner's CDN would
//      see it (GET with an APQ hash, response cache on);
//   4. writes bench/results/api.json and prints it.
//
// Figures only: nothing here fails on a number. Env: BENCH_API_ARTICLES (2000),
// BENCH_API_DURATION (20 s), BENCH_API_CONNECTIONS (32), BENCH_API_KEEP=1 keeps the database.
'use strict';
const { fork, spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir, cpus, loadavg } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const ARTICLES = Number(process.env.BENCH_API_ARTICLES || 2000);
const DURATION = Number(process.env.BENCH_API_DURATION || 20);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS || 32);
const WARMUP = Math.min(5, DURATION);

const KILDE_QUERY = `query Articles($locale: Locale!, $first: Int) {
  articles(locale: $locale, first: $first) {
    edges { cursor node {
      id title slug summary updatedAt lastReviewed nextReviewDue
      attribution { licence canonicalUrl provider { name url } professionallyResponsible { name profession } }
      topics { id title slug }
      translations { locale id slug }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const KILDE_VARIABLES = { locale: 'nb', first: 20 };

// The same selection in Strapi's generated schema: attribution (provider, licence, canonical
// URL, professionally responsible), topics, and the other locales (translations).
const STRAPI_QUERY = `query Articles($locale: I18NLocaleCode) {
  articles(locale: $locale, pagination: { limit: 20 }, sort: ["updatedAt:asc"]) {
    documentId title slug summary updatedAt lastReviewed nextReviewDue
    licence canonicalUrl
    provider { name url }
    professionallyResponsible { name profession }
    topics { documentId title slug }
    localizations { locale documentId slug }
  }
}`;
const STRAPI_VARIABLES = { locale: 'nb' };

const say = (msg) => process.stderr.write(`[bench:api] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Child role: Strapi. Boots the CMS, seeds, creates a read-only API token, listens.
// ---------------------------------------------------------------------------------------------
async function strapiRole() {
  const cmsDir = join(root, 'cms');
  const { generateCorpus } = require(join(root, 'content', 'dist'));
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: cmsDir, distDir: join(cmsDir, 'dist') }).load();
  let runAs = (fn) => fn();
  try {
    // The editorial workflow attributes every publish to an actor; the seed acts as the system.
    const actor = require(join(cmsDir, 'dist', 'src', 'workflow', 'actor'));
    runAs = (fn) => actor.runAs(actor.systemActor('bench'), fn, { changeNote: { kind: 'content-update', text: 'Benchmark corpus' } });
  } catch {
    // Older CMS without the workflow: publish directly.
  }
  const docs = (uid) => strapi.documents(uid);
  const started = Date.now();

  const corpus = [...generateCorpus({ articles: ARTICLES, questions: 0, seed: 'bench-api' })];
  // Topics and providers per locale: in Strapi 5 a relation to a localized type resolves in the
  // article's own locale, so every locale an article uses needs its own variant of both.
  const orgs = new Map();
  const topics = new Map();
  for (const d of corpus) {
    if (d.provider) {
      const o = orgs.get(d.provider.id) || {};
      o[d.locale] ??= d.provider.title || d.provider.id;
      orgs.set(d.provider.id, o);
    }
    for (const t of d.topics) {
      const v = topics.get(t.id) || {};
      v[d.locale] ??= t;
      topics.set(t.id, v);
    }
  }
  const locales = ['nb', 'nn', 'en'];
  const createAllLocales = async (uid, dataFor) => {
    let documentId;
    for (const locale of locales) {
      const data = dataFor(locale);
      if (!documentId) documentId = (await docs(uid).create({ locale, data, status: 'published' })).documentId;
      else await docs(uid).update({ documentId, locale, data, status: 'published' });
    }
    return documentId;
  };
  const orgIds = new Map();
  const topicIds = new Map();
  await runAs(async () => {
    for (const [key, names] of orgs) {
      const name = (l) => names[l] || names.nb || Object.values(names)[0];
      orgIds.set(key, await createAllLocales('api::organisation.organisation', (l) => ({
        name: name(l), description: '', url: `https://${key}.example.no`, defaultLicence: 'CC-BY-4.0', externalId: key, sourceSystem: 'bench',
      })));
    }
    let n = 0;
    for (const [key, refs] of topics) {
      n += 1;
      const ref = (l) => refs[l] || refs.nb || Object.values(refs)[0];
      topicIds.set(key, await createAllLocales('api::topic.topic', (l) => ({
        title: ref(l).title || key, slug: `${ref(l).slug || key}-${l}-${n}`, description: '', reviewIntervalMonths: 12, externalId: key, sourceSystem: 'bench',
      })));
    }
  });

  // Group the generated variants by item; create the first locale, add the others as translations.
  const groups = new Map();
  for (const d of corpus) {
    const list = groups.get(d.id) || [];
    list.push(d);
    groups.set(d.id, list);
  }
  const order = { nb: 0, nn: 1, en: 2 };
  let done = 0;
  for (const variants of groups.values()) {
    variants.sort((a, b) => order[a.locale] - order[b.locale]);
    let documentId;
    for (const a of variants) {
      const data = {
        title: a.title,
        slug: a.slug,
        summary: a.summary,
        body: a.body,
        topics: a.topics.map((t) => topicIds.get(t.id)).filter(Boolean),
        audience: a.audience,
        provider: a.provider ? orgIds.get(a.provider.id) : undefined,
        // The quality gate requires a professionally responsible person; the generator leaves
        // some out on purpose (to exercise the gate), the benchmark wants publishable content.
        professionallyResponsible: a.professionallyResponsible || { name: 'Kari Nordmann', profession: 'doctor' },
        authors: a.authors,
        sources: a.sources,
        snomed: a.snomed,
        licence: a.licence,
        canonicalUrl: `https://kilde.example.no/${a.locale}/${a.slug}`,
        reviewIntervalMonths: a.reviewIntervalMonths,
        lastReviewed: a.lastReviewed || undefined,
        workflowStage: 'published',
        externalId: a.id,
        sourceSystem: 'bench',
      };
      await runAs(async () => {
        if (!documentId) documentId = (await docs('api::article.article').create({ locale: a.locale, data, status: 'published' })).documentId;
        else await docs('api::article.article').update({ documentId, locale: a.locale, data, status: 'published' });
      });
      done += 1;
      if (done % 250 === 0) process.send({ progress: done, total: corpus.length });
    }
  }
  const seedSeconds = (Date.now() - started) / 1000;

  const token = await strapi.service('admin::api-token').create({ name: `bench-${Date.now()}`, description: 'API benchmark', type: 'read-only', lifespan: null });
  await new Promise((resolve) => strapi.server.listen(0, '127.0.0.1', resolve));
  const port = strapi.server.httpServer.address().port;
  process.send({ ready: true, url: `http://127.0.0.1:${port}`, token: token.accessKey, variants: corpus.length, items: groups.size, seedSeconds, organisations: orgs.size, topics: topics.size });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    await strapi.destroy();
    process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------------
// Orchestrator.
// ---------------------------------------------------------------------------------------------
function startStrapi(env) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--role=strapi'], { cwd: join(root, 'cms'), env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    child.on('message', (m) => {
      if (m.progress) say(`seeded ${m.progress}/${m.total} article variants`);
      if (m.ready) resolve({ child, ...m });
    });
    child.once('exit', (code) => reject(new Error(`Strapi exited early (${code})`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  });
}

/** Starts the production entry point of the API and reads its URL from the startup log line. */
function startKilde(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'api', 'dist', 'main.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = /listening on (http:\/\/[0-9.:]+)/.exec(buffered);
      if (match) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        resolve({ child, url: match[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`Kilde API exited early (${code}): ${buffered}`)));
  });
}

async function drive(autocannon, label, opts) {
  say(`${label}: warming up ${WARMUP} s`);
  await autocannon({ ...opts, duration: WARMUP });
  const load = loadavg()[0];
  say(`${label}: ${CONNECTIONS} connections, ${DURATION} s (load average before: ${load.toFixed(2)})`);
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION });
  const result = {
    rps: Math.round(r.requests.average * 10) / 10,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytes_per_response: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    load_average_before: Math.round(load * 100) / 100,
  };
  say(`${label}: ${result.rps} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms, non-2xx ${result.non2xx}, errors ${result.errors}`);
  return result;
}

async function postJson(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 200 || json.errors) throw new Error(`${url}: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

async function main() {
  const autocannon = require('autocannon');
  const dir = mkdtempSync(join(tmpdir(), 'kilde-bench-api-'));
  const secret = () => randomBytes(24).toString('base64');
  const env = {
    ...process.env,
    // Both servers run as in production.
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${join(dir, 'kilde.db')}`,
    KILDE_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    APP_KEYS: [secret(), secret()].join(','),
    ADMIN_JWT_SECRET: secret(),
    API_TOKEN_SALT: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
  const results = { generated_at: new Date().toISOString(), machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version }, connections: CONNECTIONS, duration_s: DURATION };
  let strapi;
  let kilde;
  try {
    // 1. Seed through the real CMS, with Strapi's GraphQL plugin on for the baseline.
    say(`seeding ${ARTICLES} generated article variants through Strapi (${dir})`);
    strapi = await startStrapi({ ...env, KILDE_STRAPI_GRAPHQL: 'true', KILDE_SERVE_ADMIN: 'false', KILDE_SEED: 'never', KILDE_DISPATCHER: 'false', CMS_HOST: '127.0.0.1' });
    say(`seeded ${strapi.variants} variants of ${strapi.items} articles, ${strapi.organisations} providers, ${strapi.topics} topics in ${strapi.seedSeconds.toFixed(0)} s`);
    Object.assign(results, { articles: { variants: strapi.variants, items: strapi.items, seed_seconds: Math.round(strapi.seedSeconds) } });

    // 2. Strapi's GraphQL plugin.
    const strapiHeaders = { 'content-type': 'application/json', authorization: `Bearer ${strapi.token}` };
    const strapiSample = await postJson(`${strapi.url}/graphql`, strapiHeaders, { query: STRAPI_QUERY, variables: STRAPI_VARIABLES });
    if (strapiSample.data.articles.length !== 20) throw new Error(`Strapi returned ${strapiSample.data.articles.length} articles`);
    const strapiRun = await drive(autocannon, "Strapi's GraphQL", {
      url: `${strapi.url}/graphql`,
      method: 'POST',
      headers: strapiHeaders,
      body: JSON.stringify({ query: STRAPI_QUERY, variables: STRAPI_VARIABLES }),
      timeout: 60,
    });
    await stopChild(strapi.child);
    strapi = undefined;

    // 3. Kilde, every request executed.
    const { createDatabase, createPartnerKey } = require(join(root, 'store', 'dist'));
    const knex = await createDatabase({ url: env.DATABASE_URL });
    // A key with a limit far above what the benchmark sends, so it measures serving, not refusing.
    const { key } = await createPartnerKey(knex, { partner: 'Benchmark', scopes: ['read:content'], rateLimitPerMinute: 100_000_000 });
    await knex.destroy();
    const kildeEnv = { ...env, API_PORT: '0', API_HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    const auth = { authorization: `Bearer ${key}` };

    // A first start builds the embedded search index from the read store and saves its snapshot
    // on shutdown; the measured starts then restore it, as a production restart would, instead
    // of writing a first snapshot in the middle of a run.
    kilde = await startKilde({ ...kildeEnv, API_RESPONSE_CACHE: 'false' });
    await stopChild(kilde.child);
    kilde = await startKilde({ ...kildeEnv, API_RESPONSE_CACHE: 'false' });
    const sample = await postJson(`${kilde.url}/graphql`, auth, { query: KILDE_QUERY, variables: KILDE_VARIABLES });
    if (sample.data.articles.edges.length !== 20) throw new Error(`Kilde returned ${sample.data.articles.edges.length} articles`);
    const executed = await drive(autocannon, 'Kilde, executed', {
      url: `${kilde.url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: KILDE_QUERY, variables: KILDE_VARIABLES }),
    });
    await stopChild(kilde.child);

    // 4. Kilde as a CDN sees it: GET with the persisted query's hash, response cache on.
    kilde = await startKilde({ ...kildeEnv, API_RESPONSE_CACHE: 'true' });
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(KILDE_QUERY).digest('hex') } });
    const variables = JSON.stringify(KILDE_VARIABLES);
    const register = await fetch(`${kilde.url}/graphql?${new URLSearchParams({ query: KILDE_QUERY, variables, extensions })}`, { headers: auth });
    if (register.status !== 200) throw new Error(`APQ registration failed: ${register.status}`);
    const cached = await drive(autocannon, 'Kilde, cached (GET + APQ)', {
      url: `${kilde.url}/graphql?${new URLSearchParams({ variables, extensions })}`,
      method: 'GET',
      headers: auth,
    });
    await stopChild(kilde.child);
    kilde = undefined;

    const ratio = strapiRun.rps > 0 ? Math.round((executed.rps / strapiRun.rps) * 10) / 10 : null;
    Object.assign(results, {
      kilde_rps: executed.rps,
      kilde_p99_ms: executed.p99_ms,
      kilde_cached_rps: cached.rps,
      kilde_cached_p99_ms: cached.p99_ms,
      strapi_graphql_rps: strapiRun.rps,
      strapi_p99_ms: strapiRun.p99_ms,
      ratio,
      targets: { ratio: 100, kilde_p99_ms: 50, kilde_cached_rps: 4000, kilde_cached_p99_ms: 25 },
      met: {
        ratio: ratio !== null && ratio >= 100,
        kilde_p99_ms: executed.p99_ms <= 50,
        kilde_cached_rps: cached.rps >= 4000,
        kilde_cached_p99_ms: cached.p99_ms <= 25,
      },
      runs: { strapi: strapiRun, kilde_executed: executed, kilde_cached: cached },
      queries: { kilde: KILDE_QUERY, kilde_variables: KILDE_VARIABLES, strapi: STRAPI_QUERY, strapi_variables: STRAPI_VARIABLES },
    });
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(join(root, 'bench', 'results', 'api.json'), `${JSON.stringify(results, null, 2)}\n`);
    const { runs: _runs, queries: _queries, ...summary } = results;
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    if (strapi) await stopChild(strapi.child);
    if (kilde) await stopChild(kilde.child);
    if (process.env.BENCH_API_KEEP === '1') say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--role=strapi')) {
  strapiRole().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    process.stderr.write(`[bench:api] ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
