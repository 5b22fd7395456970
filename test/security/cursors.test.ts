// Crafted paging cursors on every connection of the schema (core's and the installed plugins',
// top level and nested), enumerated from the schema itself so that a new connection is covered
// without touching this file. A cursor is opaque and checked (packages/core/src/input/paging.ts):
// a bad one is VALIDATION_FAILED naming the argument, bilingual, without the input; only that
// connection is null (its parent and siblings resolve); nothing is logged. A cursor the
// connection itself returned still pages, forwards and backwards.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { createLogger } from '@zhifa/server';
import { createHarness, gid, type GqlJson, type GqlResponse, type Harness } from '@zhifa/testkit';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';
import { seedDemoData } from '../../packages/server/src/seed/index.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** What a client could send instead of a cursor we issued. */
const CRAFTED: [string, string][] = [
  ['number out of range', b64('GPC:N:1e30')],
  ['NaN', b64('GPC:N:NaN')],
  ['infinity', b64('GPC:N:Infinity')],
  ['fraction', b64('GPC:N:1.5')],
  ['past int4', b64('GPC:N:2147483648')],
  ['legacy tuple', b64('GPC:J:[1]')],
  ['legacy tuple of strings', b64('GPC:J:["a","b"]')],
  ['legacy tuple, not JSON', b64('GPC:J:[1')],
  ['string', b64('GPC:S:abc')],
  ['date', b64('GPC:D:2020-01-01')],
  ['bigint', b64('GPC:I:1')],
  ['bigint, not digits', b64('GPC:I:x')],
  ['JSON object', b64('GPC:O:{"id":{"gt":0}}')],
  ['null', b64('GPC:Z:')],
  ['bytes', b64('GPC:B:AAAA')],
  ['decimal', b64('GPC:M:1')],
  ['unknown tag', b64('GPC:Q:1')],
  ['tuple of one', b64('GPC:T:["N:1"]')],
  ['tuple of three', b64('GPC:T:["N:1","N:2","N:3"]')],
  ['tuple, not JSON', b64('GPC:T:nope')],
  ['tuple of strings', b64('GPC:T:["S:a","S:b"]')],
  ['no prefix', b64('N:1')],
  ['other prefix', b64('DC:N:1')],
  ['garbage', 'garbage'],
  ['empty', ''],
  ['not base64', '!!!*'],
  ['base64 without padding', 'R1BDOk46MQ'],
  ['huge', 'A'.repeat(100_000)],
  ['huge valid-looking', b64(`GPC:N:${'9'.repeat(5000)}`)],
];

let h: Harness;
let schema: GraphQLSchema;
let admin: string;
let lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

interface Connection {
  parent: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
}

/** Every field that pages with cursors: it takes `after` and `before`. */
function connections(s: GraphQLSchema): Connection[] {
  const out: Connection[] = [];
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const names = field.args.map((a) => a.name);
      if (names.includes('after') && names.includes('before')) out.push({ parent: type, field });
    }
  }
  return out;
}

beforeAll(async () => {
  h = await createHarness({ plugins: INSTALLED_PLUGINS, log: createLogger('info', sink) });
  await seedDemoData(h.db.prisma, { plugins: INSTALLED_PLUGINS });
  schema = h.app.yoga.getEnveloped().schema;
  const sysAdmin = await h.db.prisma.person.findFirstOrThrow({ where: { roles: { has: 'SYSTEM_ADMIN' } } });
  admin = h.token(`person:${sysAdmin.id}`);
}, 300_000);
afterAll(() => h?.close());

/** Root connections of one parent row (a survey's ranking): their required arguments, from the demo data. */
const ROOT_ARGS: Record<string, () => Promise<string>> = {
  surveyRanking: async () => {
    const c = await h.db.prisma.surveyCampaign.findFirstOrThrow({ orderBy: { id: 'asc' } });
    return `campaignId: "${gid('SurveyCampaign', c.id)}", by: AGENCY`;
  },
};

/**
 * A query reaching the connection once per page asked (`args`, aliased f0, f1, …): a root field
 * directly, a nested one through `nodes(ids:)` on the first `take` rows of its parent type (every
 * parent is a Node), with a sibling (`viewer`) and the parent's own id beside it.
 */
async function reach(c: Connection, take: number): Promise<{ query: (args: string[]) => string; ids: string[] }> {
  const required = c.field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const given = c.parent.name === 'Query' ? ROOT_ARGS[c.field.name] : undefined;
  expect(given ? [] : required.map((a) => a.name), `${c.parent.name}.${c.field.name} has required arguments`).toEqual(
    [],
  );
  const fixed = given ? `${await given()}, ` : '';
  const sel = (args: string[]) =>
    args
      .map((a, i) => `f${i}: ${c.field.name}(${fixed}${a}) { edges { cursor } pageInfo { startCursor endCursor } }`)
      .join(' ');
  if (c.parent.name === 'Query')
    return { query: (args) => `query${vars(args, '')} { ${sel(args)} viewer { kind } }`, ids: [] };
  expect(
    c.parent.getInterfaces().map((i) => i.name),
    `${c.parent.name} is reachable by id`,
  ).toContain('Node');
  const model = (c.parent.extensions as { pothosPrismaModel?: string }).pothosPrismaModel;
  expect(model, `${c.parent.name} is a Prisma model`).toBeTruthy();
  const delegate = (h.db.prisma as unknown as Record<string, { findMany(a: object): Promise<{ id: number }[]> }>)[
    model![0].toLowerCase() + model!.slice(1)
  ];
  // One model may back several types (each list kind is a type over EnforcementList): keep the rows
  // that resolve as this type (nodes takes at most 100 ids).
  const rows = await delegate.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 100 });
  const candidates = rows.map((r) => gid(c.parent.name, r.id));
  const logged = lines.length;
  const typed = await h.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: candidates }, admin);
  lines.splice(logged); // the log is the crafted cursors' only
  const ids = (typed.data?.nodes ?? [])
    .filter((n: GqlJson) => n !== null)
    .map((n: GqlJson) => n.id as string)
    .slice(0, take);
  expect(ids.length, `demo data has a ${c.parent.name}`).toBeGreaterThan(0);
  return {
    query: (args) =>
      `query${vars(args, '$ids: [ID!]!')} { nodes(ids: $ids) { id ... on ${c.parent.name} { ${sel(args)} } } viewer { kind } }`,
    ids,
  };
}

/** The operation's variables: each `$cN` the arguments use, and `more`. */
function vars(args: string[], more: string): string {
  const used = [...new Set(args.join(' ').match(/\$c\d+/g) ?? [])].map((v) => `${v}: String`);
  const all = [...used, more].filter(Boolean);
  return all.length ? `(${all.join(', ')})` : '';
}

/** Page `i` of the response: one per parent reached. */
function pages(res: GqlResponse, i: number): GqlJson[] {
  const key = `f${i}`;
  return 'nodes' in (res.data ?? {}) ? res.data!.nodes.map((n: GqlJson) => n[key]) : [res.data?.[key] ?? null];
}

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

describe('paging cursors on every connection', () => {
  it('finds the connections the issue names, core and plugin, top level and nested', () => {
    const names = connections(schema).map((c) => `${c.parent.name}.${c.field.name}`);
    for (const n of [
      'Query.matters',
      'Query.cases',
      'Query.people',
      'Query.compulsoryMeasures',
      'Query.nonPenaltyLists',
      'EnforcementCase.officers',
      'NonPenaltyList.items',
      'Enterprise.nonPenaltyDecisions',
    ])
      expect(names).toContain(n);
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses every crafted cursor with VALIDATION_FAILED naming the argument; the rest resolves; nothing is logged', async () => {
    lines = [];
    let checked = 0;
    for (const c of connections(schema)) {
      const { query, ids } = await reach(c, 2);
      for (const [arg, size] of [
        ['after', 'first'],
        ['before', 'last'],
      ]) {
        // Fifteen crafted cursors a request (aliases are limited to 20).
        for (const chunk of chunks(CRAFTED, 15)) {
          const variables = Object.fromEntries(chunk.map(([, cursor], i) => [`c${i}`, cursor]));
          const res = await h.gql(
            query(chunk.map((_, i) => `${arg}: $c${i}, ${size}: 2`)),
            { ...variables, ids },
            admin,
          );
          const at = `${c.parent.name}.${c.field.name}(${arg})`;
          expect(res.errors, at).toHaveLength(chunk.length * (ids.length || 1));
          for (const e of res.errors!) {
            const i = Number(String(e.path.at(-1)).slice(1));
            const [what, cursor] = chunk[i];
            const where = `${at}: ${what}`;
            expect(e.extensions.code, where).toBe('VALIDATION_FAILED');
            expect(e.extensions.issues, where).toEqual([
              { path: [arg], message: expect.stringMatching(/[\u4e00-\u9fff]/), messageEn: expect.any(String) },
            ]);
            expect(e.extensions.messageZh, where).toMatch(/游标无效/);
            expect(e.extensions.messageEn, where).toMatch(/invalid paging cursor/);
            // The input is never echoed, raw or decoded.
            if (cursor.length > 2) expect(JSON.stringify(e), where).not.toContain(cursor.slice(0, 40));
            expect(JSON.stringify(e), where).not.toMatch(/1e30|NaN|abc|2020-01-01|GPC/);
          }
          // Only the connections are null: their parents and the sibling field resolve.
          expect(res.data?.viewer, at).toEqual({ kind: 'person' });
          if (ids.length)
            expect(
              res.data!.nodes.map((n: GqlJson) => n?.id),
              at,
            ).toEqual(ids);
          for (const i of chunk.keys()) expect(pages(res, i), at).toEqual((ids.length ? ids : [0]).map(() => null));
          checked += chunk.length;
        }
      }
    }
    expect(checked).toBe(connections(schema).length * CRAFTED.length * 2);
    expect(lines.filter((l) => JSON.parse(l).level !== 'info')).toEqual([]);
    expect(lines.every((l) => JSON.parse(l).outcome === 'VALIDATION_FAILED')).toBe(true);
  });

  it('pages with a cursor the connection returned, forwards and backwards, on every connection that has rows', async () => {
    const empty: string[] = [];
    for (const c of connections(schema)) {
      const { query, ids } = await reach(c, 20);
      const first = await h.gql(query(['first: 2']), { ids }, admin);
      expect(first.errors, `${c.parent.name}.${c.field.name}`).toBeUndefined();
      const cursor = pages(first, 0).find((p) => p?.edges.length)?.pageInfo.startCursor as string | undefined;
      if (!cursor) {
        empty.push(`${c.parent.name}.${c.field.name}`);
        continue;
      }
      const res = await h.gql(query(['after: $c0, first: 1', 'before: $c0, last: 1']), { c0: cursor, ids }, admin);
      expect(res.errors, `${c.parent.name}.${c.field.name}`).toBeUndefined();
    }
    // The demo data fills nearly every list; the few it leaves empty are named here.
    expect(empty.length, empty.join(', ')).toBeLessThanOrEqual(4);
  });

  it('a cursor of a row that no longer exists is a valid cursor: an empty page, no error', async () => {
    const res = await h.gql('query($c: String) { matters(after: $c, first: 2) { edges { cursor } } }', {
      c: b64('GPC:N:2147483647'),
    });
    expect(res).toEqual({ data: { matters: { edges: [] } } });
  });

  it('without a token: a public list answers VALIDATION_FAILED, a staff list UNAUTHENTICATED; neither logs', async () => {
    lines = [];
    const pub = await h.gql('query($c: String) { matters(after: $c) { totalCount } viewer { kind } }', {
      c: b64('GPC:N:1e30'),
    });
    expect(pub.errors![0].extensions.code).toBe('VALIDATION_FAILED');
    expect(pub.data).toEqual({ matters: null, viewer: { kind: 'public' } });
    for (const field of ['cases', 'people', 'compulsoryMeasures']) {
      const res = await h.gql(`query($c: String) { ${field}(after: $c) { totalCount } viewer { kind } }`, {
        c: b64('GPC:S:abc'),
      });
      expect(res.errors![0].extensions.code, field).toBe('UNAUTHENTICATED');
      expect(res.data?.viewer).toEqual({ kind: 'public' });
    }
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['info', 'info', 'info', 'info']);
  });
});

describe('page sizes and directions', () => {
  const ask = (args: string, token = admin) => h.gql(`{ matters(${args}) { totalCount } viewer { kind } }`, {}, token);
  const refusal = (res: GqlResponse) => ({
    code: res.errors?.[0]?.extensions?.code,
    paths: res.errors?.[0]?.extensions?.issues?.map((i: GqlJson) => i.path.join('.')),
    zh: /[\u4e00-\u9fff]/.test(res.errors?.[0]?.extensions?.messageZh ?? ''),
    sibling: res.data?.viewer?.kind,
  });

  it('takes first and last from 0 to 100 and refuses -1 and 101, naming the argument', async () => {
    for (const ok of ['first: 0', 'first: 100', 'last: 0', 'last: 100'])
      expect((await ask(ok)).errors, ok).toBeUndefined();
    for (const [args, path] of [
      ['first: -1', 'first'],
      ['first: 101', 'first'],
      ['last: -1', 'last'],
      ['last: 101', 'last'],
    ])
      expect(refusal(await ask(args)), args).toEqual({
        code: 'VALIDATION_FAILED',
        paths: [path],
        zh: true,
        sibling: 'person',
      });
  });

  it('refuses after with before, before with first, after with last', async () => {
    const c = (await h.gql('{ matters(first: 1) { edges { cursor } } }')).data.matters.edges[0].cursor as string;
    for (const [args, paths] of [
      [`after: "${c}", before: "${c}"`, ['before']],
      [`before: "${c}", first: 1`, ['first']],
      [`after: "${c}", last: 1`, ['last']],
    ] as const)
      expect(refusal(await ask(args)), args).toMatchObject({ code: 'VALIDATION_FAILED', paths, sibling: 'person' });
  });
});
