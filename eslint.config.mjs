// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const databaseClients = ['better-sqlite3', '@eventstore/db-client', 'testcontainers'];
const frameworkAndHttp = ['@nestjs/*', 'express', 'nestjs-pino', 'pino-http'];
const restrict = (names, message) => names.map((name) => ({ group: [name], message }));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**', 'data/**', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Plain Node scripts run before the build (tools/built-cli.mjs, tools/mark-built.mjs).
    files: ['tools/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Domain code: no framework, no HTTP types, no database client. Adapters are the exception below.
    files: ['libs/**/*.ts'],
    ignores: ['libs/ledger/src/sqlite/**', 'libs/ledger/src/esdb/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(frameworkAndHttp, 'libs/ is domain code: no framework or HTTP types (see docs/decisions).'),
            ...restrict(databaseClients, 'Only the store adapters in libs/ledger/src/{sqlite,esdb} may import a database client.'),
          ],
        },
      ],
    },
  },
  {
    // The EventStoreDB client belongs to its adapter alone; the SQLite driver to its own.
    files: ['apps/**/*.ts', 'libs/ledger/src/sqlite/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: restrict(['@eventstore/db-client'], 'Only libs/ledger/src/esdb imports the EventStoreDB client.') },
      ],
    },
  },
);
