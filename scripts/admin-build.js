// The admin bundle is built from cms/src/admin, the content types and Strapi's own version; this
// hash says whether cms/dist/build is current. Shared by `npm start` and the Playwright test.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { createHash } = require('node:crypto');

const root = join(__dirname, '..');
const cmsDir = join(root, 'cms');
const stampPath = join(cmsDir, 'dist', 'build', '.kilde-admin-fingerprint');

/** Hash of everything the admin bundle is built from, so an unchanged admin is not rebuilt. */
function adminFingerprint() {
  const h = createHash('sha256');
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else h.update(p).update(readFileSync(p));
    }
  };
  walk(join(cmsDir, 'src', 'admin'));
  walk(join(cmsDir, 'src', 'api'));
  walk(join(cmsDir, 'src', 'components'));
  h.update(readFileSync(join(root, 'node_modules', '@strapi', 'strapi', 'package.json')));
  return h.digest('hex');
}

/** True when cms/dist/build was built from the current sources. */
function adminBuildIsCurrent() {
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8') === adminFingerprint();
}

/**
 * Builds the admin bundle with `strapi build` unless it is current; returns the spawn status.
 * @param {{ stdio?: 'inherit' | 'pipe' | 'ignore', env?: NodeJS.ProcessEnv }} [options]
 */
function ensureAdminBuild(options = {}) {
  if (adminBuildIsCurrent()) return { built: false, status: 0 };
  const fingerprint = adminFingerprint();
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build', '--minify'],
    {
      cwd: cmsDir,
      stdio: options.stdio ?? 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        STRAPI_TELEMETRY_DISABLED: 'true',
        ...options.env,
      },
    },
  );
  if (r.status === 0) writeFileSync(stampPath, fingerprint);
  return {
    built: true,
    status: r.status ?? 1,
    output: r.stdout ? String(r.stdout) + String(r.stderr) : undefined,
  };
}

module.exports = { adminFingerprint, adminBuildIsCurrent, ensureAdminBuild, stampPath };
