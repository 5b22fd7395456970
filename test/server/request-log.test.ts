// Structured logs: one JSON line per request or WebSocket operation, with its operation, caller
// kind, duration and outcome code. Expected refusals carry no stack; an unexpected error does.
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ZhifaPlugin } from '@zhifa/core';
import { createLogger } from '@zhifa/server';
import { startTestServer, type TestServer, sleep, type GqlJson } from '@zhifa/testkit';

/** A test-only plugin with resolvers that fail the way a bug does. */
const boomPlugin: ZhifaPlugin = {
  name: 'test-boom',
  register(builder) {
    builder.queryField('testBoom', (t) =>
      t.string({
        description: '测试：意外错误 Test: an unexpected error',
        resolve: () => {
          throw new Error('boom: something nobody expected');
        },
      }),
    );
    // A query Prisma refuses: its message renders the query, the caller's search text included.
    builder.queryField('testPrismaBoom', (t) =>
      t.int({
        description: '测试：Prisma 拒绝的查询 Test: a query Prisma refuses',
        args: { search: t.arg.string({ required: true }) },
        resolve: async (_r, args, ctx) =>
          (
            await ctx.prisma.enforcementMatter.findMany({
              where: { name: { contains: args.search } },
              orderBy: { nope: 'asc' } as never,
            })
          ).length,
      }),
    );
  },
};

let s: TestServer;
let lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
const parsed = () => lines.map((l) => JSON.parse(l));
const requests = () => parsed().filter((l) => l.msg === 'request');

const post = (body: unknown, authorization?: string) =>
  fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  s = await startTestServer({ plugins: [boomPlugin], log: createLogger('info', sink) });
});
afterAll(() => s?.close());
beforeEach(() => {
  lines = [];
});

describe('request log', () => {
  it('an anonymous refused request is one line, without a stack', async () => {
    const res = await post({ query: 'query Staff { people(first: 1) { totalCount } }' });
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await sleep(50);
    expect(lines).toHaveLength(1);
    expect(requests()[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      transport: 'http',
      operation: 'Staff',
      type: 'query',
      caller: 'public',
      outcome: 'UNAUTHENTICATED',
      status: 200,
      ms: expect.any(Number),
    });
    expect(lines.join('\n')).not.toMatch(/stack|\n\s+at /);
    expect(lines[0].length).toBeLessThan(400);
  });

  it('a bad credential, a syntax error and an invalid query: one line each, each with its code, no stack', async () => {
    await post({ query: '{ viewer { kind } }' }, 'Bearer not-a-jwt');
    await post({ query: '{ viewer { kind }' });
    await post({ query: '{ nothingHere }' });
    await sleep(50);
    expect(requests().map((r) => [r.outcome, r.status, r.caller])).toEqual([
      ['UNAUTHENTICATED', 401, null],
      // application/json answers request errors with 200 (GraphQL over HTTP); the code tells them apart.
      ['GRAPHQL_PARSE_FAILED', 200, null],
      ['GRAPHQL_VALIDATION_FAILED', 200, null],
    ]);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toMatch(/stack/);
  });

  it('an unexpected error is logged with its stack, and masked for the client', async () => {
    const res = await post({ query: '{ testBoom }' });
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toContain('nobody expected');
    await sleep(50);
    const error = parsed().find((l) => l.level === 'error');
    expect(error.err.message).toBe('boom: something nobody expected');
    expect(error.err.stack).toMatch(/\n\s+at /);
    expect(requests()).toEqual([expect.objectContaining({ outcome: 'INTERNAL_SERVER_ERROR', type: 'query' })]);
    expect(lines).toHaveLength(2); // the error and the request line: yoga does not log it again
  });

  it('an unexpected error logs its type, first line and stack once, as JSON, never the query or its variables', async () => {
    const secret = '张三丰 13800001234';
    const res = await post({
      query: 'query Find($s: String!) { testPrismaBoom(search: $s) }',
      variables: { s: secret },
    });
    const body = await res.json();
    expect(body.errors?.[0]?.extensions.code, JSON.stringify(body)).toBe('INTERNAL_SERVER_ERROR');
    await sleep(50);
    expect(lines).toHaveLength(2);
    const error = parsed().find((l) => l.level === 'error');
    expect(error.msg).toBe('unexpected error');
    expect(error.err).toMatchObject({
      type: 'PrismaClientValidationError',
      message: expect.stringMatching(/^Invalid/),
    });
    expect(error.err.stack).toMatch(/^\s+at /);
    expect(error.err.message).not.toContain('\n');
    const all = lines.join('\n');
    for (const part of ['张三丰', '13800001234', 'contains']) expect(all).not.toContain(part);
    expect(requests()).toEqual([expect.objectContaining({ operation: 'Find', outcome: 'INTERNAL_SERVER_ERROR' })]);
    expect(requests()[0]).not.toHaveProperty('start');
  });

  it("a request line never carries the request's variables", async () => {
    await post({
      query: 'query Search($s: String) { enterprises(search: $s, first: 1) { totalCount } }',
      variables: { s: '李四 13900005678' },
    });
    await sleep(50);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/李四|13900005678/);
  });

  it('a WebSocket operation is one line too, with its own outcome', async () => {
    const client = createClient({ url: s.wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const result = await new Promise<GqlJson>((resolve, reject) =>
      client.subscribe(
        { query: 'query Who { viewer { kind } }', operationName: 'Who' },
        { next: resolve, error: reject, complete: () => {} },
      ),
    );
    expect(result.data.viewer.kind).toBe('public');
    const refused = await new Promise<GqlJson>((resolve) =>
      client.subscribe(
        { query: 'query { people(first: 1) { totalCount } }' },
        { next: resolve, error: resolve, complete: () => {} },
      ),
    );
    expect(refused.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await client.dispose();
    await sleep(100);
    expect(requests().map((r) => [r.transport, r.operation, r.type, r.caller, r.outcome])).toEqual([
      ['ws', 'Who', 'query', 'public', 'OK'],
      ['ws', null, 'query', 'public', 'UNAUTHENTICATED'],
    ]);
    expect(lines.join('\n')).not.toMatch(/stack/);
  });
});
