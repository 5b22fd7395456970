// Issue 7, finding 7: a development server no longer mints a new, unrevoked survey-organisation API
// key at every start. The key is kept beside the development JWT secret (mode 0600) and reused while
// it works; a replacement revokes the old development keys.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, resolveViewer } from '@zhifa/server';
import { loadConfig } from '../../packages/server/src/config.js';
import { DEV_API_KEY_LABEL, developmentApiKey } from '../../packages/server/src/dev-tokens.js';
import { startServer } from '../../packages/server/src/main.js';
import { devApiKeyFileFor } from '../../packages/server/src/secret.js';
import { createHarness, TEST_SECRET, type Harness } from '@zhifa/testkit';

const root = mkdtempSync(path.join(tmpdir(), 'zhifa-dev-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('developmentApiKey', () => {
  let h: Harness;
  const file = path.join(root, 'unit', 'dev-api-key');
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  const live = () => h.db.prisma.apiKey.findMany({ where: { revokedAt: null } });

  it('shows nothing when there is no survey organisation, and keeps no file', async () => {
    expect(await developmentApiKey(h.db.prisma, file)).toBeNull();
    expect(() => statSync(file)).toThrow();
  });

  it('makes one key, keeps it (mode 0600), and reuses it: one live key however often the server starts', async () => {
    const org = await h.db.prisma.agency.create({
      data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' },
    });
    // Keys left by earlier development starts (before keys were kept) are revoked by the first one made.
    await h.db.prisma.apiKey.create({
      data: { agencyId: org.id, label: DEV_API_KEY_LABEL, prefix: 'old000000001', hash: 'x' },
    });
    const cli = await h.db.prisma.apiKey.create({
      data: { agencyId: org.id, label: 'cli', prefix: 'cli000000001', hash: 'y' },
    });

    const first = await developmentApiKey(h.db.prisma, file);
    expect(first).toMatchObject({ agencyId: org.id, agencyName: '江苏众信社会调查有限公司', reused: false });
    expect(readFileSync(file, 'utf8').trim()).toBe(first!.key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (let i = 0; i < 3; i++) expect(await developmentApiKey(h.db.prisma, file)).toEqual({ ...first, reused: true });
    expect((await live()).map((k) => k.label).sort()).toEqual(['cli', DEV_API_KEY_LABEL]);
    expect((await live()).find((k) => k.id === cli.id)).toBeTruthy(); // other keys are not touched
    expect(await resolveViewer(h.db.prisma, TEST_SECRET, `ApiKey ${first!.key}`)).toMatchObject({
      kind: 'surveyOrg',
      agencyId: org.id,
    });
  });

  it('replaces a kept key that no longer works (revoked, or of another database), revoking it', async () => {
    const before = await developmentApiKey(h.db.prisma, file);
    await h.db.prisma.apiKey.updateMany({ where: { label: DEV_API_KEY_LABEL }, data: { revokedAt: new Date() } });
    const after = await developmentApiKey(h.db.prisma, file);
    expect(after!.reused).toBe(false);
    expect(after!.key).not.toBe(before!.key);
    expect(readFileSync(file, 'utf8').trim()).toBe(after!.key);
    await expect(resolveViewer(h.db.prisma, TEST_SECRET, `ApiKey ${before!.key}`)).rejects.toThrow(/API key/);
    expect((await live()).filter((k) => k.label === DEV_API_KEY_LABEL)).toHaveLength(1);
  });
});

// Two real starts of the development server on one embedded data dir (PGlite only: it is about the
// data dir and the file beside it).
describe.skipIf(!!process.env.ZHIFA_TEST_DATABASE_URL)('two development starts', () => {
  it('print the same survey-organisation key, and leave one live development key', async () => {
    const dataDir = path.join(root, 'server', 'pglite');
    mkdirSync(path.dirname(dataDir), { recursive: true });
    const config = loadConfig({
      ZHIFA_ENV: 'development',
      ZHIFA_DATA_DIR: dataDir,
      PORT: '0',
      ZHIFA_PLUGINS: '',
      ZHIFA_DEMO_DATA: 'false',
    });
    const db = await openDatabase(config.database);
    await db.prisma.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } });
    const county = await db.prisma.agency.create({
      data: { name: '阜宁县人民政府（演示）', kind: 'COUNTY_GOVERNMENT' },
    });
    await db.prisma.person.create({ data: { agencyId: county.id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] } });
    await db.close();

    const printedKeys: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      for (let start = 0; start < 2; start++) {
        log.mockClear();
        const server = await startServer(config);
        const out = log.mock.calls.map((c) => c.join(' ')).join('\n');
        printedKeys.push(out.match(/zfk_[0-9a-f]{12}_[\w-]+/)![0]);
        await server.stop();
      }
    } finally {
      log.mockRestore();
    }
    expect(printedKeys[1]).toBe(printedKeys[0]);
    expect(readFileSync(devApiKeyFileFor(config)!, 'utf8').trim()).toBe(printedKeys[0]);
    const again = await openDatabase(config.database);
    try {
      expect(await again.prisma.apiKey.count({ where: { revokedAt: null } })).toBe(1);
      expect(await again.prisma.apiKey.count()).toBe(1);
    } finally {
      await again.close();
    }
  }, 180_000);
});
