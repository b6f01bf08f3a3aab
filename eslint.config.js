import { URL, fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Zones and tsconfig resolve from this file, not from wherever eslint was started.
const root = fileURLToPath(new URL('.', import.meta.url));

/*
 * House rules held by lint (issue 9 §2; docs/architecture.md "House rules"). `no-restricted-imports` options do
 * not merge across blocks (the last matching block wins), so each folder's block lists every group it forbids.
 */
const AWS_SDK = {
  group: ['@aws-sdk/*', '@smithy/*'],
  message:
    'Only shared/adapters/ imports the AWS SDK (issue 9 §2): call or add an adapter in shared/adapters/ and import that.',
};
const DOMAIN_IMPURE_MESSAGE =
  'shared/domain is pure (architecture.md): no middy, Powertools or network. Return a value and let the use case, handler or adapter do the I/O.';
const DOMAIN_IMPURE = { group: ['@middy/*', '@aws-lambda-powertools/*'], message: DOMAIN_IMPURE_MESSAGE };
// Built-in modules by exact name: a pattern `http` would also match the repository's own `shared/http/…`.
const NETWORK_MODULES = ['node:http', 'node:https', 'node:net', 'http', 'https', 'net'].map((name) => ({
  name,
  message: DOMAIN_IMPURE_MESSAGE,
}));
const SHARED_NOT_FUNCTIONS_OR_INFRA = {
  target: './shared',
  from: ['./functions', './infra'],
  message:
    'shared/ never imports functions/ or infra/ (issue 9 §2): move what both need into shared/, or pass it in as an argument (as buildOpenApiDocument(routes) does).',
};
const DOMAIN_STANDS_ALONE = {
  target: './shared/domain',
  from: [
    './shared/adapters',
    './shared/http',
    './shared/use-cases',
    './shared/schemas',
    './shared/config.ts',
  ],
  message:
    'shared/domain is pure and stands alone (architecture.md): it never imports adapters, http, use cases, schemas or config, which would reach the SDK or the environment indirectly. Pass the value in from the use case.',
};
const FUNCTIONS_NOT_INFRA = {
  target: './functions',
  from: './infra',
  message:
    'functions/ never imports infra/ (issue 9 §2): handlers run the same on Lambda and the embedded stack; put shared code in shared/.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/', 'bench/peer/', '.stryker-tmp/', 'reports/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The resolver reads tsconfig and package.json `imports`, so `#shared/*`, `#functions/*`, `#infra/*` resolve.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Without the TS extensions and parser, import-x does not read .ts dependencies and no-cycle sees nothing.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${root}tsconfig.json` })],
    },
  },
  {
    // Handlers and domain log through Powertools Logger, never console (issue 2 §6).
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-console': 'error',
      // No import cycles (issue 9 §2): a cycle makes load order decide what is undefined at import. import-x
      // has no custom message: move what both files need into a third module both import.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Handlers: no AWS SDK (call an adapter) and nothing from infra/ (issue 9 §2).
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [AWS_SDK] }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [FUNCTIONS_NOT_INFRA] }],
    },
  },
  {
    // shared/ stands alone: functions/ and infra/ build on it, never the other way (issue 9 §2).
    files: ['shared/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: [SHARED_NOT_FUNCTIONS_OR_INFRA] }],
    },
  },
  {
    // Use cases, http, schemas, config: the SDK only through shared/adapters/ (issue 9 §2).
    files: ['shared/**/*.ts'],
    ignores: ['shared/adapters/**', 'shared/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [AWS_SDK] }] },
  },
  {
    // The domain is pure: no AWS SDK, no middy, no Powertools, no network (architecture.md).
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: NETWORK_MODULES, patterns: [AWS_SDK, DOMAIN_IMPURE] }],
      // One hop is not enough: through an adapter or a use case the domain would reach the SDK all the same.
      'import-x/no-restricted-paths': [
        'error',
        { basePath: root, zones: [SHARED_NOT_FUNCTIONS_OR_INFRA, DOMAIN_STANDS_ALONE] },
      ],
    },
  },
  // infra/** is outside the SDK rule: the CDK app and the embedded stack are the runtime, not handler code;
  // infra/local legitimately builds SDK clients to create the local table and serve Step Functions. bench/ and
  // test/ are outside too: they drive and mock the SDK from the outside.
);
