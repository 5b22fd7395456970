import type { Context } from './context.js';
import type { Db } from './db.js';

/**
 * Run a write: the domain change and its outbox event commit together or not at all; once
 * committed, the local event bus is woken (other instances hear the NOTIFY).
 */
export async function mutate<T>(ctx: Context, work: (tx: Db) => Promise<T>): Promise<T> {
  const result = await ctx.prisma.$transaction((tx) => work(tx), { timeout: 20_000, maxWait: 10_000 });
  ctx.events.wake();
  return result;
}
