// A per-request batch: the lists of every parent of a page loaded in one statement.
import type { Context } from '@zhifa/core';

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
