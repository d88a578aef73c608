// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const databaseClients = ['better-sqlite3', '@eventstore/db-client', 'testcontainers'];
const frameworkAndHttp = ['@nestjs/*', 'express', 'nestjs-pino', 'pino-http'];
const restrict = (names, message) => names.map((name) => ({ group: [name], message }));
/** The libraries, lowest first: each may import only those before it. */
const LAYERS = ['ledger', 'records', 'access', 'indicators', 'audit', 'funds', 'fabrication', 'commands', 'synthetic'];

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
  // Domain code: no framework, no HTTP types, no database client (the store adapters are the
  // exception). And layers that point one way: each library imports only the libraries below it
  // in LAYERS, never apps/ or tools/, so there is no cycle. Specs may compose across layers.
  ...LAYERS.map((lib, i) => ({
    files: [`libs/${lib}/**/*.ts`],
    ignores: ['libs/ledger/src/sqlite/**', 'libs/ledger/src/esdb/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(frameworkAndHttp, 'libs/ is domain code: no framework or HTTP types (see docs/decisions).'),
            ...restrict(databaseClients, 'Only the store adapters in libs/ledger/src/{sqlite,esdb} may import a database client.'),
            ...LAYERS.slice(i + 1).flatMap((above) =>
              restrict(
                [`@libs/${above}`, `@libs/${above}/*`, `**/libs/${above}/**`, `**/${above}/src/**`],
                `${lib} sits below ${above} (${LAYERS.join(' ← ')}): a lower layer never imports a higher one (docs/decisions/0014).`,
              ),
            ),
            ...restrict(['**/apps/**', '**/tools/**'], 'A library never imports apps/ or tools/ (docs/decisions/0014).'),
          ],
        },
      ],
    },
  })),
  // The store adapters: the ledger is the bottom layer; each adapter may import its own client.
  ...[
    ['libs/ledger/src/sqlite/**/*.ts', ['@eventstore/db-client']],
    ['libs/ledger/src/esdb/**/*.ts', []],
  ].map(([files, foreignClients]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restrict(frameworkAndHttp, 'libs/ is domain code: no framework or HTTP types (see docs/decisions).'),
            ...restrict(['@libs/*', '**/apps/**', '**/tools/**'], 'The ledger is the bottom layer: it imports no other library, app or tool.'),
            ...restrict(foreignClients, 'Only libs/ledger/src/esdb imports the EventStoreDB client.'),
          ],
        },
      ],
    },
  })),
  {
    // The EventStoreDB client belongs to its adapter alone.
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: restrict(['@eventstore/db-client'], 'Only libs/ledger/src/esdb imports the EventStoreDB client.') },
      ],
    },
  },
);
