// Flat config shared by every workspace package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.strapi/**',
      '**/build/**',
      '.data/**',
      'cms/types/generated/**',
      'cms/src/admin/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The widget runs in browsers: its own tsconfig brings the DOM types.
    files: ['widget/src/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./widget/tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The CMS is compiled as CommonJS with Node resolution (Strapi's server tsconfig), unlike the
    // Node16 packages: type-check its files the way they are built, or its extensionless dynamic
    // `import()`s do not resolve and everything they return reads as `any`.
    files: ['cms/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./cms/tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/__tests__/**', '**/test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
