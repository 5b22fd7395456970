// A page of a list a resolver computes in memory, for a connection plugin-prisma does not page itself. Its
// cursors are written in the format of every other cursor of the graph (plugin-prisma's `GPC:` tagged value), so
// the one paging check (paging.ts) accepts exactly the cursors such a list hands out, for the key the field
// declares in `extensions.cursorKey`. Two kinds of list, two kinds of cursor:
// - rows of an aggregation (figures, a ranking) have no identity: `pageByPosition`, the field declaring
//   `PAGED_BY_POSITION`; a cursor is an index into the list as computed now.
// - rows with a stable integer id (a campaign's units, the sampling frame's strata): `pageByKey`, the field
//   declaring `pagedByKey('<the key>')`; a cursor is a row's key, so it still means "after this row" when rows
//   are added or removed in front of it (a position would then skip or repeat rows). For a node that is a Prisma
//   model, paging.ts checks the cursor against that column's type, as for any other connection of the model.
// Both take the page size the way plugin-prisma does: `last` or `before` pages backwards, 20 when none is given,
// never more than MAX_PAGE_SIZE (paging.ts refuses more on the field; the clamp holds for any other caller).
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import { CURSOR_KEY, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';

/** The cursor key a connection paged by position declares (paging.ts reads it). */
export const POSITION_CURSOR_KEY = 'offset';

/** The extensions of a connection field paged by position. */
export const PAGED_BY_POSITION = { [CURSOR_KEY]: POSITION_CURSOR_KEY } as const;

/** The extensions of a connection field paged by its rows' integer `key` (a column of the node's model, if it has one). */
export const pagedByKey = <K extends string>(key: K) => ({ [CURSOR_KEY]: key }) as const;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface InMemoryPage<T> {
  /** Every item of the list, all pages (a connection may expose it as `totalCount`). */
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A cursor holds one integer, written as plugin-prisma writes a single Int key. */
const cursorOf = (n: number) => formatPrismaCursor({ n }, 'n');
/** Only called with a cursor paging.ts has checked against the field's Int key. */
const valueOf = (cursor: string) => parsePrismaCursor(cursor) as number;

/**
 * The page [start, end) of the window [from, to) the cursors leave (`after`: from the first item past it;
 * `before`: up to the first item at or past it), taken from its front, or from its back when paging backwards.
 */
function bounds(args: PageArgs, from: number, to: number): [number, number] {
  const backwards = args.last != null || args.before != null;
  const size = Math.min((backwards ? args.last : args.first) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  if (backwards) return [Math.max(from, to - size), to];
  return [from, Math.min(to, from + size)];
}

function pageFrom<T>(items: readonly T[], start: number, end: number, cursor: (item: T, i: number) => string) {
  const edges = items.slice(start, end).map((node, i) => ({ cursor: cursor(node, start + i), node }));
  return {
    totalCount: items.length,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  } satisfies InMemoryPage<T>;
}

const clamp = (n: number, length: number) => Math.max(0, Math.min(length, n));

/** Paging (`first`/`after` or `last`/`before`) over `items` by position; the field declares PAGED_BY_POSITION. */
export function pageByPosition<T>(items: readonly T[], args: PageArgs): InMemoryPage<T> {
  const from = args.after == null ? 0 : clamp(valueOf(args.after) + 1, items.length);
  const to = args.before == null ? items.length : clamp(valueOf(args.before), items.length);
  const [start, end] = bounds(args, from, to);
  return pageFrom(items, start, end, (_node, i) => cursorOf(i));
}

/**
 * Paging over `items` by their integer `key`, in key order (the list is sorted here; keys are unique); the field
 * declares `pagedByKey(name)`. A cursor's row need not be in the list any more: the page starts after its key.
 */
export function pageByKey<T>(items: readonly T[], key: (item: T) => number, args: PageArgs): InMemoryPage<T> {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  const firstAbove = (k: number) => {
    const i = sorted.findIndex((item) => key(item) > k);
    return i < 0 ? sorted.length : i;
  };
  const firstFrom = (k: number) => {
    const i = sorted.findIndex((item) => key(item) >= k);
    return i < 0 ? sorted.length : i;
  };
  const from = args.after == null ? 0 : firstAbove(valueOf(args.after));
  const to = args.before == null ? sorted.length : firstFrom(valueOf(args.before));
  const [start, end] = bounds(args, from, to);
  return pageFrom(sorted, start, end, (node) => cursorOf(key(node)));
}
