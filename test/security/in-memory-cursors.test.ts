// Lists computed in memory (core's input/in-memory-page.ts) through the real schema: a connection of rows that are
// not a Prisma model, paged by position or by an integer key, hands out cursors the one paging check (paging.ts)
// accepts, and a cursor of another kind is VALIDATION_FAILED naming the argument, only that list null. The survey
// plugin's in-memory connections are fuzzed with the rest of the graph in cursors.test.ts; these two are the
// kinds on their own, with nodes no Prisma model describes (so the check reads the declared key, not a column).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageByKey, pageByPosition, PAGED_BY_POSITION, pagedByKey, type ZhifaPlugin } from '@zhifa/core';
import { createHarness, type GqlJson, type Harness } from '@zhifa/testkit';

const b64 = (s: string) => Buffer.from(s).toString('base64');
interface Row {
  id: number;
}
// Keys with gaps, listed out of order: the key page sorts them.
const ROWS: Row[] = [30, 10, 50, 20, 40].map((id) => ({ id }));

const inMemoryPlugin: ZhifaPlugin = {
  name: 'test-in-memory',
  register(builder) {
    const RowRef = builder.objectRef<Row>('TestInMemoryRow').implement({
      description: '测试：内存中的行 Test: a row computed in memory',
      fields: (t) => ({ id: t.exposeInt('id', { description: '键 Key' }) }),
    });
    builder.queryFields((t) => ({
      testByPosition: t.connection({
        type: RowRef,
        description: '测试：按位置分页 Test: paged by position',
        extensions: PAGED_BY_POSITION,
        resolve: (_root, args) => pageByPosition(ROWS, args),
      }),
      testByKey: t.connection({
        type: RowRef,
        description: '测试：按键分页 Test: paged by key',
        extensions: pagedByKey('id'),
        resolve: (_root, args) => pageByKey(ROWS, (r) => r.id, args),
      }),
      testUndeclared: t.connection({
        type: RowRef,
        description: '测试：未声明键 Test: no key declared',
        resolve: (_root, args) => pageByKey(ROWS, (r) => r.id, args),
      }),
    }));
  },
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [inMemoryPlugin] });
});
afterAll(() => h?.close());

const page = (field: string, args: string, variables: Record<string, unknown> = {}) =>
  h.gql(
    `query${args.includes('$c') ? '($c: String)' : ''} { ${field}(${args}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } viewer { kind } }`,
    variables,
  );
const ids = (conn: GqlJson) => (conn.edges as GqlJson[]).map((e) => e.node.id as number);

describe('a list computed in memory, through the schema', () => {
  it('by position and by key: pages forwards and backwards with the cursors it hands out', async () => {
    for (const [field, order] of [
      ['testByPosition', [30, 10, 50, 20, 40]],
      ['testByKey', [10, 20, 30, 40, 50]],
    ] as const) {
      const p1 = (await page(field, 'first: 2')).data[field];
      expect(ids(p1), field).toEqual(order.slice(0, 2));
      const p2 = await page(field, 'first: 2, after: $c', { c: p1.pageInfo.endCursor });
      expect(p2.errors, field).toBeUndefined();
      expect(ids(p2.data[field]), field).toEqual(order.slice(2, 4));
      const back = await page(field, 'last: 2, before: $c', { c: p2.data[field].pageInfo.endCursor });
      expect(ids(back.data[field]), field).toEqual(order.slice(1, 3));
    }
  });

  it('refuses a cursor of another kind with VALIDATION_FAILED naming the argument; only that list is null', async () => {
    const wrong = ['GPC:S:abc', 'GPC:T:["N:1","N:2"]', 'GPC:D:2020-01-01', 'GPC:N:1.5', 'N:1'].map(b64);
    for (const field of ['testByPosition', 'testByKey'])
      for (const [arg, size] of [
        ['after', 'first'],
        ['before', 'last'],
      ])
        for (const c of wrong) {
          const res = await page(field, `${arg}: $c, ${size}: 2`, { c });
          const at = `${field}(${arg}: ${c})`;
          expect(res.errors?.[0]?.extensions?.code, at).toBe('VALIDATION_FAILED');
          expect(
            (res.errors![0].extensions.issues as GqlJson[]).map((i) => i.path),
            at,
          ).toEqual([[arg]]);
          expect(res.data, at).toEqual({ [field]: null, viewer: { kind: 'public' } });
        }
  });

  it('a connection of such rows that declares no key takes no cursor, not even one it handed out', async () => {
    const first = (await page('testUndeclared', 'first: 1')).data.testUndeclared;
    const res = await page('testUndeclared', 'first: 1, after: $c', { c: first.pageInfo.endCursor });
    expect(res.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});
