// Every request is bounded: oversized or undeclared-size HTTP bodies and oversized WebSocket
// messages are refused before anything parses them.
import WebSocket from 'ws';
import { Lexer, Source, TokenKind } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, MAX_WS_MESSAGE_BYTES } from '@zhifa/server';
import { startTestServer, type TestServer, type GqlJson } from '@zhifa/testkit';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('request limits', () => {
  it('refuses an HTTP body over the limit with 413 and a bilingual message', async () => {
    const body = JSON.stringify({ query: '{ viewer { kind } }', variables: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } });
    const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    const json = await res.json();
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(json.errors[0].message).toMatch(/请求过大.*request too large/);
  });

  it('takes a body of exactly the limit and refuses one byte more: the front door is the only body limit', async () => {
    // yoga's own streaming limit is off (app.ts), so this boundary is the server's whole guard.
    const sized = (bytes: number) => {
      const head = JSON.stringify({ query: '{ viewer { kind } }', variables: { pad: '' } });
      return head.replace('"pad":""', `"pad":"${'x'.repeat(bytes - head.length)}"`);
    };
    const post = (body: string) =>
      fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const last = await post(sized(MAX_REQUEST_BYTES));
    expect(last.status).toBe(200);
    expect(await last.json()).toEqual({ data: { viewer: { kind: 'public' } } });
    const first = await post(sized(MAX_REQUEST_BYTES + 1));
    expect(first.status).toBe(413);
  });

  it('accepts an ordinary request', async () => {
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { kind } }' }),
    });
    expect(await res.json()).toEqual({ data: { viewer: { kind: 'public' } } });
  });

  it('closes a WebSocket that sends a message over the limit', async () => {
    const ws = new WebSocket(s.wsUrl, 'graphql-transport-ws');
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('x'.repeat(MAX_WS_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
  });
});

describe('query complexity (page-aware)', () => {
  const nested = (
    agencies: number,
    cases: number,
    officers: number,
  ) => `{ agencies(first: ${agencies}) { edges { node { name
    cases(first: ${cases}) { edges { node { number enterprise { name } officers(first: ${officers}) { edges { node { person { name } } } } } } } } } } }`;
  const post = (query: string) =>
    fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.json());

  it("accepts the frontends' deepest list at its usual page sizes", async () => {
    const res = await post(nested(20, 10, 20));
    expect(res.errors?.map((e: GqlJson) => e.extensions?.code) ?? []).not.toContain('QUERY_TOO_COMPLEX');
  });

  it('refuses the same shape at maximum page sizes: the response would be unbounded in practice', async () => {
    const res = await post(nested(100, 100, 100));
    // A connection refused is null (every connection is nullable, see core's input/paging.ts).
    expect(res.data?.agencies ?? null).toBeNull();
    expect(res.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors[0].message).toMatch(/查询过于复杂.*query too complex/);
  });

  it('counts nodes(ids:) per id', async () => {
    // About 600 per id: one id passes, the most nodes(ids:) accepts (100) does not.
    const query = (n: number) => {
      const ids = Array.from({ length: n }, (_, i) => `"${Buffer.from(`Agency:${i + 1}`).toString('base64')}"`).join(
        ',',
      );
      return `{ nodes(ids: [${ids}]) { id ... on Agency { a: children(first: 100) { edges { node { name } } } b: children(first: 100) { edges { node {
        name } } } } } }`;
    };
    expect((await post(query(1))).errors).toBeUndefined();
    const res = await post(query(100));
    expect(res.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('query limits answer with a code and in Chinese and English', () => {
  const post = (query: string, variables?: Record<string, unknown>) =>
    fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());
  // agencies → edges → node is depth 3, each children(first: 1) → edges → node 3 more, each parent 1.
  const nest = (depth: number) => {
    let inner = 'name';
    for (let d = 3; d + 3 <= depth; d += 3) inner = `children(first: 1) { edges { node { ${inner} } } }`;
    return `{ agencies(first: 1) { edges { node { ${inner} } } } }`;
  };
  const expectLimit = (res: GqlJson, limit: string, max: number) => {
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit, max });
    expect(res.errors[0].extensions.messageZh).toMatch(/^查询过于复杂/);
    expect(res.errors[0].extensions.messageEn).toMatch(/^query too complex/);
    expect(res.errors[0].message).toMatch(/查询过于复杂.*query too complex/);
  };

  it('depth: 14 is served, 15 refused', async () => {
    expect((await post(nest(12).replace('name', 'name parent { name }'))).errors).toBeUndefined();
    const refused = await post(nest(12).replace('name', 'name parent { parent { name } }'));
    expectLimit(refused, 'depth', 14);
    expect(refused.errors[0].extensions.found).toBe(15);
  });

  it('aliases: 20 are served, 21 refused', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { kind }`).join(' ')} }`;
    expect((await post(aliases(20))).errors).toBeUndefined();
    expectLimit(await post(aliases(21)), 'aliases', 20);
  });

  it('directives: 20 are served, 21 refused', async () => {
    const directives = (n: number) => `{ viewer { ${'kind @include(if: true) '.repeat(n)}} }`;
    expect((await post(directives(20))).errors).toBeUndefined();
    expectLimit(await post(directives(21)), 'directives', 20);
  });

  it('tokens: 5000 are served, 5001 refused', async () => {
    // Tokens without breadth: the items of a variable's default value (the request's own value wins).
    const query = (items: number) =>
      `query($t: [String!] = [${'"x" '.repeat(items)}]) { events(topics: $t, first: 1) { hasNextPage } }`;
    const count = (q: string) => {
      const lexer = new Lexer(new Source(q));
      let n = 0;
      while (lexer.advance().kind !== TokenKind.EOF) n++;
      return n;
    };
    const tokens = (n: number) => query(n - count(query(0)));
    expect(count(tokens(5_000))).toBe(5_000);
    expect((await post(tokens(5_000), { t: ['case.opened'] })).errors).toBeUndefined();
    expectLimit(await post(tokens(5_001), { t: ['case.opened'] }), 'tokens', 5_000);
  });

  it('a syntax error and an unknown field: coded, with a Chinese message too', async () => {
    const syntax = await post('{ viewer { kind }');
    expect(syntax.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(syntax.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    const unknown = await post('{ nothingHere }');
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(unknown.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
    const variable = await post('query($n: Int) { matters(first: $n) { totalCount } }', { n: 'x' });
    expect(variable.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(variable.errors[0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });
});
