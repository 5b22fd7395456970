// Baseline: the fan-out floor. A bare `ws` server speaking just enough graphql-transport-ws for the
// bench's subscriber (connection_init → ack, subscribe noted) that, on POST /emit, sends one
// `next` message — serialised once, the same shape as Zhifa's `events` delivery — to every
// subscribed socket. No GraphQL, no authorisation, no database: what one process pays to write
// one frame of Zhifa's size to each of N sockets on this machine, against which scenario 4 is a ratio.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const subscribed = new Map<WebSocket, string>();
let seq = 0;
const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/emit') return void res.writeHead(404).end();
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    // `bytes`: the size of Zhifa's message in the same run; the payload is padded to it (with
    // Chinese text, as Zhifa's carries), so both write the same number of bytes per socket.
    const { number, bytes = 0 } = JSON.parse(body) as { number: string; bytes?: number };
    const payloadOf = (pad: string) =>
      JSON.stringify({ data: { events: { id: String(seq), payload: { number, pad } } } });
    ++seq;
    const short = Buffer.byteLength(`{"id":"1","type":"next","payload":${payloadOf('')}}`);
    const payload = payloadOf('基'.repeat(Math.max(0, Math.floor((bytes - short) / 3))));
    for (const [ws, id] of subscribed) ws.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
const wss = new WebSocketServer({ server, path: '/graphql', handleProtocols: () => 'graphql-transport-ws' });
wss.on('connection', (ws) => {
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(String(data)) as { type: string; id?: string };
    if (msg.type === 'connection_init') ws.send('{"type":"connection_ack"}');
    else if (msg.type === 'subscribe') subscribed.set(ws, msg.id!);
    else if (msg.type === 'ping') ws.send('{"type":"pong"}');
  });
  ws.once('close', () => subscribed.delete(ws));
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
