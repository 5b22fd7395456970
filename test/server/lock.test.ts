// The data-dir lock: one holder at a time, a clear refusal naming the holder, stale locks taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DataDirLocked, lockFileFor, lockHolder } from '../../packages/server/src/lock.js';

const root = mkdtempSync(path.join(tmpdir(), 'zhifa-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('data-dir lock', () => {
  it('is taken, refused to a second taker with the holder named, and released', () => {
    const dir = path.join(root, 'a');
    const lock = acquireLock(dir, { purpose: 'server', port: 4123, host: '127.0.0.1' });
    expect(JSON.parse(readFileSync(lockFileFor(dir), 'utf8'))).toMatchObject({
      pid: process.pid,
      port: 4123,
      purpose: 'server',
    });
    expect(lockHolder(dir)?.pid).toBe(process.pid);

    let refused: unknown;
    try {
      acquireLock(dir, { purpose: 'cli' });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DataDirLocked);
    const message = (refused as Error).message;
    expect(message).toContain(String(process.pid));
    expect(message).toContain('4123');
    expect(message).toContain('只能由一个进程');
    expect(message).toContain('only one process');

    lock.update({ port: 5555 });
    expect(lockHolder(dir)?.port).toBe(5555);
    lock.release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
    expect(lockHolder(dir)).toBeNull();
    acquireLock(dir, { purpose: 'cli' }).release();
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = path.join(root, 'b');
    const pid = deadPid();
    writeFileSync(
      lockFileFor(dir),
      JSON.stringify({ pid, port: 4000, host: null, purpose: 'server', started: '2025-01-01T00:00:00Z', token: 'old' }),
    );
    expect(lockHolder(dir)).toBeNull();
    const lock = acquireLock(dir, { purpose: 'server', port: 4001 });
    expect(lock.info.pid).toBe(process.pid);
    expect(JSON.parse(readFileSync(lockFileFor(dir), 'utf8')).token).toBe(lock.info.token);
    lock.release();
  });

  it('takes over an unreadable lock', () => {
    const dir = path.join(root, 'c');
    writeFileSync(lockFileFor(dir), 'garbage');
    const lock = acquireLock(dir, { purpose: 'cli' });
    expect(lockHolder(dir)?.token).toBe(lock.info.token);
    lock.release();
  });

  it('never removes a lock that is no longer its own', () => {
    const dir = path.join(root, 'd');
    const lock = acquireLock(dir, { purpose: 'cli' });
    const successor = { pid: process.pid, port: null, host: null, purpose: 'cli', started: 'now', token: 'successor' };
    writeFileSync(lockFileFor(dir), JSON.stringify(successor));
    lock.release();
    expect(JSON.parse(readFileSync(lockFileFor(dir), 'utf8')).token).toBe('successor');
    rmSync(lockFileFor(dir));
  });
});
