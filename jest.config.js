// Root Jest config: "unit" (tests beside the code), "integration" (real Strapi, real HTTP, real
// database) and "e2e" (a real browser on the real admin). All transform TypeScript with SWC.
'use strict';

const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};
// unified/remark and friends ship ESM only: let SWC turn them into CommonJS for Jest.
const esmOnly = [
  'unified', 'remark-.*', 'rehype-.*', 'mdast-.*', 'micromark.*', 'unist-.*', 'vfile.*', 'hast-.*',
  'bail', 'trough', 'is-plain-obj', 'devlop', 'decode-named-character-reference',
  'character-entities.*', 'ccount', 'escape-string-regexp', 'markdown-table', 'longest-streak',
  'zwitch', 'property-information', 'space-separated-tokens', 'comma-separated-tokens',
  'html-void-elements', 'web-namespaces', 'stringify-entities', 'trim-lines', 'estree-util-.*',
  'fault', 'format', 'mdurl', 'yaml', 'meilisearch',
].join('|');
const moduleNameMapper = {
  '^@kilde/(schemas|migrations|store|safety|search|content|api)$': '<rootDir>/$1/src',
  '^@kilde/api/widget-ui$': '<rootDir>/api/src/widget/ui',
};
const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  // Integration tests boot real servers; a loaded 2-core CI machine needs more than Jest's 5 s.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/*/src/**/__tests__/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/*/test/integration/**/*.int.test.ts'],
      slowTestThreshold: 30,
    },
    {
      // Browser tests: playwright-core driving Debian's /usr/bin/chromium against a CMS the test
      // starts itself; globalSetup builds the admin bundle first when it is missing or stale
      // (before any worker starts, so `strapi build` never races tests that load cms/dist).
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/*/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/cms/test/e2e/global-setup.js',
      slowTestThreshold: 120,
    },
  ],
};
