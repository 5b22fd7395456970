// One process per embedded data dir: PGlite opened twice on the same directory corrupts it. A server
// (or a CLI command that opens the dir) holds `<dataDir>.lock`, a small JSON file naming its pid and
// port. The file is created atomically (written aside, then hard-linked into place, which fails if
// it exists), so a reader never sees a half-written lock. A lock whose process is gone is stale and
// is taken over.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  /** The port a server listens on; null for a CLI command or before the server is listening. */
  port: number | null;
  host: string | null;
  purpose: 'server' | 'cli';
  started: string;
  /** Tells our own lock apart from a successor's after a takeover. */
  token: string;
}

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    const who =
      holder.purpose === 'server'
        ? `服务器进程 ${holder.pid}${holder.port ? `（端口 ${holder.port}）` : ''}`
        : `命令行进程 ${holder.pid}`;
    const whoEn =
      holder.purpose === 'server'
        ? `server process ${holder.pid}${holder.port ? ` (port ${holder.port})` : ''}`
        : `CLI process ${holder.pid}`;
    super(
      `数据目录 ${dataDir} 正被${who}使用（自 ${holder.started}），同一数据目录只能由一个进程打开；请先停止该进程，或设置其他 ZHIFA_DATA_DIR。\n` +
        `The data dir ${dataDir} is in use by ${whoEn} since ${holder.started}; only one process may open an embedded data dir. ` +
        `Stop it first, or set another ZHIFA_DATA_DIR.`,
    );
    this.name = 'DataDirLocked';
  }
}

export interface DataDirLock {
  file: string;
  info: LockInfo;
  /** Record the bound address once the server listens (the CLI finds the server by it). */
  update(patch: Partial<Pick<LockInfo, 'port' | 'host'>>): void;
  release(): void;
}

export function lockFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

/** Whether a pid belongs to a running process (EPERM: it exists but is someone else's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // After a reboot the pid may belong to an unrelated program; on Linux, check it is a Node process.
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /node|tsx/i.test(cmd);
  } catch {
    return true;
  }
}

function readInfo(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

/** The live holder of a data dir's lock, or null when it is free or the lock is stale. */
export function lockHolder(dataDir: string): LockInfo | null {
  const info = readInfo(lockFileFor(dataDir));
  return info && processAlive(info.pid) ? info : null;
}

function writeAside(file: string, info: LockInfo): string {
  const tmp = `${file}.${process.pid}.${info.token}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o644 });
  return tmp;
}

export function acquireLock(
  dataDir: string,
  opts: { purpose: LockInfo['purpose']; port?: number | null; host?: string | null },
): DataDirLock {
  const file = lockFileFor(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    port: opts.port ?? null,
    host: opts.host ?? null,
    purpose: opts.purpose,
    started: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const tmp = writeAside(file, info);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw err;
      }
      const holder = readInfo(file);
      if (holder && processAlive(holder.pid)) throw new DataDirLocked(dataDir, holder);
      takeOverStale(file, holder);
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already moved into place, or never written
    }
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Remove only our own lock: after a takeover the file may be someone else's.
    if (readInfo(file)?.token === info.token)
      try {
        unlinkSync(file);
      } catch {
        // already gone: nothing left to release
      }
  };
  // Last resort for an exit without an orderly shutdown (an uncaught error); not for SIGKILL,
  // which is what the stale-lock takeover is for.
  process.on('exit', release);

  return {
    file,
    info,
    update(patch) {
      Object.assign(info, patch);
      const aside = writeAside(file, info);
      renameSync(aside, file); // atomic replace: readers see the old or the new content, never half
    },
    release,
  };
}

/**
 * Move a stale lock out of the way. Two processes may judge the same lock stale at once; the move
 * is a rename, and whoever moved something other than the stale lock they read (a fresh lock the
 * other one just took) puts it back.
 */
function takeOverStale(file: string, stale: LockInfo | null) {
  const moved = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, moved);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const got = readInfo(moved);
  if (got && stale && got.token !== stale.token && processAlive(got.pid)) {
    try {
      linkSync(moved, file);
    } catch {
      // a third process took the lock meanwhile: theirs stands
    }
  }
  try {
    unlinkSync(moved);
  } catch {
    // already removed
  }
}
