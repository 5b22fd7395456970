// `pnpm zhifa api-key revoke` on PostgreSQL while a server runs: there is no lock, the CLI opens its own
// connection and writes (revokeApiKey, as cli.ts withDatabase does), and the running server learns of
// it through the event log only — the key's stream ends and the key is refused. The CLI itself is not
// run here: a test database is a schema, which DATABASE_URL cannot name. (The embedded data dir, held
// by a server process, is test/server/process.test.ts, with the CLI run for real.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey, revokeApiKey } from '@zhifa/core';
import { DEFAULT_LEASE_MS, openDatabase } from '@zhifa/server';
import { openEventStream, sleep, startTestServer, testPostgresUrl, type TestServer } from '@zhifa/testkit';

describe.skipIf(!testPostgresUrl())('api-key revoke on PostgreSQL, beside a running server', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s?.close());

  it('a write on another connection ends the key’s stream and the key is refused', async () => {
    const org = await s.db.prisma.agency.create({ data: { name: '调查机构', kind: 'SURVEY_ORGANISATION' } });
    const k = newApiKey();
    await s.db.prisma.apiKey.create({
      data: { agencyId: org.id, label: '泄露的密钥', prefix: k.prefix, hash: k.hash },
    });
    const stream = openEventStream(
      s.url,
      { query: 'subscription { events(topics: ["survey.test"]) { id } }' },
      { authorization: `ApiKey ${k.key}` },
    );
    expect(await stream.status).toBe(200);

    // As the CLI: its own database, no event bus of the server's to wake; it returns once every
    // server's viewer cache has let go of the key (the lease).
    const cli = await openDatabase(s.target);
    try {
      const settle = async () => void (await sleep(DEFAULT_LEASE_MS));
      expect((await revokeApiKey(cli.prisma, k.prefix, { settle })).already).toBe(false);
    } finally {
      await cli.close();
    }

    const end = await stream.ended;
    expect(end.completed).toBe(true);
    expect(stream.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${k.key}` },
      body: JSON.stringify({ query: '{ viewer { kind } }' }),
    });
    expect(res.status).toBe(401);
  }, 60_000);
});
