// Paging a list computed in memory: forwards and backwards by position, with cursors the one paging check
// accepts for a connection that declares the offset key (and only those).
import { expect, it } from 'vitest';
import { offsetPage } from '../src/input/offset-page.js';
import { validCursor } from '../src/input/paging.js';

const items = ['a', 'b', 'c', 'd', 'e'];
const nodes = (p: { edges: { node: string }[] }) => p.edges.map((e) => e.node);

it('pages forwards with first/after and backwards with last/before', () => {
  const p1 = offsetPage(items, { first: 2 });
  expect(nodes(p1)).toEqual(['a', 'b']);
  expect(p1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  expect(p1.totalCount).toBe(5);
  const p2 = offsetPage(items, { first: 2, after: p1.pageInfo.endCursor });
  expect(nodes(p2)).toEqual(['c', 'd']);
  const p3 = offsetPage(items, { first: 2, after: p2.pageInfo.endCursor });
  expect(nodes(p3)).toEqual(['e']);
  expect(p3.pageInfo.hasNextPage).toBe(false);
  const back = offsetPage(items, { last: 2, before: p3.pageInfo.startCursor });
  expect(nodes(back)).toEqual(['c', 'd']);
  expect(nodes(offsetPage(items, { last: 1 }))).toEqual(['e']);
});

it('a cursor past the end is an empty page; a position cursor passes the check only for the offset key', () => {
  const last = offsetPage(items, { first: 100 }).pageInfo.endCursor!;
  expect(nodes(offsetPage(items.slice(0, 2), { first: 2, after: last }))).toEqual([]);
  expect(validCursor(last, { types: ['Int'], compound: false })).toBe(true);
  expect(validCursor(last, null)).toBe(false);
});
