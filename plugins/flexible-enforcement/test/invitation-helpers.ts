// Shared set-up for the invitation tests: a world with a second officer of agency A who may enforce (a visit needs
// two, 行政处罚法 第42条), one whose certificate has expired, a published 市场监管 matter A enforces and one of
// agency B's domain, and GraphQL helpers for each step.
import { expect } from 'vitest';
import { createMatter, ERR, gid, validCertificate } from '@zhifa/testkit';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import type { World } from './fixtures.js';

export interface InvitationWorld {
  officerA2: { id: number; gid: string };
  expiredA: { id: number; gid: string };
  matter: { id: number; gid: string; code: string };
  matter2: { id: number; gid: string; code: string };
  matterB: { id: number; gid: string; code: string };
  unpublished: { id: number; gid: string; code: string };
}

export async function invitationWorld(w: World): Promise<InvitationWorld> {
  const p = w.h.db.prisma;
  const person = async (name: string, cert: ReturnType<typeof validCertificate>) => {
    const r = await p.person.create({ data: { agencyId: w.agencyA.id, name, roles: ['OFFICER'], ...cert } });
    return { id: r.id, gid: gid('Person', r.id) };
  };
  const year = new Date().getUTCFullYear();
  const expired = {
    ...validCertificate(`INV-X-${process.pid}`),
    certificateExpiresOn: new Date(`${year - 1}-01-01T00:00:00Z`),
  };
  const matter = async (over: Parameters<typeof createMatter>[1]) => {
    const m = await createMatter(p, over);
    return { id: m.id, gid: gid('EnforcementMatter', m.id), code: m.code };
  };
  return {
    officerA2: await person('王执法', validCertificate(`INV-A2-${process.pid}`)),
    expiredA: await person('钱过期', expired),
    matter: await matter({}),
    matter2: await matter({ name: '销售超过保质期的食品' }),
    matterB: await matter({ domain: '生态环境', name: '未按规定设置排污口' }),
    unpublished: await matter({ published: false }),
  };
}

/** Today and later days (Asia/Shanghai), as YYYY-MM-DD. */
export function dayFromToday(n: number): string {
  return addDays(shanghaiToday(new Date()), n).toISOString().slice(0, 10);
}

export const FIELDS = `id status topics respondedAt scheduledFor visitedAt findings advice declineReason closedAt
  withdrawnAt rating ratingComment`;

export async function mutate(w: World, field: string, args: string, vars: Record<string, unknown>, token: string) {
  const decl = Object.keys(vars)
    .map((k) => `$${k}: ${VAR_TYPES[k] ?? 'ID!'}`)
    .join(', ');
  const res = await w.h.gql(
    `mutation${decl ? `(${decl})` : ''} { ${field}(${args}) { __typename ... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${
      field === 'openCaseAfterInvitation' ? 'id number invitationCitation { id statement invitation { id } }' : FIELDS
    } } } ${ERR} } }`,
    vars,
    token,
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const r = res.data[field];
  return r.__typename.endsWith('Success') ? { ...r, ...r.data } : r;
}

const VAR_TYPES: Record<string, string> = {
  input: 'RequestInvitationInput!',
  at: 'DateTime!',
  officers: '[ID!]!',
  reason: 'String!',
  findings: 'String!',
  advice: 'String!',
  rating: 'Int!',
  comment: 'String',
  statement: 'String!',
  case: 'OpenCaseInput!',
};

export function requestInput(w: World, iw: InvitationWorld, over: Record<string, unknown> = {}) {
  return {
    enterpriseId: w.enterprise.gid,
    agencyId: w.agencyA.gid,
    topics: '食品经营许可、标签标识合规体检',
    matterIds: [iw.matter.gid],
    preferredFrom: dayFromToday(0),
    preferredTo: dayFromToday(7),
    contactName: '王经理',
    contactPhone: '0515-87654321',
    ...over,
  };
}

export const request = (w: World, input: Record<string, unknown>, token = w.tokens.enterprise) =>
  mutate(w, 'requestInvitation', 'input: $input', { input }, token);
export const schedule = (w: World, id: string, at: string, officers: string[], token = w.tokens.officerA) =>
  mutate(
    w,
    'scheduleInvitation',
    'invitationId: $id, scheduledFor: $at, officerIds: $officers',
    { id, at, officers },
    token,
  );
export const decline = (w: World, id: string, reason: string, token = w.tokens.officerA) =>
  mutate(w, 'declineInvitation', 'invitationId: $id, reason: $reason', { id, reason }, token);
export const visit = (w: World, id: string, at: string, token = w.tokens.officerA) =>
  mutate(
    w,
    'recordInvitationVisit',
    'invitationId: $id, visitedAt: $at, findings: $findings, advice: $advice',
    { id, at, findings: '进货查验记录不全', advice: '建立进货查验台账' },
    token,
  );
export const close = (w: World, id: string, token = w.tokens.officerA) =>
  mutate(w, 'closeInvitation', 'invitationId: $id', { id }, token);
export const withdraw = (w: World, id: string, token = w.tokens.enterprise) =>
  mutate(w, 'withdrawInvitation', 'invitationId: $id', { id }, token);
export const rate = (
  w: World,
  id: string,
  rating: number,
  token = w.tokens.enterprise,
  comment: string | null = null,
) =>
  mutate(w, 'rateInvitation', 'invitationId: $id, rating: $rating, comment: $comment', { id, rating, comment }, token);

/**
 * An invitation taken to VISITED: scheduled a second from now, the visit recorded now — the same Asia/Shanghai day,
 * which is all the rule asks (not before the scheduled day).
 */
export async function visited(w: World, iw: InvitationWorld, matterIds = [iw.matter.gid]): Promise<string> {
  const inv = await request(w, requestInput(w, iw, { matterIds }));
  expect(inv.__typename, JSON.stringify(inv)).toBe('MutationRequestInvitationSuccess');
  const s = await schedule(w, inv.id, new Date(Date.now() + 1000).toISOString(), [
    w.people.officerA.gid,
    iw.officerA2.gid,
  ]);
  expect(s.status, JSON.stringify(s)).toBe('SCHEDULED');
  const v = await visit(w, inv.id, new Date().toISOString());
  expect(v.status, JSON.stringify(v)).toBe('VISITED');
  return inv.id as string;
}
