// The real thing: `pnpm start`'s entry point as a process on a temp data dir and a random port,
// then the CLI beside it. Covers /health and /ready, demo tokens, `pnpm -s zhifa token` answered by
// the running server, refusals while the data dir is held (second server, seed --reset, api-key),
// `pnpm zhifa api-key revoke` answered by the running server over its admin socket (its subscriptions
// end, the key is refused, no secret logged), graceful shutdown on SIGTERM (exit 0, lock and socket
// released), and the CLI opening the dir itself after.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '@zhifa/testkit';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(REPO, 'packages/server/src/main.ts');
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const root = mkdtempSync(path.join(tmpdir(), 'zhifa-process-'));
const dataDir = path.join(root, 'pglite');
const lockFile = `${dataDir}.lock`;
const secretFile = path.join(root, 'jwt-secret');
const adminSocket = path.join(dataDir, '.zhifa-admin.sock');

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZHIFA_ENV: 'development',
    ZHIFA_DATA_DIR: dataDir,
    ZHIFA_PLUGINS: '',
    HOST: '127.0.0.1',
    ...extra,
  };
  for (const k of ['DATABASE_URL', 'ZHIFA_JWT_SECRET', 'NODE_ENV']) delete env[k];
  return env;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The server entry point, run by tsx as `pnpm start` does. */
function startServer(port: number): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env: childEnv({ PORT: String(port) }),
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(what: () => boolean, ms: number, describe: () => string) {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function viewerOf(port: number, token: string) {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { kind name roles } }' }),
  });
  return (await res.json()).data.viewer;
}

let port: number;
let server: ReturnType<typeof startServer>;
let exitCode: number | null | undefined;

beforeAll(async () => {
  if (process.env.ZHIFA_TEST_DATABASE_URL) return;
  port = await freePort();
  server = startServer(port);
  void server.exited.then((c) => (exitCode = c));
  await waitFor(
    () => /GraphQL: http:\/\/localhost:\d+\/graphql/.test(server.output()) || exitCode !== undefined,
    150_000,
    server.output,
  );
  if (exitCode !== undefined) throw new Error(`server exited early (${exitCode}):\n${server.output()}`);
}, 180_000);

afterAll(async () => {
  if (server && exitCode === undefined) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
  rmSync(root, { recursive: true, force: true });
});

// This exercises the embedded data dir and its lock; the PostgreSQL run of the suite adds nothing here.
describe.skipIf(!!process.env.ZHIFA_TEST_DATABASE_URL)('server process', () => {
  it('answers /health and /ready, and logs the URL, demo tokens and a survey API key', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });

    const out = server.output();
    expect(out).toContain(`http://localhost:${port}/graphql`);
    expect(out).toContain('GraphiQL');
    expect(out).toMatch(/demo data loaded/);
    for (const role of ['system admin', 'supervisor', 'officer', 'agency admin', 'enterprise user'])
      expect(out).toContain(role);
    expect(out).toMatch(/zfk_[0-9a-f]{12}_/);
    const printed = out.match(/^\s+(eyJ[\w-]+\.[\w-]+\.[\w-]+)$/m)![1];
    expect((await viewerOf(port, printed)).kind).toBe('person');

    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(lock).toMatchObject({ pid: server.child.pid, port, purpose: 'server' });
  });

  it('`pnpm -s zhifa token` prints only a JWT, issued by the running server', async () => {
    // Independent commands: run side by side.
    const [officer, enterprise, unknown] = await Promise.all(
      ['officer', 'enterprise:1', 'mayor'].map((who) => run('pnpm', ['-s', 'zhifa', 'token', who], childEnv())),
    );
    expect(officer.code, officer.stderr).toBe(0);
    const token = officer.stdout.trim();
    expect(officer.stdout).toBe(`${token}\n`);
    expect(token).toMatch(JWT);
    // Signed with the server's persisted development secret, and accepted by the server.
    const secret = readFileSync(secretFile, 'utf8').trim();
    expect(jwt.verify(token, secret)).toMatchObject({ iss: 'zhifa' });
    const viewer = await viewerOf(port, token);
    expect(viewer).toMatchObject({ kind: 'person' });
    expect(viewer.roles).toContain('OFFICER');

    expect(enterprise.code, enterprise.stderr).toBe(0);
    expect((await viewerOf(port, enterprise.stdout.trim())).kind).toBe('enterprise');

    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('cannot tell who "mayor" is');
  }, 120_000);

  it('refuses a second server and writing commands on the held data dir, naming pid and port', async () => {
    const [second, reset] = await Promise.all([
      freePort().then((p) => run(process.execPath, ['--import', 'tsx', MAIN], childEnv({ PORT: String(p) }))),
      run('pnpm', ['-s', 'zhifa', 'seed', '--reset'], childEnv()),
    ]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(String(server.child.pid));
    expect(second.stderr).toContain(String(port));
    expect(second.stderr).toContain('only one process');
    expect(reset.code).toBe(1);
    expect(reset.stderr).toContain(String(server.child.pid));
    expect(reset.stderr).toContain(`port ${port}`);
    // The server is untouched.
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
  }, 120_000);

  it('`pnpm zhifa api-key revoke` works against the running server: the key’s stream ends, the key is refused', async () => {
    const key = server.output().match(/zfk_[0-9a-f]{12}_[\w-]+/)![0];
    const asKey = (body: object) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `ApiKey ${key}` },
        body: JSON.stringify(body),
      });
    expect(((await (await asKey({ query: '{ viewer { kind } }' })).json()) as { data: unknown }).data).toEqual({
      viewer: { kind: 'surveyOrg' },
    });
    const stream = openEventStream(
      `http://127.0.0.1:${port}/graphql`,
      { query: 'subscription { events(topics: ["survey.test"]) { id } }' },
      { authorization: `ApiKey ${key}` },
    );
    expect(await stream.status).toBe(200);
    // Only the OS user who owns the data dir reaches the server's admin socket.
    expect(statSync(adminSocket).mode & 0o777).toBe(0o600);

    const revoked = await run('pnpm', ['-s', 'zhifa', 'api-key', 'revoke', key], childEnv());
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toContain(`revoked by the running server (pid ${server.child.pid})`);
    expect(revoked.stderr).toMatch(/revoked key \d+/);
    // The subscription opened with the key ends (its last word UNAUTHENTICATED), and the key is refused.
    const end = await stream.ended;
    expect(end.completed).toBe(true);
    expect(stream.results.at(-1)?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await asKey({ query: '{ viewer { kind } }' })).status).toBe(401);
    // The secret part of the key is in the output once: the start-up line that printed it, not the revocation's.
    const secret = key.split('_').slice(2).join('_');
    expect(server.output().split(secret)).toHaveLength(2);
    expect(revoked.stderr).not.toContain(secret);
  }, 120_000);

  it('shuts down gracefully on SIGTERM: exit 0, lock released', async () => {
    server.child.kill('SIGTERM');
    const code = await server.exited;
    expect(code, server.output()).toBe(0);
    expect(server.output()).toContain('SIGTERM');
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(adminSocket)).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 60_000);

  it('without a server, the CLI opens the data dir itself (same secret) and releases it', async () => {
    const r = await run('pnpm', ['-s', 'zhifa', 'token', 'supervisor'], childEnv());
    expect(r.code, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(JWT);
    expect(jwt.verify(token, readFileSync(secretFile, 'utf8').trim())).toMatchObject({
      sub: expect.stringMatching(/^person:\d+$/),
    });
    expect(existsSync(lockFile)).toBe(false);
  }, 120_000);

  it('without a server, `pnpm zhifa api-key revoke` opens the data dir itself and revokes a key, once', async () => {
    // The survey organisation of the demo data, as the start-up line named it.
    const agency = server.output().match(/survey organisation API key — .* \(agency (\d+)\)/)![1];
    const created = await run('pnpm', ['-s', 'zhifa', 'api-key', agency], childEnv());
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^zfk_[0-9a-f]{12}_[\w-]+$/);
    const revoked = await run('pnpm', ['-s', 'zhifa', 'api-key', 'revoke', key], childEnv());
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stderr).toMatch(/revoked key \d+/);
    const again = await run('pnpm', ['-s', 'zhifa', 'api-key', 'revoke', key.split('_')[1]], childEnv());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('was already revoked');
    const unknown = await run('pnpm', ['-s', 'zhifa', 'api-key', 'revoke', '999999'], childEnv());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no such API key');
  }, 120_000);
});
