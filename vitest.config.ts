import { configDefaults, defineConfig } from 'vitest/config';

const INCLUDE = ['packages/*/test/**/*.test.ts', 'plugins/*/test/**/*.test.ts', 'test/**/*.test.ts'];
// Tests that spawn child processes (the server entry point, the CLI, a throwaway node, Chromium): their own
// project, isolated as usual and without the migrated database. Vitest queues projects by name:
// 'process' sorts before 'suite', so the longest file starts first and runs beside the rest.
const PROCESS_TESTS = [
  'test/server/process.test.ts',
  'test/server/lock.test.ts',
  'test/e2e/graphiql.test.ts',
  'plugins/satisfaction-survey/test/sigkill.test.ts',
];

export default defineConfig({
  // Node resolves `graphql` to its CommonJS entry for dependencies (Pothos, yoga), while Vite
  // would hand our own files the .mjs entry: two copies of graphql's classes. Pin one.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // Every parameterised Prisma plan is compared with the literal one (packages/server/src/prisma-plans.ts).
    env: { ZHIFA_PLAN_CHECK: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...PROCESS_TESTS],
          // One database migrated per run; each test file opens a copy of it (@zhifa/testkit).
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'process', include: PROCESS_TESTS },
      },
    ],
  },
});
