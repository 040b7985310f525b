#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the CMS (:1337) and the API (:4000) together.
// Zero setup: SQLite under .data/, embedded search, the seed library published on first start.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { adminBuildIsCurrent, ensureAdminBuild } = require('./admin-build');

const root = join(__dirname, '..');
const cmsDir = join(root, 'cms');
const dataDir = process.env.KILDE_DATA_DIR || join(root, '.data');
const started = Date.now();
const say = (msg) => process.stdout.write(`[kilde] ${msg}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    say(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
    process.exit(r.status || 1);
  }
}

mkdirSync(dataDir, { recursive: true });
say('building packages (incremental)…');
run('npm', ['run', '--silent', 'build']);

if (!adminBuildIsCurrent()) {
  say('building the admin panel (first start only; about a minute)…');
  const { status } = ensureAdminBuild({ env: { NODE_ENV: process.env.NODE_ENV || 'development' } });
  if (status !== 0) {
    say(`strapi build failed (exit ${status})`);
    process.exit(status || 1);
  }
}

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'development', KILDE_DATA_DIR: dataDir, STRAPI_TELEMETRY_DISABLED: 'true' };
const children = [];
function start(name, cmd, args, cwd) {
  const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    say(`${name} exited (${signal || code})`);
    for (const c of children) if (c !== child && c.exitCode === null) c.kill('SIGTERM');
    process.exitCode = code || (signal ? 1 : 0);
  });
  children.push(child);
  return child;
}
start('cms', process.execPath, [join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], cmsDir);
start('api', process.execPath, [join(root, 'api', 'dist', 'main.js')], root);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => children.forEach((c) => c.kill(sig)));

// Tell the person what is where once both are ready.
const poll = setInterval(async () => {
  try {
    const [cms, api] = await Promise.all([fetch('http://127.0.0.1:1337/_health'), fetch('http://127.0.0.1:4000/readyz')]);
    if (cms.status < 300 && api.status === 200) {
      clearInterval(poll);
      say(`ready after ${elapsed()}`);
      say('  admin:    http://localhost:1337/admin');
      say('  GraphQL:  http://localhost:4000/graphql');
      say(`  demo accounts:    ${join(dataDir, 'demo-accounts.json')}`);
      say(`  demo partner key: ${join(dataDir, 'demo-partner-key')}`);
      say(`  demo widget key:  ${join(dataDir, 'demo-widget-key')} (search: GET /v1/search, docs/search-api.md)`);
    }
  } catch {
    /* not up yet */
  }
}, 1000);
poll.unref();
