#!/usr/bin/env node
// Prints precision and recall of the crisis detector and the personal-data scrubber, on the main
// case tables and on the held-out examples (safety/src/__tests__/holdout-cases.ts).
// Usage: node safety/scripts/evaluate.js [--details]
'use strict';
const { transformSync } = require('@swc/core');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// Load the TypeScript sources directly (no build needed): compile each .ts file with SWC on require.
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@kilde/schemas') request = join(__dirname, '..', '..', 'schemas', 'src', 'index.ts');
  return resolve.call(this, request, ...rest);
};

const src = join(__dirname, '..', 'src');
const { evaluateCrisisDetector, scrubPersonalData } = require(join(src, 'index.ts'));
const { MUST_FLAG, MUST_NOT_FLAG } = require(join(src, 'crisis', '__tests__', 'crisis-cases.ts'));
const { SCRUB_SAMPLES } = require(join(src, 'scrub', '__tests__', 'scrub-cases.ts'));
const { HOLDOUT_CRISIS, HOLDOUT_SCRUB } = require(join(src, '__tests__', 'holdout-cases.ts'));
const { evaluateScrubber } = require(join(src, '__tests__', 'evaluate-scrubber.ts'));

const details = process.argv.includes('--details');
const pct = (x) => x.toFixed(3);
const byLocale = (cases) => ['nb', 'nn', 'en'].map((l) => `${l} ${cases.filter((c) => (c.locale ?? 'nb') === l).length}`).join(', ');

function crisis(name, cases) {
  const e = evaluateCrisisDetector(cases);
  const pos = cases.filter((c) => c.crisis).length;
  console.log(`crisis ${name}: ${cases.length} messages (${pos} crisis, ${cases.length - pos} not; ${byLocale(cases)}) ` +
    `TP ${e.truePositives} FP ${e.falsePositives} TN ${e.trueNegatives} FN ${e.falseNegatives} precision ${pct(e.precision)} recall ${pct(e.recall)}`);
  if (details) for (const x of e.errors) console.log(`  ${x.case.crisis ? 'MISSED' : 'FALSE ALARM'}: ${x.case.text} → ${JSON.stringify(x.result)}`);
}
function scrub(name, samples) {
  const e = evaluateScrubber(samples, (s) => scrubPersonalData(s).text);
  console.log(`scrubber ${name}: ${e.samples} samples, placeholders TP ${e.truePositives} FP ${e.falsePositives} FN ${e.falseNegatives} ` +
    `precision ${pct(e.precision)} recall ${pct(e.recall)}; ${e.mismatches.length} outputs differ from the expected text`);
  if (details) for (const m of e.mismatches) console.log(`  ${m.input}\n    expected ${m.expected}\n    actual   ${m.actual}`);
}

crisis('main table', [...MUST_FLAG, ...MUST_NOT_FLAG]);
crisis('held-out', HOLDOUT_CRISIS);
scrub('main table', SCRUB_SAMPLES);
scrub('held-out', HOLDOUT_SCRUB);
