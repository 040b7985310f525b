// Jest globalSetup of the e2e project: builds the admin bundle once, before any test worker
// starts, when cms/dist/build is missing or stale. Doing it here rather than inside a test keeps
// `strapi build` (which also recompiles cms/dist) from racing integration tests that load cms/dist.
'use strict';
const { join } = require('node:path');
const { adminBuildIsCurrent, ensureAdminBuild } = require(join(__dirname, '..', '..', '..', 'scripts', 'admin-build.js'));

module.exports = async function buildAdminForE2e() {
  if (adminBuildIsCurrent()) return;
  process.stderr.write('\n[e2e] building the admin bundle for the browser tests (about 90 s, once)…\n');
  const { status, output } = ensureAdminBuild({ stdio: 'pipe' });
  if (status !== 0) throw new Error(`strapi build failed (exit ${status}):\n${output ?? ''}`);
};
