// Root Jest config: one "unit" project (tests beside the code) and one "integration" project
// (real Strapi, real HTTP, real database). Both transform TypeScript with SWC.
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
  'fault', 'format', 'mdurl', 'yaml',
].join('|');
const moduleNameMapper = {
  '^@kilde/(schemas|migrations|store|safety|search|content|api)$': '<rootDir>/$1/src',
};
const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
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
  ],
};
