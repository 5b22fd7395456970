// Revoking a survey organisation's API key. It goes through the unit of work like every write, so
// the revocation is in the event log (the audit trail) and, through it, reaches every server
// instance: subscriptions opened with the key end there before another event is delivered.
import { CaseGuards, CORE_TOPICS, PluginSettings, unitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import type { PrismaClient } from '@zhifa/core/prisma';

export class UnknownApiKey extends Error {
  constructor(ref: string) {
    super(`没有这个 API 密钥：${ref} / no such API key: ${ref}`);
  }
}

export interface RevokedApiKey {
  id: number;
  prefix: string;
  label: string;
  agencyId: number;
  revokedAt: Date;
  /** It had been revoked before; nothing was written. */
  already: boolean;
}

/**
 * Revoke by id (`12`), prefix (`a1b2c3d4e5f6`) or the key itself (`zfk_<prefix>_…`). Revoking a
 * revoked key changes nothing. `by` is the actor written into the event log.
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  ref: string,
  opts: {
    by?: Viewer;
    clock?: () => Date;
    events?: { wake(): void };
    settle?: (topics: readonly string[]) => Promise<void>;
  } = {},
): Promise<RevokedApiKey> {
  const spec = ref.trim();
  const prefix = spec.startsWith('zfk_') ? (spec.split('_')[1] ?? '') : spec;
  // An id is an Int (at most 10 digits); a prefix is always 12 hex characters, and may be all
  // digits by chance (1 in 280): read as an id, "000000000012" would revoke key 12 instead.
  const row =
    /^\d{1,10}$/.test(spec) && Number(spec) < 2 ** 31
      ? await prisma.apiKey.findUnique({ where: { id: Number(spec) } })
      : await prisma.apiKey.findUnique({ where: { prefix } });
  if (!row) throw new UnknownApiKey(spec.startsWith('zfk_') ? `zfk_${prefix}_…` : spec);
  const info = { id: row.id, prefix: row.prefix, label: row.label, agencyId: row.agencyId };
  if (row.revokedAt) return { ...info, revokedAt: row.revokedAt, already: true };

  const env = {
    prisma,
    viewer: opts.by ?? ({ kind: 'system', name: 'cli' } as const),
    guards: new CaseGuards(),
    settings: new PluginSettings(),
    clock: opts.clock ?? (() => new Date()),
    events: opts.events,
    settle: opts.settle,
  };
  const revokedAt = await unitOfWork(env, async (uow) => {
    await uow.tx.apiKey.update({ where: { id: row.id }, data: { revokedAt: uow.now } });
    await uow.emit(
      CORE_TOPICS.apiKeyRevoked,
      { apiKeyId: row.id, prefix: row.prefix, label: row.label },
      { agencyId: row.agencyId },
    );
    return uow.now;
  });
  return { ...info, revokedAt, already: false };
}
