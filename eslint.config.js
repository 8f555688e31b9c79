import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import pluginQuery from '@tanstack/eslint-plugin-query';
import tseslint from 'typescript-eslint';

/** Imports flow one way (ARCHITECTURE.md): ui/lib -> features -> app; api/ knows no React; browser code never imports server/. */
const boundary = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noServer = { group: ['**/server/**', '../server/*'], message: 'Browser code never imports server/.' };
const noFeatures = { group: ['**/features/**', '@/features/**'], message: 'ui and lib know no feature.' };
const noApp = { group: ['**/app/**'], message: 'Only app/ composes the routes.' };
const noApiInternals = {
  group: ['**/api/store/**', '**/api/services/**', '**/api/handlers/**', '**/api/app', '**/api/http/**'],
  message: 'The browser app talks to the API over HTTP; it may import api/contract and api/rules (pure functions), nothing else of it.',
};
const noTesting = { group: ['@/testing/**', '**/testing/**'], message: 'Test helpers (src/testing) serve tests only.' };
const noDemo = { group: ['@/demo/**', '**/demo/**'], message: 'The API does not know the demo: it takes a StoreSnapshot.' };
const features = ['dashboard', 'processors', 'consents', 'support-access', 'deletions', 'audit', 'accounts', 'outbox', 'breaches'];
const noReact = { group: ['react', 'react-dom', 'react-dom/*', 'react-router', '@tanstack/*'], message: 'api/ is framework-free.' };

export default tseslint.config(
  {
    ignores: [
      '.lead',
      'dist',
      'dist-demo',
      'dist-demo-e2e',
      'node_modules',
      'public/mockServiceWorker.js',
      'test-results',
      'playwright-report',
      'data',
      'bench/results',
      'tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...pluginQuery.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { project: ['./tsconfig.json', './tsconfig.node.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The Store, JobQueue and connector interfaces are async by contract; the memory implementations
      // keep that signature without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // React Router's loaders throw `redirect(...)`, a Response.
      '@typescript-eslint/only-throw-error': ['error', { allow: [{ from: 'lib', name: 'Response' }] }],
    },
  },
  // Tests read answers as `any` (the harness's json) and use expect's asymmetric matchers, which are typed any.
  {
    files: ['**/*.test.{ts,tsx}', 'src/testing/**', 'e2e/**', 'server/hostile/**', 'server/connectors/**', 'server/test-support.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/api/**/*.ts'],
    ignores: ['src/api/**/*.test.ts'],
    rules: boundary([noReact, noServer, noFeatures, noApp, noTesting, noDemo]),
  },
  // The browser imports rules, so they stay pure: no store, service, handler or HTTP code behind them.
  {
    files: ['src/api/rules/**/*.ts'],
    ignores: ['src/api/**/*.test.ts'],
    rules: boundary([noReact, noServer, noFeatures, noApp, { ...noApiInternals, message: 'Rules are pure functions over the contract.' }]),
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: boundary([noServer, noFeatures, noApp, noApiInternals, noTesting]),
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: boundary([
      noServer,
      noApp,
      noApiInternals,
      noTesting,
      {
        group: features
          .filter((f) => f !== feature)
          .flatMap((f) => [`**/features/${f}/**`, `../${f}/**`, `../../${f}/**`, `../../../${f}/**`]),
        message: 'A feature never imports another feature.',
      },
    ]),
  })),
  {
    files: ['src/app/**/*.{ts,tsx}', 'src/main.tsx', 'src/demo-main.ts'],
    ignores: ['**/*.test.{ts,tsx}', 'src/app/tests/**'],
    rules: boundary([noServer, noApiInternals, noTesting]),
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Playwright fixtures take their options as `async ({}, use) => ...`.
  { files: ['e2e/**/*.ts'], rules: { 'no-empty-pattern': 'off' } },
  { files: ['src/demo/**/*.ts'], ignores: ['**/*.test.ts'], rules: boundary([noServer, noFeatures, noApp, noTesting]) },
  { files: ['server/**/*.ts'], ignores: ['**/*.test.ts', 'server/test-support.ts', 'server/hostile/**'], rules: boundary([noTesting]) },
);
