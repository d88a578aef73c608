/** Unit specs sit beside the code in libs/ and apps/; black-box tests live in test/. */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A no-op unless LEDGER_TEST_NOW is set: then "now" starts at that instant (npm run test:clock).
  setupFiles: ['<rootDir>/test/support/shifted-clock.js'],
  moduleNameMapper: {
    '^@libs/commands$': '<rootDir>/libs/commands/src/index.ts',
    '^@libs/commands/(.*)$': '<rootDir>/libs/commands/src/$1',
    '^@libs/ledger$': '<rootDir>/libs/ledger/src/index.ts',
    '^@libs/ledger/(.*)$': '<rootDir>/libs/ledger/src/$1',
    '^@libs/access$': '<rootDir>/libs/access/src/index.ts',
    '^@libs/access/(.*)$': '<rootDir>/libs/access/src/$1',
    '^@libs/funds$': '<rootDir>/libs/funds/src/index.ts',
    '^@libs/funds/(.*)$': '<rootDir>/libs/funds/src/$1',
    '^@libs/indicators$': '<rootDir>/libs/indicators/src/index.ts',
    '^@libs/indicators/(.*)$': '<rootDir>/libs/indicators/src/$1',
    '^@libs/fabrication$': '<rootDir>/libs/fabrication/src/index.ts',
    '^@libs/fabrication/(.*)$': '<rootDir>/libs/fabrication/src/$1',
    '^@libs/audit$': '<rootDir>/libs/audit/src/index.ts',
    '^@libs/audit/(.*)$': '<rootDir>/libs/audit/src/$1',
    '^@libs/records$': '<rootDir>/libs/records/src/index.ts',
    '^@libs/records/(.*)$': '<rootDir>/libs/records/src/$1',
    '^@libs/synthetic$': '<rootDir>/libs/synthetic/src/index.ts',
    '^@libs/synthetic/(.*)$': '<rootDir>/libs/synthetic/src/$1',
  },
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps'], testRegex: '\\.spec\\.ts$' },
    { ...shared, displayName: 'black-box', roots: ['<rootDir>/test'], testRegex: '\\.spec\\.ts$' },
  ],
};
