// `npm run test:faults`: the fault suite (issue #10). Real processes (api/dist/main.js, outbox
// dispatchers over store/dist), PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379; each
// test file creates and drops its own database. Separate from the default projects because it
// needs both servers and takes minutes; `.ci/run` runs it after the PostgreSQL pass.
'use strict';
const { join } = require('node:path');
const root = join(__dirname, '..', '..');
const base = require(join(root, 'jest.config.js'));
const integration = base.projects.find((p) => p.displayName === 'integration');

process.env.KILDE_TEST_PG_URL ??= 'postgres://postgres@127.0.0.1:5432';
process.env.KILDE_TEST_REDIS_URL ??= 'redis://127.0.0.1:6379';

module.exports = {
  rootDir: root,
  // Each file starts servers and loads them; on a 2-core machine they must not overlap.
  maxWorkers: 1,
  testTimeout: 180_000,
  projects: [
    {
      transform: integration.transform,
      transformIgnorePatterns: integration.transformIgnorePatterns,
      moduleNameMapper: integration.moduleNameMapper,
      testEnvironment: 'node',
      rootDir: root,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault.test.ts'],
      slowTestThreshold: 120,
    },
  ],
};
