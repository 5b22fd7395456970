// The embedded server's admin socket (admin-socket.ts): only its owner may use it (0600), a stale one is
// replaced, a revocation goes through the unit of work and names the key in the log by id and prefix
// only, a bad request is refused, and the socket is gone once closed.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { newApiKey, revokeApiKey } from '@zhifa/core';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@zhifa/server';
import { createHarness, type Harness } from '@zhifa/testkit';
import {
  adminSocketPathFor,
  AdminSocketUnavailable,
  askServer,
  serveAdminSocket,
  type AdminSocket,
} from '../../packages/server/src/admin-socket.js';

let h: Harness;
let dir: string;
let admin: AdminSocket;
const lines: string[] = [];
let key: { id: number; key: string; prefix: string };

beforeAll(async () => {
  h = await createHarness();
  dir = mkdtempSync(path.join(tmpdir(), 'zhifa-admin-'));
  // What a killed server leaves behind: the file is there, nobody listens.
  writeFileSync(adminSocketPathFor(dir), '');
  const log = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  admin = await serveAdminSocket(
    dir,
    { revokeApiKey: (ref) => revokeApiKey(h.db.prisma, ref, { events: h.app.events }) },
    log,
  );
  const org = await h.db.prisma.agency.create({ data: { name: '调查机构', kind: 'SURVEY_ORGANISATION' } });
  const k = newApiKey();
  const row = await h.db.prisma.apiKey.create({
    data: { agencyId: org.id, label: '泄露的密钥', prefix: k.prefix, hash: k.hash },
  });
  key = { id: row.id, key: k.key, prefix: k.prefix };
});
afterAll(async () => {
  await admin?.close();
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('admin socket', () => {
  it('replaces a stale socket and is for its owner only (0600)', () => {
    const st = statSync(admin.path);
    expect(st.isSocket()).toBe(true);
    expect(st.mode & 0o777).toBe(0o600);
    expect(admin.path).toBe(path.join(dir, '.zhifa-admin.sock'));
  });

  it('revokes through the unit of work (the event is logged), once; the log names no secret', async () => {
    const answer = await askServer(dir, { op: 'revokeApiKey', ref: key.key });
    expect(answer).toMatchObject({ ok: true, revoked: { id: key.id, prefix: key.prefix, already: false } });
    const events = await h.db.prisma.event.findMany({ where: { topic: 'apiKey.revoked' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'system:cli', payload: expect.objectContaining({ apiKeyId: key.id }) });
    expect(await askServer(dir, { op: 'revokeApiKey', ref: key.prefix })).toMatchObject({
      ok: true,
      revoked: { already: true },
    });
    // The secret is all after `zfk_<prefix>_`: base64url, so it may itself contain '_'.
    const secret = key.key.slice(`zfk_${key.prefix}_`.length);
    expect(secret.length).toBeGreaterThan(20);
    expect(lines.join('')).toContain(key.prefix);
    expect(lines.join('')).not.toContain(secret);
  });

  it('answers an unknown key and a bad request with a code', async () => {
    expect(await askServer(dir, { op: 'revokeApiKey', ref: '999999' })).toMatchObject({
      ok: false,
      code: 'UNKNOWN_API_KEY',
      message: expect.stringContaining('no such API key'),
    });
    expect(await askServer(dir, { op: 'dropDatabase' } as never)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('is removed on close; asking then is refused as unavailable', async () => {
    await admin.close();
    expect(() => statSync(admin.path)).toThrow();
    await expect(askServer(dir, { op: 'revokeApiKey', ref: key.prefix })).rejects.toBeInstanceOf(
      AdminSocketUnavailable,
    );
  });
});
