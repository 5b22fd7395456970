// vitest global setup: migrate one database for the whole run; each test file then gets a copy
// (see databases.ts). Listed as `globalSetup` of the projects whose files open databases.
import type { TestProject } from 'vitest/node';
import { migrateOnce } from './databases.js';

export default async function setup(project: TestProject) {
  const started = Date.now();
  const once = await migrateOnce();
  project.provide('zhifaPgliteSnapshot', once.provided.zhifaPgliteSnapshot);
  project.provide('zhifaPostgresTemplate', once.provided.zhifaPostgresTemplate);
  if (process.env.ZHIFA_TEST_TIMING) console.log(`[testkit] migrated database ready in ${Date.now() - started} ms`);
  return () => once.teardown();
}
