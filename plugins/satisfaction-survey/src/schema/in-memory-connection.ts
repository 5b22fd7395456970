// Connections over short lists this plugin builds itself (a campaign's units, the sampling frame's strata, at most
// 100 each): paged in memory with the cursor plugin-prisma writes for a single Int key (`GPC:N:<n>`, base64), so
// core's paging plugin, which checks every `after`/`before` against the key the field names in
// `extensions.cursorKey`, accepts exactly the cursors these connections hand out. A per-request batch loads the
// lists of every parent of a page in one statement.
import type { Context } from '@zhifa/core';

/** The size of a page when the caller gives none (core's default for every connection). */
const DEFAULT_PAGE = 20;

export const intCursor = (n: number) => Buffer.from(`GPC:N:${n}`).toString('base64');
/** Only called with a cursor core's paging plugin has already checked against the field's Int key. */
const cursorInt = (cursor: string) => Number(Buffer.from(cursor, 'base64').toString().slice('GPC:N:'.length));

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** One page of `list` (sorted by `key`), with Relay's edges and page info and the list's total. */
export function pageOf<T>(list: readonly T[], key: (item: T) => number, args: PageArgs) {
  const after = args.after ? cursorInt(args.after) : null;
  const before = args.before ? cursorInt(args.before) : null;
  const window = list.filter((i) => (after === null || key(i) > after) && (before === null || key(i) < before));
  const backwards = args.last != null && args.first == null;
  const size = (backwards ? args.last : args.first) ?? DEFAULT_PAGE;
  const page = backwards ? window.slice(Math.max(0, window.length - size)) : window.slice(0, size);
  const edges = page.map((node) => ({ cursor: intCursor(key(node)), node }));
  return {
    edges,
    totalCount: list.length,
    pageInfo: {
      hasNextPage: !backwards && window.length > size,
      hasPreviousPage: backwards && window.length > size,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * `load(ctx, key)` for many keys in one request tick becomes one call of `loadMany(keys)`; answers are cached for
 * the request. (A hand-made batch: the plugin's one list loader does not warrant a dependency on dataloader.)
 */
export function batchPerRequest<K, V>(loadMany: (keys: readonly K[], ctx: Context) => Promise<ReadonlyMap<K, V>>) {
  const open = new WeakMap<object, { keys: K[]; result: Promise<ReadonlyMap<K, V>> }>();
  const cache = new WeakMap<object, Map<K, Promise<V | undefined>>>();
  return (ctx: Context, key: K): Promise<V | undefined> => {
    let known = cache.get(ctx);
    if (!known) cache.set(ctx, (known = new Map<K, Promise<V | undefined>>()));
    const hit = known.get(key);
    if (hit) return hit;
    let batch = open.get(ctx);
    if (!batch) {
      const keys: K[] = [];
      const result = new Promise<ReadonlyMap<K, V>>((resolve, reject) =>
        setImmediate(() => {
          open.delete(ctx);
          loadMany(keys, ctx).then(resolve, reject);
        }),
      );
      batch = { keys, result };
      open.set(ctx, batch);
    }
    batch.keys.push(key);
    const answer = batch.result.then((m) => m.get(key));
    known.set(key, answer);
    return answer;
  };
}
