// The running embedded server's door for the command line. An embedded data dir is open in one
// process only (lock.ts), so a CLI command that must write while the server holds it — revoking a
// leaked API key — asks the server to do it, over a Unix socket inside the data dir: only the OS user
// who owns the data reaches it (the socket is made 0600 under a 0177 umask, never briefly open to
// others), nothing listens on the network, and the server writes through its own unit of work (the
// event is logged, subscriptions opened with the key end at once). One request per connection, one
// line of JSON each way. The socket is removed on shutdown; one left by a killed server is stale —
// whoever holds the lock next replaces it, and a CLI that finds no live server never uses it.
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { UnknownApiKey, type RevokedApiKey } from '@zhifa/core';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from './log.js';

/** The socket's name inside the data dir. */
export const ADMIN_SOCKET_NAME = '.zhifa-admin.sock';
/** A request is a short line; anything longer is not ours. */
const MAX_REQUEST_BYTES = 4096;
/** How long the server waits for a request, and the CLI for an answer. */
const TIMEOUT_MS = 30_000;
/** sun_path holds 108 bytes on Linux (104 on macOS), the terminating NUL included. */
const MAX_SOCKET_PATH_BYTES = 103;

export type AdminRequest = { op: 'revokeApiKey'; ref: string };
export type AdminAnswer =
  | { ok: true; revoked: Omit<RevokedApiKey, 'revokedAt'> & { revokedAt: string } }
  | { ok: false; code: string; message: string };

export interface AdminHandlers {
  /** Revoke through the unit of work; rejects with UnknownApiKey for an unknown reference. */
  revokeApiKey(ref: string): Promise<RevokedApiKey>;
}

export interface AdminSocket {
  path: string;
  close(): Promise<void>;
}

export function adminSocketPathFor(dataDir: string): string {
  return path.join(path.resolve(dataDir), ADMIN_SOCKET_NAME);
}

export class AdminSocketUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Listen on the data dir's admin socket. The caller holds the data dir's lock, so a socket file
 * already there is a dead server's and is replaced.
 */
export async function serveAdminSocket(dataDir: string, handlers: AdminHandlers, log: Logger): Promise<AdminSocket> {
  const file = adminSocketPathFor(dataDir);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH_BYTES)
    throw new AdminSocketUnavailable(`admin socket path too long (${Buffer.byteLength(file)} bytes): ${file}`);
  if (existsSync(file)) unlinkSync(file);

  const server = net.createServer({ allowHalfOpen: false }, (socket) => {
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy());
    let buffer = '';
    let answered = false;
    const answer = (a: AdminAnswer) => {
      answered = true;
      socket.end(`${JSON.stringify(a)}\n`);
    };
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      if (answered) return;
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end < 0) {
        if (Buffer.byteLength(buffer) > MAX_REQUEST_BYTES)
          answer({ ok: false, code: 'BAD_REQUEST', message: 'request too large' });
        return;
      }
      void handle(buffer.slice(0, end), handlers, log).then(answer);
    });
  });

  // The umask, not a chmod after the fact: the socket never exists with wider permissions. listen()
  // binds synchronously, so no other file is created under this umask.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(file, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(file, 0o600);

  return {
    path: file,
    close: () =>
      new Promise<void>((resolve) => {
        // net removes the socket file when the server closes; unlink in case it did not.
        server.close(() => {
          try {
            unlinkSync(file);
          } catch {
            // already removed by net
          }
          resolve();
        });
      }),
  };
}

async function handle(line: string, handlers: AdminHandlers, log: Logger): Promise<AdminAnswer> {
  let request: AdminRequest;
  try {
    request = JSON.parse(line) as AdminRequest;
  } catch {
    return { ok: false, code: 'BAD_REQUEST', message: 'not JSON' };
  }
  if (request?.op !== 'revokeApiKey' || typeof request.ref !== 'string' || !request.ref.trim())
    return { ok: false, code: 'BAD_REQUEST', message: 'unknown request' };
  try {
    const revoked = await handlers.revokeApiKey(request.ref);
    // The reference may be the key itself: the log names the key by id and prefix only.
    log.info(
      { id: revoked.id, prefix: revoked.prefix, already: revoked.already },
      'api key revoked through the admin socket',
    );
    return { ok: true, revoked: { ...revoked, revokedAt: revoked.revokedAt.toISOString() } };
  } catch (err) {
    if (err instanceof UnknownApiKey) return { ok: false, code: 'UNKNOWN_API_KEY', message: err.message };
    log.error({ err }, 'unexpected error revoking an API key through the admin socket');
    return { ok: false, code: 'INTERNAL_SERVER_ERROR', message: '内部错误 / internal error' };
  }
}

/** Ask the server holding `dataDir` over its admin socket; AdminSocketUnavailable when nobody answers there. */
export function askServer(dataDir: string, request: AdminRequest): Promise<AdminAnswer> {
  const file = adminSocketPathFor(dataDir);
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(file);
    socket.setEncoding('utf8');
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new AdminSocketUnavailable('no answer in time')));
    let buffer = '';
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => (buffer += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(buffer) as AdminAnswer);
      } catch {
        reject(new AdminSocketUnavailable('unreadable answer'));
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      reject(err instanceof AdminSocketUnavailable ? err : new AdminSocketUnavailable(err.code ?? err.message)),
    );
  });
}
