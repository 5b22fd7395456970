// Shared set-up for the economic-impact tests: the test kit's base world on a harness with the plugin, plus what
// an enterprise case needs here — a second officer in agency A (two officers act, 行政处罚法 第42条), its head (who
// approves and decides, 第57条) and legal reviewer (第58条) — and enterprises and cases written straight to the
// database, so the tests do not depend on the core mutations they do not test.
import type { ZhifaPlugin } from '@zhifa/core';
import type { EnterpriseKind, PrismaClient } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import {
  createBaseWorld,
  createHarness,
  gid,
  validCertificate,
  type BaseWorld,
  type Harness,
  type Row,
} from '@zhifa/testkit';
import { economicImpactPlugin } from '../src/index.js';

export interface World extends BaseWorld {
  h: Harness;
  officerA2: Row;
  headA: Row;
  reviewerA: Row;
  headB: Row;
  /** Tokens of the people above, beside the base world's. */
  more: { officerA2: string; headA: string; reviewerA: string; headB: string };
}

export async function createWorld(extraPlugins: ZhifaPlugin[] = []): Promise<World> {
  const h = await createHarness({ plugins: [economicImpactPlugin, ...extraPlugins] });
  const base = await createBaseWorld(h);
  const p = h.db.prisma;
  const person = async (
    agencyId: number,
    name: string,
    roles: ('OFFICER' | 'AGENCY_HEAD' | 'LEGAL_REVIEWER')[],
    cert?: string,
  ) => {
    const row = await p.person.create({
      data: { agencyId, name, roles, ...(cert ? validCertificate(cert) : {}) },
    });
    return { id: row.id, gid: gid('Person', row.id), name: row.name };
  };
  const officerA2 = await person(base.agencyA.id, '甲局执法员二', ['OFFICER'], `EI-${process.pid}-A2`);
  const headA = await person(base.agencyA.id, '甲局局长', ['AGENCY_HEAD']);
  const reviewerA = await person(base.agencyA.id, '甲局法制审核员', ['LEGAL_REVIEWER']);
  const headB = await person(base.agencyB.id, '乙局局长', ['AGENCY_HEAD']);
  const token = (r: Row) => h.token(`person:${r.id}`);
  return {
    h,
    ...base,
    officerA2,
    headA,
    reviewerA,
    headB,
    more: { officerA2: token(officerA2), headA: token(headA), reviewerA: token(reviewerA), headB: token(headB) },
  };
}

let usccSeq = 0;
/** An enterprise of `kind`, a key enterprise or not. */
export async function createEnterprise(
  p: PrismaClient,
  opts: { kind?: EnterpriseKind; isKeyEnterprise?: boolean; name?: string } = {},
) {
  usccSeq++;
  const e = await p.enterprise.create({
    data: {
      uscc: `91320923E${String(process.pid % 1000).padStart(3, '0')}${String(usccSeq).padStart(5, '0')}X`,
      name: `${opts.name ?? '评估测试企业'}${usccSeq}`,
      kind: opts.kind ?? 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县阜城街道',
      industry: '食品制造',
      scale: 'SMALL',
      employees: 40,
      isKeyEnterprise: opts.isKeyEnterprise ?? false,
      creditRiskClass: 'B',
    },
  });
  return { ...e, gid: gid('Enterprise', e.id) };
}

let caseSeq = 0;
/**
 * A general-procedure case of agency A against `enterpriseId` (null: a natural person), officerA and officerA2
 * assigned, in `stage`, written straight to the database (no core events: no trigger fires from it).
 */
export async function directCase(
  w: World,
  enterpriseId: number | null,
  stage: 'REGISTERED' | 'INVESTIGATING' | 'LEGAL_REVIEW' = 'INVESTIGATING',
) {
  caseSeq++;
  const c = await w.h.db.prisma.enforcementCase.create({
    data: {
      number: `评测〔2026〕${process.pid}-${caseSeq}号`,
      agencyId: w.agencyA.id,
      partyKind: enterpriseId === null ? 'NATURAL_PERSON' : 'ENTERPRISE',
      enterpriseId,
      partyDescription: enterpriseId === null ? '某自然人（不具名）' : null,
      violation: '生产不符合食品安全标准的食品',
      violatedProvision: '《中华人民共和国食品安全法》第三十四条',
      penaltyProvision: '《中华人民共和国食品安全法》第一百二十四条',
      stage,
      procedure: 'GENERAL',
      officers: { create: [{ personId: w.people.officerA.id }, { personId: w.officerA2.id }] },
    },
  });
  return { ...c, gid: gid('EnforcementCase', c.id) };
}

/** Today in Asia/Shanghai as a stored @db.Date. */
export const todayOn = () => shanghaiToday(new Date());
