// Paging a list computed in memory, by position (rows of an aggregation) and by key (rows with ids), at the edges:
// the first and the last page, past either end, first/last 0, an empty list, the page-size clamp; and cursors the
// one paging check accepts for the Int key such a connection declares (and only those).
import { describe, expect, it } from 'vitest';
import { pageByKey, pageByPosition, type InMemoryPage, type PageArgs } from '../src/input/in-memory-page.js';
import { MAX_PAGE_SIZE, validCursor } from '../src/input/paging.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const INT_KEY = { types: ['Int'], compound: false };
const nodes = <T>(p: InMemoryPage<T>) => p.edges.map((e) => e.node);
const info = (p: InMemoryPage<unknown>) => [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage];

describe('by position', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const page = (args: PageArgs, list: readonly string[] = items) => pageByPosition(list, args);
  const cursorOf = (node: string, args: PageArgs = { first: 100 }) =>
    page(args).edges.find((e) => e.node === node)!.cursor;

  it('writes positions as plugin-prisma writes an Int key', () => {
    expect(page({ first: 2 }).edges.map((e) => Buffer.from(e.cursor, 'base64').toString())).toEqual([
      'GPC:N:0',
      'GPC:N:1',
    ]);
  });

  it('pages forwards from the first page to the last, and backwards from the last to the first', () => {
    const p1 = page({ first: 2 });
    expect([nodes(p1), info(p1), p1.totalCount]).toEqual([['a', 'b'], [false, true], 5]);
    const p2 = page({ first: 2, after: p1.pageInfo.endCursor });
    expect([nodes(p2), info(p2)]).toEqual([
      ['c', 'd'],
      [true, true],
    ]);
    const p3 = page({ first: 2, after: p2.pageInfo.endCursor });
    expect([nodes(p3), info(p3)]).toEqual([['e'], [true, false]]);
    const b1 = page({ last: 2 });
    expect([nodes(b1), info(b1)]).toEqual([
      ['d', 'e'],
      [true, false],
    ]);
    const b2 = page({ last: 2, before: b1.pageInfo.startCursor });
    expect([nodes(b2), info(b2)]).toEqual([
      ['b', 'c'],
      [true, true],
    ]);
    const b3 = page({ last: 2, before: b2.pageInfo.startCursor });
    expect([nodes(b3), info(b3)]).toEqual([['a'], [false, true]]);
  });

  it('after the last item and before the first: empty pages', () => {
    const afterLast = page({ first: 2, after: cursorOf('e') });
    expect([nodes(afterLast), info(afterLast), afterLast.pageInfo.endCursor]).toEqual([[], [true, false], null]);
    const beforeFirst = page({ last: 2, before: cursorOf('a') });
    expect([nodes(beforeFirst), info(beforeFirst), beforeFirst.pageInfo.startCursor]).toEqual([
      [],
      [false, true],
      null,
    ]);
  });

  it('a position past either end of a list that shrank or grew is clamped to it', () => {
    const last = cursorOf('e');
    expect(nodes(page({ first: 2, after: last }, ['a', 'b']))).toEqual([]);
    expect(nodes(page({ last: 2, before: last }, ['a', 'b']))).toEqual(['a', 'b']);
    expect(nodes(page({ first: 2, after: b64('GPC:N:-5') }))).toEqual(['a', 'b']);
    expect(nodes(page({ last: 2, before: b64('GPC:N:-5') }))).toEqual([]);
  });

  it('first: 0 and last: 0 are empty pages that still say what lies beyond', () => {
    const f0 = page({ first: 0 });
    expect([nodes(f0), info(f0), f0.totalCount]).toEqual([[], [false, true], 5]);
    const l0 = page({ last: 0 });
    expect([nodes(l0), info(l0)]).toEqual([[], [true, false]]);
  });

  it('an empty list is one empty page', () => {
    for (const args of [{}, { first: 10 }, { last: 10 }, { first: 1, after: b64('GPC:N:3') }]) {
      const p = page(args, []);
      expect([nodes(p), info(p), p.totalCount, p.pageInfo.startCursor, p.pageInfo.endCursor]).toEqual([
        [],
        [false, false],
        0,
        null,
        null,
      ]);
    }
  });

  it('takes 20 when no size is given, never more than MAX_PAGE_SIZE', () => {
    const many = Array.from({ length: 250 }, (_, i) => `x${i}`);
    expect(page({}, many).edges).toHaveLength(20);
    expect(page({ first: 1000 }, many).edges).toHaveLength(MAX_PAGE_SIZE);
    expect(page({ last: 1000 }, many).edges).toHaveLength(MAX_PAGE_SIZE);
  });
});

describe('by key', () => {
  const row = (id: number) => ({ id, name: `row ${id}` });
  // Out of key order on purpose: the page is in key order whatever order the list came in.
  const rows = [7, 3, 12, 5, 9].map(row);
  const page = (args: PageArgs, list = rows) => pageByKey(list, (r) => r.id, args);
  const ids = (p: InMemoryPage<{ id: number }>) => nodes(p).map((r) => r.id);
  const keyCursor = (id: number) => b64(`GPC:N:${id}`);

  it('writes each row’s key as plugin-prisma writes an Int key', () => {
    expect(page({ first: 2 }).edges.map((e) => e.cursor)).toEqual([keyCursor(3), keyCursor(5)]);
  });

  it('pages forwards from the first page to the last, and backwards from the last to the first', () => {
    const p1 = page({ first: 2 });
    expect([ids(p1), info(p1), p1.totalCount]).toEqual([[3, 5], [false, true], 5]);
    const p2 = page({ first: 2, after: p1.pageInfo.endCursor });
    expect([ids(p2), info(p2)]).toEqual([
      [7, 9],
      [true, true],
    ]);
    const p3 = page({ first: 2, after: p2.pageInfo.endCursor });
    expect([ids(p3), info(p3)]).toEqual([[12], [true, false]]);
    const b1 = page({ last: 2 });
    expect([ids(b1), info(b1)]).toEqual([
      [9, 12],
      [true, false],
    ]);
    const b2 = page({ last: 2, before: b1.pageInfo.startCursor });
    expect([ids(b2), info(b2)]).toEqual([
      [5, 7],
      [true, true],
    ]);
    const b3 = page({ last: 2, before: b2.pageInfo.startCursor });
    expect([ids(b3), info(b3)]).toEqual([[3], [false, true]]);
  });

  it('after the last key and before the first: empty pages', () => {
    const afterLast = page({ first: 2, after: keyCursor(12) });
    expect([ids(afterLast), info(afterLast)]).toEqual([[], [true, false]]);
    const beforeFirst = page({ last: 2, before: keyCursor(3) });
    expect([ids(beforeFirst), info(beforeFirst)]).toEqual([[], [false, true]]);
  });

  it('a cursor keeps its place when rows are added in front of it or its own row is gone', () => {
    const after5 = page({ first: 2 }).pageInfo.endCursor;
    expect(ids(page({ first: 2, after: after5 }, [row(1), row(4), ...rows]))).toEqual([7, 9]);
    expect(
      ids(
        page(
          { first: 2, after: after5 },
          rows.filter((r) => r.id !== 5),
        ),
      ),
    ).toEqual([7, 9]);
    expect(ids(page({ last: 2, before: keyCursor(8) }))).toEqual([5, 7]);
    expect(ids(page({ first: 2, after: keyCursor(-1) }))).toEqual([3, 5]);
  });

  it('first: 0 and last: 0 are empty pages that still say what lies beyond', () => {
    expect(info(page({ first: 0 }))).toEqual([false, true]);
    expect(info(page({ last: 0 }))).toEqual([true, false]);
    expect(nodes(page({ first: 0 }))).toEqual([]);
  });

  it('an empty list is one empty page', () => {
    for (const args of [{}, { first: 10 }, { last: 10 }, { first: 1, after: keyCursor(3) }]) {
      const p = page(args, []);
      expect([ids(p), info(p), p.totalCount, p.pageInfo.endCursor]).toEqual([[], [false, false], 0, null]);
    }
  });

  it('takes 20 when no size is given, never more than MAX_PAGE_SIZE', () => {
    const many = Array.from({ length: 250 }, (_, i) => row(i));
    expect(page({}, many).edges).toHaveLength(20);
    expect(page({ first: 1000 }, many).edges).toHaveLength(MAX_PAGE_SIZE);
    expect(ids(page({ last: 1000 }, many))[0]).toBe(150);
  });
});

describe('the paging check', () => {
  it('accepts the cursors both kinds hand out for the Int key their connection declares', () => {
    const cursors = [...pageByPosition(['a', 'b'], {}).edges, ...pageByKey([{ id: 40 }], (r) => r.id, {}).edges].map(
      (e) => e.cursor,
    );
    for (const c of cursors) expect(validCursor(c, INT_KEY)).toBe(true);
    // A connection without a declared key (its nodes no Prisma model) takes no cursor at all.
    for (const c of cursors) expect(validCursor(c, null)).toBe(false);
  });

  it('refuses a cursor of another kind: a string, a date, a compound key, a fraction, past int4', () => {
    for (const c of ['GPC:S:abc', 'GPC:D:2020-01-01', 'GPC:T:["N:1","N:2"]', 'GPC:N:1.5', 'GPC:N:2147483648'])
      expect(validCursor(b64(c), INT_KEY), c).toBe(false);
  });
});
