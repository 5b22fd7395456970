// A page of a list computed in memory (figures, rankings: rows of an aggregation, not of a table), for a
// connection whose nodes are not a Prisma model. Its cursors are positions, written in the format of every
// other cursor of the graph (plugin-prisma's `GPC:` tagged value), so the one paging check (paging.ts) accepts
// exactly the cursors such a list hands out: the field declares `extensions: OFFSET_PAGED`.
import { formatPrismaCursor, parsePrismaCursor } from '@pothos/plugin-prisma';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.js';

/** The cursor key name an offset-paged connection declares (paging.ts reads it). */
export const OFFSET_CURSOR_KEY = 'offset';

/** The extensions of a connection field paged by position. */
export const OFFSET_PAGED = { cursorKey: OFFSET_CURSOR_KEY } as const;

export interface OffsetPage<T> {
  /** Every item of the list, all pages (a connection may expose it as `totalCount`). */
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const cursorAt = (offset: number) => formatPrismaCursor({ offset }, OFFSET_CURSOR_KEY);

/** Paging (`first`/`after` or `last`/`before`) over `items`; the arguments were checked by paging.ts. */
export function offsetPage<T>(
  items: readonly T[],
  args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
): OffsetPage<T> {
  const at = (cursor: string) => Math.max(0, Math.min(items.length, parsePrismaCursor(cursor) as number));
  let start: number;
  let end: number;
  if (args.last != null || args.before != null) {
    end = args.before == null ? items.length : at(args.before);
    start = Math.max(0, end - Math.min(args.last ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
  } else {
    start = args.after == null ? 0 : at(args.after) + 1;
    end = Math.min(items.length, start + Math.min(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
  }
  const edges = items.slice(start, end).map((node, i) => ({ cursor: cursorAt(start + i), node }));
  return {
    totalCount: items.length,
    edges,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
