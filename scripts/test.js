#!/usr/bin/env node
// `npm test`: builds, lints, runs every Jest project, and ends with `tests: N passed, N failed`.
// Extra arguments go to Jest, e.g. `npm test -- --selectProjects integration`.
// ESLint runs on the full run only (no arguments) and counts as one test: 1 passed when clean,
// 1 failed otherwise. Any argument means a narrowed run (a project, a path, the fault config), so
// lint is skipped there; that keeps `.ci/run`, which calls this three times, linting once.
// No ESLint cache: its per-file cache is unsound with type-aware rules (a change in one file can
// break another that did not change; typescript-eslint/typescript-eslint#4694).
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, existsSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, '.tmp', `jest-${process.pid}.json`);
mkdirSync(join(root, '.tmp'), { recursive: true });

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit', cwd: root });
if (build.status !== 0) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}

const args = process.argv.slice(2);

let lintPassed = 0;
let lintFailed = 0;
if (args.length === 0) {
  process.stdout.write('lint: eslint .\n');
  const lint = spawnSync(process.execPath, [join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'], {
    stdio: 'inherit',
    cwd: root,
  });
  // 1: findings (printed above), 2: ESLint itself failed; both fail the lint test.
  if (lint.status === 0) lintPassed = 1;
  else lintFailed = 1;
  process.stdout.write(`lint: ${lintPassed ? 'clean' : 'failed'}\n`);
}

const jest = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${out}`, '--forceExit', ...args],
  { stdio: 'inherit', cwd: root, env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } },
);

let passed = 0;
let failed = 0;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests;
  // A suite that fails to load has no failed tests but must count as a failure.
  failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
  // The slowest tests, so a CI log shows which ones drift towards their time limit (30 s unless
  // the test sets its own) before one of them crosses it.
  const slow = r.testResults
    .flatMap((file) =>
      (file.assertionResults || []).map((t) => ({
        ms: t.duration || 0,
        name: `${file.name.replace(`${root}/`, '')} › ${t.fullName}`,
      })),
    )
    .filter((t) => t.ms >= 15_000)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  for (const t of slow) process.stdout.write(`slow: ${(t.ms / 1000).toFixed(1)} s  ${t.name}\n`);
  rmSync(out, { force: true });
} else failed = 1;
passed += lintPassed;
failed += lintFailed;
if (process.env.KILDE_TEST_SUMMARY) writeFileSync(process.env.KILDE_TEST_SUMMARY, JSON.stringify({ passed, failed }));
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
