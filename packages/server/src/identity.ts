// Turns a bearer credential into a Viewer. People carry HS256 JWTs; the survey organisation
// carries an API key (`zfk_<prefix>_<secret>`, only its SHA-256 is stored).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { PUBLIC_VIEWER, ServiceUnavailableError, UnauthenticatedError, type PrismaClient, type Viewer } from '@zhifa/core';
import { isDatabaseUnavailable } from './faults.js';

export type Subject = `person:${number}` | `enterprise:${number}`;

export class InvalidCredentials extends Error {
  constructor(readonly reason: string) {
    super(`令牌无效：${reason} / invalid credentials: ${reason}`);
  }
}

export function signToken(secret: string, sub: Subject, ttlSeconds = 12 * 3600): string {
  return jwt.sign({ sub }, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'zhifa' });
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new API key; the caller stores `prefix` and `hash` and shows `key` once. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const key = `zfk_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

/** Who a credential identifies, and until when the credential itself is valid (a JWT's exp). */
export interface Caller {
  viewer: Viewer;
  expiresAt: Date | null;
}

/** Resolve an Authorization header value (or graphql-ws connectionParams.authorization). */
export async function resolveViewer(prisma: PrismaClient, secret: string, authorization: unknown): Promise<Viewer> {
  return (await resolveCaller(prisma, secret, authorization)).viewer;
}

/**
 * resolveCaller with its failures typed for the transports: UnauthenticatedError when the
 * credential identifies nobody (HTTP 401, graphql-ws 4403), ServiceUnavailableError when the
 * database cannot say (HTTP 503, graphql-ws 1013). Anything else is unexpected and rethrown.
 */
export async function identifyCaller(prisma: PrismaClient, secret: string, authorization: unknown): Promise<Caller> {
  try {
    return await resolveCaller(prisma, secret, authorization);
  } catch (err) {
    if (err instanceof InvalidCredentials)
      throw new UnauthenticatedError({ zh: `令牌无效：${err.reason}`, en: `invalid credentials: ${err.reason}` });
    if (isDatabaseUnavailable(err)) throw new ServiceUnavailableError();
    throw err;
  }
}

export async function resolveCaller(prisma: PrismaClient, secret: string, authorization: unknown): Promise<Caller> {
  if (typeof authorization !== 'string' || authorization.trim() === '') return { viewer: PUBLIC_VIEWER, expiresAt: null };
  const token = authorization.replace(/^(Bearer|ApiKey)\s+/i, '').trim();
  if (token.startsWith('zfk_')) return { viewer: await viewerForApiKey(prisma, token), expiresAt: null };

  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'zhifa' }) as jwt.JwtPayload;
  } catch (err) {
    throw new InvalidCredentials((err as Error).message);
  }
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null;
  return { viewer: await viewerForSubject(prisma, String(claims.sub ?? '')), expiresAt };
}

async function viewerForSubject(prisma: PrismaClient, sub: string): Promise<Viewer> {
  const [kind, rawId] = sub.split(':');
  const id = Number(rawId);
  if (!Number.isInteger(id)) throw new InvalidCredentials('bad subject');
  // Roles and agency are read fresh on every request: revoking a role takes effect at once.
  if (kind === 'person') {
    const p = await prisma.person.findUnique({ where: { id }, include: { agency: { select: { kind: true } } } });
    if (!p) throw new InvalidCredentials('unknown person');
    return { kind: 'person', personId: p.id, name: p.name, agencyId: p.agencyId, agencyKind: p.agency.kind, roles: p.roles };
  }
  if (kind === 'enterprise') {
    const e = await prisma.enterprise.findUnique({ where: { id } });
    if (!e) throw new InvalidCredentials('unknown enterprise');
    return { kind: 'enterprise', enterpriseId: e.id, name: e.name };
  }
  throw new InvalidCredentials('bad subject');
}

/** The survey organisation behind an API key; InvalidCredentials when it is unknown, wrong or revoked. */
export async function viewerForApiKey(prisma: PrismaClient, key: string): Promise<Viewer> {
  const prefix = key.split('_')[1] ?? '';
  const row = await prisma.apiKey.findUnique({ where: { prefix } });
  const given = Buffer.from(hashApiKey(key));
  if (!row || row.revokedAt || !timingSafeEqual(Buffer.from(row.hash), given)) throw new InvalidCredentials('API key');
  const agency = await prisma.agency.findUniqueOrThrow({ where: { id: row.agencyId } });
  return { kind: 'surveyOrg', agencyId: agency.id, apiKeyId: row.id, name: agency.name };
}
