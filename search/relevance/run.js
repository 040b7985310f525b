#!/usr/bin/env node
// Prints recall@5 and MRR per category for the judged queries in relevance/queries.json, on the
// seed library with the embedded engine. Runs the relevance test and reads its report.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const out = join(root, 'bench', 'results', 'relevance.json');
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const run = spawnSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--selectProjects', 'integration', '--testPathPatterns', 'search/test/integration/relevance', '--forceExit'], {
  cwd: root, env: { ...process.env, KILDE_RELEVANCE_OUT: out }, stdio: ['ignore', 'ignore', 'pipe'],
});
const report = JSON.parse(readFileSync(out, 'utf8'));
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('category', 14)}${pad('queries', 9)}${pad('recall@5', 10)}mrr`);
for (const [c, s] of Object.entries(report.byCategory)) console.log(`${pad(c, 14)}${pad(s.queries, 9)}${pad(s.recallAt5.toFixed(3), 10)}${s.mrr.toFixed(3)}`);
console.log(`${pad('all', 14)}${pad(report.queries, 9)}${pad(report.recallAt5.toFixed(3), 10)}${report.mrr.toFixed(3)}`);
if (report.misses.length) {
  console.log('\nmisses (query → top 3):');
  for (const m of report.misses) console.log(`  [${m.locale}] ${m.query} → ${m.top.slice(0, 3).join(', ') || '(nothing)'}  (want ${m.expect.join(' | ')})`);
}
process.exit(run.status ?? 1);
