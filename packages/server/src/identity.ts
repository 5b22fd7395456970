// Turns a bearer credential into a Viewer. People carry HS256 JWTs; the survey organisation
// carries an API key (`zfk_<prefix>_<secret>`, only its SHA-256 is stored).
import { timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { hashApiKey, ServiceUnavailableError, UnauthenticatedError } from '@zhifa/core';
import { PUBLIC_VIEWER, type Viewer } from '@zhifa/core/auth';
import type { PrismaClient } from '@zhifa/core/prisma';
import { isDatabaseUnavailable } from './faults.js';
import type { ViewerCache } from './viewer-cache.js';

export type Subject = `person:${number}` | `enterprise:${number}`;

export class InvalidCredentials extends Error {
  constructor(readonly reason: string) {
    super(`令牌无效：${reason} / invalid credentials: ${reason}`);
  }
}

export function signToken(secret: string, sub: Subject, ttlSeconds = 12 * 3600): string {
  return jwt.sign({ sub }, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'zhifa' });
}

// One implementation of the key format, with the service that issues and revokes keys.

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
  return typed(() => resolveCaller(prisma, secret, authorization));
}

async function typed(resolve: () => Promise<Caller>): Promise<Caller> {
  try {
    return await resolve();
  } catch (err) {
    if (err instanceof InvalidCredentials)
      throw new UnauthenticatedError({ zh: `令牌无效：${err.reason}`, en: `invalid credentials: ${err.reason}` });
    if (isDatabaseUnavailable(err)) throw new ServiceUnavailableError();
    throw err;
  }
}

export async function resolveCaller(prisma: PrismaClient, secret: string, authorization: unknown): Promise<Caller> {
  if (typeof authorization !== 'string' || authorization.trim() === '')
    return { viewer: PUBLIC_VIEWER, expiresAt: null };
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
  // Uncached here; the server caches the result (cachedIdentifier, viewer-cache.ts).
  if (kind === 'person') {
    const p = await prisma.person.findUnique({ where: { id }, include: { agency: { select: { kind: true } } } });
    if (!p) throw new InvalidCredentials('unknown person');
    return {
      kind: 'person',
      personId: p.id,
      name: p.name,
      agencyId: p.agencyId,
      agencyKind: p.agency.kind,
      roles: p.roles,
    };
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
  return (await apiKeyViewer(prisma, key)).viewer;
}

async function apiKeyViewer(prisma: PrismaClient, key: string): Promise<{ viewer: Viewer; hash: string }> {
  const prefix = key.split('_')[1] ?? '';
  const row = await prisma.apiKey.findUnique({ where: { prefix } });
  const given = Buffer.from(hashApiKey(key));
  if (!row || row.revokedAt || !timingSafeEqual(Buffer.from(row.hash), given)) throw new InvalidCredentials('API key');
  const agency = await prisma.agency.findUniqueOrThrow({ where: { id: row.agencyId } });
  return { viewer: { kind: 'surveyOrg', agencyId: agency.id, apiKeyId: row.id, name: agency.name }, hash: row.hash };
}

export interface IdentifyOptions {
  /** Read the database whatever the cache holds (a subscription told that its caller changed). */
  fresh?: boolean;
}

export type Identify = (authorization: unknown, options?: IdentifyOptions) => Promise<Caller>;

/** Verified JWTs kept: at most this many (each a few hundred bytes). */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * identifyCaller with a per-process cache (viewer-cache.ts): a known credential costs no SQL and no
 * signature check. A JWT is verified once (its signature and issuer cannot change; its expiry is
 * checked on every use); the viewer it names comes from the ViewerCache, which drops it the
 * moment the person, their agency, the key or the enterprise changes.
 */
export function cachedIdentifier(prisma: PrismaClient, secret: string, cache: ViewerCache): Identify {
  const verified = new Map<string, { sub: string; expiresAt: Date | null }>();

  const viewerFor = async (key: string, load: () => Promise<Viewer>, fresh: boolean): Promise<Viewer> => {
    const hit = fresh ? undefined : cache.get(key);
    if (hit) return hit.viewer;
    const generation = cache.generation();
    const viewer = await load();
    cache.put(key, { viewer }, generation);
    return viewer;
  };

  const resolve = async (authorization: unknown, fresh: boolean): Promise<Caller> => {
    if (typeof authorization !== 'string' || authorization.trim() === '')
      return { viewer: PUBLIC_VIEWER, expiresAt: null };
    const token = authorization.replace(/^(Bearer|ApiKey)\s+/i, '').trim();
    if (token.startsWith('zfk_')) {
      const prefix = token.split('_')[1] ?? '';
      const key = `apikey:${prefix}`;
      const hit = fresh ? undefined : cache.get(key);
      if (hit) {
        // The stored hash is compared every time, exactly as on a miss.
        if (!timingSafeEqual(Buffer.from(hit.hash!), Buffer.from(hashApiKey(token))))
          throw new InvalidCredentials('API key');
        return { viewer: hit.viewer, expiresAt: null };
      }
      const generation = cache.generation();
      const { viewer, hash } = await apiKeyViewer(prisma, token);
      cache.put(key, { viewer, hash }, generation);
      return { viewer, expiresAt: null };
    }

    let claims = verified.get(token);
    if (claims && claims.expiresAt && Date.now() >= claims.expiresAt.getTime()) {
      verified.delete(token);
      claims = undefined;
    }
    if (!claims) {
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: 'zhifa' }) as jwt.JwtPayload;
      } catch (err) {
        throw new InvalidCredentials((err as Error).message);
      }
      claims = {
        sub: String(payload.sub ?? ''),
        expiresAt: typeof payload.exp === 'number' ? new Date(payload.exp * 1000) : null,
      };
      verified.set(token, claims);
      if (verified.size > MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    }
    const sub = claims.sub;
    return { viewer: await viewerFor(sub, () => viewerForSubject(prisma, sub), fresh), expiresAt: claims.expiresAt };
  };

  return (authorization, options = {}) => typed(() => resolve(authorization, !!options.fresh));
}
