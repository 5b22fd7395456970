// Development conveniences: who "officer" or "supervisor" means when asking for a token, the demo
// tokens printed at start-up, a survey organisation API key, and the loopback-only `/dev/token`
// route through which `pnpm zhifa token` asks a running server (the CLI may not open a data dir the
// server holds). None of this is available in production.
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createApiKey, newApiKey, RuleViolation } from '@zhifa/core';
import type { AgencyKind, PersonRole, PrismaClient } from '@zhifa/core/prisma';
import { canEnforce, DEFAULT_REVIEW_GRACE_UNTIL } from '@zhifa/core/rules';
import { signToken, viewerForApiKey, type Subject } from './identity.js';

export const DEV_ROLES = ['system-admin', 'supervisor', 'officer', 'agency-admin', 'enterprise'] as const;
export type DevRole = (typeof DEV_ROLES)[number];

export const ROLE_NAMES: Record<DevRole, string> = {
  'system-admin': '系统管理员 system admin',
  supervisor: '县司法局监督人员 supervisor',
  officer: '执法人员 officer',
  'agency-admin': '执法机关管理员 agency admin',
  enterprise: '企业用户 enterprise user',
};

export class UnknownSubject extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

const USAGE_ZH = `角色（${DEV_ROLES.join('、')}）、人员编号（12 或 person:12）或 enterprise:编号`;
const USAGE_EN = `a role (${DEV_ROLES.join(', ')}), a person id (12 or person:12) or enterprise:<id>`;

/** Turn `officer`, `12`, `person:12` or `enterprise:3` into a subject that exists. */
export async function resolveSubject(prisma: PrismaClient, spec: string): Promise<{ subject: Subject; name: string }> {
  const s = spec.trim();
  const explicit = /^(person|enterprise):(\d+)$/.exec(s) ?? (/^\d+$/.test(s) ? [s, 'person', s] : null);
  if (explicit) {
    const id = Number(explicit[2]);
    const row =
      explicit[1] === 'person'
        ? await prisma.person.findUnique({ where: { id }, select: { name: true } })
        : await prisma.enterprise.findUnique({ where: { id }, select: { name: true } });
    if (!row)
      throw new UnknownSubject(
        `没有编号为 ${id} 的${explicit[1] === 'person' ? '人员' : '经营主体'} / no ${explicit[1]} with id ${id}`,
        404,
      );
    return { subject: `${explicit[1] as 'person' | 'enterprise'}:${id}`, name: row.name };
  }
  if (!(DEV_ROLES as readonly string[]).includes(s))
    throw new UnknownSubject(`无法识别“${s}”，应为${USAGE_ZH} / cannot tell who "${s}" is: expected ${USAGE_EN}`, 400);
  const found = await subjectForRole(prisma, s as DevRole);
  if (!found)
    throw new UnknownSubject(
      `数据库中没有可作为“${ROLE_NAMES[s as DevRole]}”的记录（可运行 pnpm zhifa seed 载入演示数据） / nobody in the database can act as ${s} (try pnpm zhifa seed)`,
      404,
    );
  return found;
}

/** People holding `role` (and not `without`) in agencies of `agencyKind`, by id. */
function peopleWithRole(
  prisma: PrismaClient,
  role: PersonRole,
  opts: { without?: PersonRole; agencyKind?: AgencyKind } = {},
) {
  return prisma.person.findMany({
    where: {
      roles: { has: role },
      ...(opts.without ? { NOT: { roles: { has: opts.without } } } : {}),
      ...(opts.agencyKind ? { agency: { kind: opts.agencyKind } } : {}),
    },
    orderBy: { id: 'asc' },
    take: 50,
  });
}

/** The first suitable record for a role, by id, so the same demo person answers every time. */
async function subjectForRole(prisma: PrismaClient, role: DevRole): Promise<{ subject: Subject; name: string } | null> {
  const person = (p: { id: number; name: string } | undefined) =>
    p ? { subject: `person:${p.id}` as Subject, name: p.name } : null;
  switch (role) {
    case 'system-admin':
      return person((await peopleWithRole(prisma, 'SYSTEM_ADMIN'))[0]);
    case 'supervisor':
      return person(
        (await peopleWithRole(prisma, 'SUPERVISOR', { without: 'SYSTEM_ADMIN', agencyKind: 'JUSTICE_BUREAU' }))[0],
      );
    case 'agency-admin':
      return person((await peopleWithRole(prisma, 'AGENCY_ADMIN', { agencyKind: 'ENFORCEMENT_AGENCY' }))[0]);
    case 'officer': {
      // An officer who may act today, so the token can work cases straight away.
      const candidates = await peopleWithRole(prisma, 'OFFICER', {
        without: 'AGENCY_ADMIN',
        agencyKind: 'ENFORCEMENT_AGENCY',
      });
      const now = new Date();
      // The default grace period: a development convenience, not a decision about who may act.
      return person(candidates.find((p) => canEnforce(p, now, DEFAULT_REVIEW_GRACE_UNTIL)) ?? candidates[0]);
    }
    case 'enterprise': {
      // One with cases, so the enterprise view has something to show.
      const e =
        (await prisma.enterprise.findFirst({ where: { cases: { some: {} } }, orderBy: { id: 'asc' } })) ??
        (await prisma.enterprise.findFirst({ orderBy: { id: 'asc' } }));
      return e ? { subject: `enterprise:${e.id}`, name: e.name } : null;
    }
  }
}

export interface DemoToken {
  role: DevRole;
  subject: Subject;
  name: string;
  token: string;
}

export async function demoTokens(prisma: PrismaClient, secret: string): Promise<DemoToken[]> {
  const out: DemoToken[] = [];
  for (const role of DEV_ROLES) {
    const found = await subjectForRole(prisma, role);
    if (found) out.push({ role, ...found, token: signToken(secret, found.subject) });
  }
  return out;
}

/**
 * A new API key for a survey organisation (the CLI's `api-key`), issued by core's service like the
 * graph's createApiKey: only its hash is stored, the issue is an event. Returns the key, shown once.
 */
export async function createSurveyApiKey(
  prisma: PrismaClient,
  agencyId: number | null,
  label: string,
): Promise<{ key: string; agencyId: number; agencyName: string }> {
  const agency =
    agencyId === null
      ? await prisma.agency.findFirst({ where: { kind: 'SURVEY_ORGANISATION' }, orderBy: { id: 'asc' } })
      : await prisma.agency.findUnique({ where: { id: agencyId } });
  if (!agency)
    throw new UnknownSubject(
      agencyId === null
        ? '没有第三方调查机构 / there is no survey organisation'
        : `没有编号为 ${agencyId} 的单位 / no agency with id ${agencyId}`,
      404,
    );
  try {
    const { key } = await createApiKey(prisma, agency.id, label);
    return { key, agencyId: agency.id, agencyName: agency.name };
  } catch (err) {
    // API_KEY_SURVEY_ORGANISATION_ONLY (county plan task 13): the CLI has always said it in these words.
    if (err instanceof RuleViolation)
      throw new UnknownSubject(`${agency.name} 不是第三方调查机构 / ${agency.name} is not a survey organisation`, 400);
    throw err;
  }
}

/** The label of the survey-organisation key a development server shows at start-up. */
export const DEV_API_KEY_LABEL = 'development start-up';

export interface DevApiKey {
  key: string;
  agencyId: number;
  agencyName: string;
  /** False when it was made at this start (first start, or the kept one no longer works). */
  reused: boolean;
}

/**
 * The survey organisation's API key a development server prints at start-up. Only a key's hash is
 * stored, so to show the same key again it is kept in `file` (devApiKeyFileFor: beside the development
 * JWT secret, mode 0600, never committed) and reused for as long as it still works here. A new one is
 * made only when there is none or the kept one no longer works (another database, reset, revoked);
 * then every other key with this label is revoked, so development starts never pile up live keys.
 * `file` null (a throwaway database): a key for this run only. Null when there is no survey organisation.
 */
export async function developmentApiKey(prisma: PrismaClient, file: string | null): Promise<DevApiKey | null> {
  const kept = file ? readKeptKey(file) : null;
  if (kept) {
    const viewer = await viewerForApiKey(prisma, kept).catch(() => null);
    if (viewer?.kind === 'surveyOrg') {
      const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: viewer.apiKeyId } });
      if (row.label === DEV_API_KEY_LABEL)
        return { key: kept, agencyId: viewer.agencyId, agencyName: viewer.name, reused: true };
    }
  }
  const agency = await prisma.agency.findFirst({ where: { kind: 'SURVEY_ORGANISATION' }, orderBy: { id: 'asc' } });
  if (!agency) return null;
  const { key, prefix, hash } = newApiKey();
  const made = await prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({ data: { agencyId: agency.id, label: DEV_API_KEY_LABEL, prefix, hash } });
    await tx.apiKey.updateMany({
      where: { label: DEV_API_KEY_LABEL, revokedAt: null, id: { not: row.id } },
      data: { revokedAt: new Date() },
    });
    return row;
  });
  if (file) keepKey(file, key);
  return { key, agencyId: made.agencyId, agencyName: agency.name, reused: false };
}

function readKeptKey(file: string): string | null {
  try {
    const key = readFileSync(file, 'utf8').trim();
    return key.startsWith('zfk_') ? key : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Written whole (temp file, then rename) with mode 0600, like the development JWT secret. */
function keepKey(file: string, key: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${key}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export interface DevTokenRoute {
  /** False in production: the route answers 404 as if it did not exist. */
  enabled: boolean;
  prisma: PrismaClient;
  secret: string;
}

function reply(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${body}\n`);
}

/**
 * GET /dev/token?for=officer → the JWT as text. Loopback only, and refused to browsers: a Host
 * other than localhost (DNS rebinding) or any Origin header means a web page is asking.
 */
export async function handleDevToken(req: IncomingMessage, res: ServerResponse, route: DevTokenRoute): Promise<void> {
  if (!route.enabled) return reply(res, 404, '未启用 / not available (development only)');
  const remote = req.socket.remoteAddress ?? '';
  if (!LOOPBACK.has(remote) || !LOOPBACK_HOST.test(req.headers.host ?? '') || req.headers.origin !== undefined)
    return reply(res, 403, '仅限本机命令行访问 / loopback command-line access only');
  if (req.method !== 'GET') return reply(res, 405, '仅支持 GET / GET only');
  const spec = new URL(req.url ?? '/', 'http://localhost').searchParams.get('for');
  if (!spec) return reply(res, 400, `缺少参数 for：${USAGE_ZH} / missing parameter for: ${USAGE_EN}`);
  try {
    const { subject } = await resolveSubject(route.prisma, spec);
    return reply(res, 200, signToken(route.secret, subject));
  } catch (err) {
    if (err instanceof UnknownSubject) return reply(res, err.status, err.message);
    console.error('[zhifa] /dev/token failed', err);
    return reply(res, 500, '内部错误 / internal error');
  }
}
