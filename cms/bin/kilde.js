#!/usr/bin/env node
'use strict';
// `npx kilde …`: the Kilde command line (compiled from cms/src/cli by `npm run build`).
const { join } = require('node:path');
const { existsSync } = require('node:fs');

const entry = join(__dirname, '..', 'dist', 'src', 'cli', 'index.js');
if (!existsSync(entry)) {
  process.stderr.write('kilde: not built yet; run `npm run build` first\n');
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`kilde: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
