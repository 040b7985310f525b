#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs bench/<name>.js in its own process (so one benchmark's
// heap and timers never skew another's). Without a name, lists the benchmarks.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const [name, ...args] = process.argv.slice(2);
const available = readdirSync(__dirname)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .map((f) => f.slice(0, -3))
  .sort();

if (!name || !available.includes(name)) {
  process.stderr.write(`${name ? `No benchmark named "${name}". ` : ''}Usage: npm run bench -- <${available.join('|')}>\n`);
  process.exit(name ? 64 : 0);
}
const script = join(__dirname, `${name}.js`);
if (!existsSync(join(__dirname, '..', 'api', 'dist'))) {
  process.stderr.write('bench: packages are not built; run `npm run build` first\n');
  process.exit(1);
}
// --expose-gc: benchmarks collect the garbage of their set-up (an index build, a corpus) before
// they measure, as a long-running process would have long since; heap figures need it too.
const run = spawnSync(process.execPath, ['--expose-gc', script, ...args], { stdio: 'inherit', env: process.env });
process.exit(run.status ?? 1);
