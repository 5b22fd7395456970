// A minimal graphql-transport-ws subscriber on a raw TCP socket: handshake, connection_init,
// one subscribe, and a frame reader that only timestamps and keeps each text message. Ten thousand
// of these share the load generator's process with next to no CPU, so delivery times measure the
// server, not the client.
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export interface RawSubscriber {
  /** [receive time (performance.now()), text] of every `next` message. */
  messages: [number, string][];
  acked: Promise<void>;
  closed: boolean;
  /** The close frame's code and reason, when the server closed. */
  closeReason?: string;
  close(): void;
}

function frame(text: string | Buffer, opcode = 0x1): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  const mask = randomBytes(4);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x80 | opcode, 0x80 | len])
      : Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff]);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([head, mask, masked]);
}

export function subscribeRaw(port: number, authorization: string, query: string): RawSubscriber {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const sub: RawSubscriber = { messages: [], acked: null as never, closed: false, close: () => socket.destroy() };
  let ack!: () => void;
  let fail!: (e: Error) => void;
  sub.acked = new Promise<void>((res, rej) => ((ack = res), (fail = rej)));
  let buf: Buffer = Buffer.alloc(0);
  let upgraded = false;
  socket.on('connect', () => {
    socket.write(
      `GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n`,
    );
  });
  socket.on('error', (e) => fail(e));
  socket.on('close', () => {
    sub.closed = true;
    fail(new Error('closed'));
  });
  socket.on('data', (chunk: Buffer) => {
    const now = performance.now();
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    if (!upgraded) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!buf.subarray(0, 12).toString().includes('101')) return fail(new Error(buf.subarray(0, end).toString()));
      upgraded = true;
      buf = buf.subarray(end + 4);
      socket.write(frame(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    }
    while (buf.length >= 2) {
      const op = buf[0] & 0x0f;
      let len = buf[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        off = 10;
      }
      if (buf.length < off + len) return;
      const payload = buf.subarray(off, off + len);
      const text = payload.toString();
      buf = buf.subarray(off + len);
      if (op === 0x8) {
        sub.closeReason =
          payload.length >= 2 ? `${payload.readUInt16BE(0)} ${payload.subarray(2).toString()}` : 'no code';
        return socket.destroy();
      }
      if (op === 0x9) {
        // graphql-ws pings every 12 s and drops a socket that does not answer, as browsers do.
        socket.write(frame(Buffer.from(payload), 0xa));
        continue;
      }
      if (op !== 0x1) continue;
      if (text.startsWith('{"type":"next"') || text.includes('"type":"next"')) sub.messages.push([now, text]);
      else if (text.includes('"connection_ack"')) {
        socket.write(frame(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } })));
        ack();
      } else if (text.includes('"type":"ping"')) socket.write(frame('{"type":"pong"}'));
    }
  });
  return sub;
}
