// The survey organisation's API keys: issued and revoked here, by the graph (schema/api-key.ts),
// the CLI and the admin socket alike. A key is `zfk_<prefix>_<secret>`; only its SHA-256 is stored,
// so it is shown once, when it is made. Every issue and revocation goes through the unit of work:
// it is in the event log (the audit trail) and, through it, reaches every server instance — a
// revoked key's subscriptions end there before another event is delivered (events/access-change.ts).
import { createHash, randomBytes } from 'node:crypto';
import type { ApiKey, PrismaClient } from './generated/prisma/client.js';
import type { Viewer } from './auth/viewer.js';
import { NotFoundError, RuleViolation } from './errors.js';
import { CaseGuards } from './guards.js';
import { PluginSettings } from './settings.js';
import { CORE_TOPICS } from './topics.js';
import { apiKeyHolderRefusal } from './rules/api-key.js';
import { unitOfWork, type UnitOfWork } from './work/unit-of-work.js';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new API key; the caller stores `prefix` and `hash` and shows `key` once. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `zfk_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

const AGENCY = { zh: '单位', en: 'Agency' };

/**
 * Issue a key to a survey organisation (API_KEY_SURVEY_ORGANISATION_ONLY, county plan task 13).
 * The event names the key by id, prefix and label — never the key or its hash.
 */
export async function createApiKeyIn(
  uow: UnitOfWork,
  agencyId: number,
  label: string,
  agencyRef = String(agencyId),
): Promise<{ apiKey: ApiKey; key: string; agencyName: string }> {
  const agency = await uow.tx.agency.findUnique({ where: { id: agencyId }, select: { name: true, kind: true } });
  if (!agency) throw new NotFoundError('Agency', agencyRef, AGENCY);
  const refusal = apiKeyHolderRefusal(agency);
  if (refusal) throw new RuleViolation(refusal.rule, refusal.message);
  const { key, prefix, hash } = newApiKey();
  const apiKey = await uow.tx.apiKey.create({ data: { agencyId, label, prefix, hash, createdAt: uow.now } });
  await uow.emit(CORE_TOPICS.apiKeyCreated, { apiKeyId: apiKey.id, prefix, label }, { agencyId });
  return { apiKey, key, agencyName: agency.name };
}

/**
 * Revoke a key read in this unit. Revoking a revoked key changes nothing and says so (`already`);
 * otherwise the event carries who (the unit's actor) and why.
 */
export async function revokeApiKeyIn(
  uow: UnitOfWork,
  id: number,
  reason: string | null,
): Promise<{ apiKey: ApiKey; already: boolean } | null> {
  // Locked, so two revocations at once write one event.
  const [locked] = await uow.tx.$queryRaw<{ id: number }[]>`SELECT id FROM "ApiKey" WHERE id = ${id} FOR UPDATE`;
  if (!locked) return null;
  const row = await uow.tx.apiKey.findUniqueOrThrow({ where: { id } });
  if (row.revokedAt) return { apiKey: row, already: true };
  const apiKey = await uow.tx.apiKey.update({ where: { id }, data: { revokedAt: uow.now } });
  await uow.emit(
    CORE_TOPICS.apiKeyRevoked,
    { apiKeyId: row.id, prefix: row.prefix, label: row.label, reason },
    { agencyId: row.agencyId },
  );
  return { apiKey, already: false };
}

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

/** Where the operator's tools (CLI, admin socket) run a unit of work: no request, the platform as actor. */
export interface OperatorEnvironment {
  by?: Viewer;
  clock?: () => Date;
  events?: { wake(): void };
  settle?: (topics: readonly string[]) => Promise<void>;
}

function operatorWork(prisma: PrismaClient, opts: OperatorEnvironment) {
  return {
    prisma,
    viewer: opts.by ?? ({ kind: 'system', name: 'cli' } as const),
    guards: new CaseGuards(),
    settings: new PluginSettings(),
    clock: opts.clock ?? (() => new Date()),
    events: opts.events,
    settle: opts.settle,
  };
}

/**
 * Revoke by id (`12`), prefix (`a1b2c3d4e5f6`) or the key itself (`zfk_<prefix>_…`): the operator's
 * tools. Revoking a revoked key changes nothing. `by` is the actor written into the event log.
 */
export async function revokeApiKey(
  prisma: PrismaClient,
  ref: string,
  opts: OperatorEnvironment & { reason?: string | null } = {},
): Promise<RevokedApiKey> {
  const spec = ref.trim();
  const prefix = spec.startsWith('zfk_') ? (spec.split('_')[1] ?? '') : spec;
  // An id is an Int (at most 10 digits); a prefix is always 12 hex characters, and may be all
  // digits by chance (1 in 280): read as an id, "000000000012" would revoke key 12 instead.
  const found =
    /^\d{1,10}$/.test(spec) && Number(spec) < 2 ** 31
      ? await prisma.apiKey.findUnique({ where: { id: Number(spec) }, select: { id: true } })
      : await prisma.apiKey.findUnique({ where: { prefix }, select: { id: true } });
  const unknown = () => new UnknownApiKey(spec.startsWith('zfk_') ? `zfk_${prefix}_…` : spec);
  if (!found) throw unknown();
  const done = await unitOfWork(
    operatorWork(prisma, opts),
    async (uow) => revokeApiKeyIn(uow, found.id, opts.reason ?? null),
    // Revoking a revoked key writes nothing, and so emits nothing.
    { silent: 'an already revoked key is left as it is' },
  );
  if (!done) throw unknown();
  const { id, label, agencyId, revokedAt } = done.apiKey;
  return { id, prefix: done.apiKey.prefix, label, agencyId, revokedAt: revokedAt!, already: done.already };
}

/** Issue a key from the operator's tools (the CLI); the key is returned once. */
export function createApiKey(
  prisma: PrismaClient,
  agencyId: number,
  label: string,
  opts: OperatorEnvironment = {},
): Promise<{ apiKey: ApiKey; key: string; agencyName: string }> {
  return unitOfWork(operatorWork(prisma, opts), (uow) => createApiKeyIn(uow, agencyId, label));
}
