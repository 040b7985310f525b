#!/usr/bin/env node
// Bundles widget/src into one ES module (dist/widget.js), measures it and writes dist/size.json:
// { bytes, gzipBytes, brotliBytes, budgetGzipBytes, hash, file }. The API serves dist/widget.js at
// /widget.js and /widget/<hash>.js. Fails when the gzipped bundle exceeds the budget.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { gzipSync, brotliCompressSync, constants } = require('node:zlib');

const root = join(__dirname, '..');
/** The size budget from issue #9: 15 KB gzipped. */
const BUDGET_GZIP_BYTES = 15 * 1024;

/** Bundles the widget in memory and returns the code with its measurements. */
async function bundle() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(root, 'src', 'index.ts')],
    bundle: true,
    format: 'esm',
    // Shared code from other workspace packages (`@kilde/api/widget-ui`) is bundled from its
    // TypeScript source, ES modules that tree-shake, not from their compiled CommonJS.
    conditions: ['kilde-source'],
    // Custom elements, Shadow DOM, adoptedStyleSheets fallback: evergreen browsers.
    target: ['es2020', 'chrome90', 'firefox90', 'safari15'],
    minify: true,
    legalComments: 'none',
    write: false,
    charset: 'utf8',
    logLevel: 'silent',
  });
  const code = Buffer.from(result.outputFiles[0].contents);
  return {
    code,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    brotliBytes: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      .length,
    hash: createHash('sha256').update(code).digest('hex').slice(0, 16),
  };
}

async function main() {
  const out = await bundle();
  const dist = join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'widget.js'), out.code);
  const size = {
    file: 'widget.js',
    hash: out.hash,
    bytes: out.bytes,
    gzipBytes: out.gzipBytes,
    brotliBytes: out.brotliBytes,
    budgetGzipBytes: BUDGET_GZIP_BYTES,
  };
  writeFileSync(join(dist, 'size.json'), `${JSON.stringify(size, null, 2)}\n`);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  process.stdout.write(
    `widget: dist/widget.js ${kb(out.bytes)} minified, ${kb(out.gzipBytes)} gzipped (budget ${kb(BUDGET_GZIP_BYTES)}), ${kb(out.brotliBytes)} brotli, hash ${out.hash}\n`,
  );
  if (out.gzipBytes > BUDGET_GZIP_BYTES) {
    process.stderr.write(
      `widget: over budget by ${out.gzipBytes - BUDGET_GZIP_BYTES} bytes gzipped\n`,
    );
    process.exit(1);
  }
}

module.exports = { bundle, BUDGET_GZIP_BYTES };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`widget: build failed: ${err.stack || err}\n`);
    process.exit(1);
  });
}
