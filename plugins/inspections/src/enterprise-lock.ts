import type { Db } from '@zhifa/core/prisma';

/**
 * Lock the enterprise's row until the transaction ends. Every write that the warning module judges (a visit, a
 * filing, a merge) takes it first, so two agencies recording visits at one enterprise at once are applied one
 * after the other and the second sees the first: 多头检查 is raised once, by the second, however they race.
 */
export async function lockEnterprise(tx: Db, enterpriseId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Enterprise" WHERE id = ${enterpriseId} FOR UPDATE`;
  return rows.length === 1;
}
