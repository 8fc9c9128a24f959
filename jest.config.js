/**
 * Four jest projects; `npm test` runs them all (see package.json):
 *   unit      pure logic of the server domain and the app's small libs (node)
 *   component React components with Taro components in jsdom
 *   server    fastify.inject against a real SQLite file in a temp folder (node), and the SQL
 *             layer on PostgreSQL: TEST_DATABASE_URL, or one private loopback cluster per run
 *             (tests/support/postgres.ts; its globalSetup/globalTeardown below)
 *   server-pg the server integration tests again, each registry on a fresh PostgreSQL database
 *             (TEST_REGISTRY_DB=postgres, see SERVER_ON_ONE_DATABASE below)
 *   e2e       playwright-core + Debian chromium against the real server and H5 build
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
];
/**
 * Server tests that are NOT run again by `server-pg`, and why. Every other file under
 * tests/server builds the server through the test harnesses (support/registry.ts, auth.ts,
 * signing.ts) and so runs on PostgreSQL there: together they reach every use case and route.
 */
const SERVER_ON_ONE_DATABASE = [
  // the SQLite file itself: its pragmas, the synchronous migration runner, the file's adapter
  '<rootDir>/tests/server/database\\.test\\.ts',
  // tampers with the copied SQLite file and blob folder byte by byte (the archive check on
  // PostgreSQL runs through the staff route in archive.test.ts)
  '<rootDir>/tests/server/archive-tamper\\.test\\.ts',
  // the same for the archive transfer: real CLI processes on a copied SQLite file and blob folder
  // (the transfer itself runs on PostgreSQL in archive-transfer.test.ts)
  '<rootDir>/tests/server/archive-transfer-tamper\\.test\\.ts',
  // real server processes: process.test.ts has its own PostgreSQL case, crash.test.ts kills a
  // node on the SQLite file (the kill -9 on PostgreSQL has its own test)
  '<rootDir>/tests/server/process\\.test\\.ts',
  '<rootDir>/tests/server/crash\\.test\\.ts',
  // real processes in production mode on the SQLite file (the settings, not the store, are tested)
  '<rootDir>/tests/server/deployment-modes\\.test\\.ts',
  // already run on both databases (two-nodes.test.ts: two processes on SQLite and on PostgreSQL)
  '<rootDir>/tests/server/sql-contract\\.test\\.ts',
  '<rootDir>/tests/server/store-contract/',
  '<rootDir>/tests/server/staff-sessions-nodes\\.test\\.ts',
  '<rootDir>/tests/server/seed-databases\\.test\\.ts',
  '<rootDir>/tests/server/two-nodes\\.test\\.ts',
  // no database (test vectors of the certificate cryptography)
  '<rootDir>/tests/server/certificates-vectors\\.test\\.ts',
];

const transform = { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc };
const esm =
  '(@tarojs|@stencil|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|swiper|ssr-window|dom7|axios|nanoid)';

module.exports = {
  // A hang guard, not a speed goal. Jest reads testTimeout only here, at the top level: set inside
  // a project it is ignored and the 5 s default applies. Whole cases over HTTP on a fresh seeded
  // database take seconds when two cores are shared with other test workers, and the browser
  // tests (tests/e2e) drive several phones through a case.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
      transform,
      moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
    },
    {
      displayName: 'component',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { customExportConditions: [''] },
      testMatch: ['<rootDir>/tests/component/**/*.test.tsx'],
      transform,
      transformIgnorePatterns: [`^<rootDir>/node_modules/(?!${esm}/)`],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-shim.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
        '\\.(css|scss)$': '<rootDir>/tests/support/style-stub.js',
      },
      setupFiles: ['<rootDir>/tests/support/env.js'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/setup-component.ts'],
    },
    {
      displayName: 'server',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/tests/support/postgres-global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/postgres-global-teardown.ts',
      // light-my-request (fastify.inject) requires cookie 2.x, an ES module jest cannot require.
      transformIgnorePatterns: ['^<rootDir>/node_modules/(?!cookie/)'],
    },
    {
      displayName: 'server-pg',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...SERVER_ON_ONE_DATABASE],
      transform,
      setupFiles: ['<rootDir>/tests/server/support/on-postgres.ts'],
      globalSetup: '<rootDir>/tests/support/postgres-global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/postgres-global-teardown.ts',
      transformIgnorePatterns: ['^<rootDir>/node_modules/(?!cookie/)'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform,
    },
  ],
};
