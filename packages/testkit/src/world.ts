// A base world for tests: one county with the justice bureau, two enforcement agencies and a
// township; a person in each role; one enterprise; a token for everyone. Written straight to the
// database, so tests do not depend on the person/agency/enterprise mutations.
import type { PrismaClient } from '@zhifa/core/prisma';
import { completeUscc } from '@zhifa/core/rules';
import { shanghaiYear } from '@zhifa/core/time';
import type { Harness } from './harness.js';
import { gid } from './ids.js';

export interface Row {
  id: number;
  /** Relay global id. */
  gid: string;
  name: string;
}

export interface BaseWorld {
  /** 阜宁县人民政府 (COUNTY_GOVERNMENT). */
  county: Row;
  /** 阜宁县司法局 (JUSTICE_BUREAU), the supervisor's. */
  justice: Row;
  /** 阜宁县市场监督管理局, domain 市场监管, document prefix 阜市监. */
  agencyA: Row;
  /** 盐城市阜宁生态环境局, domain 生态环境, document prefix 阜环. */
  agencyB: Row;
  /** 益林镇 (TOWNSHIP), the enterprise's. */
  township: Row;
  people: {
    sysAdmin: Row;
    supervisor: Row;
    adminA: Row;
    /** Holds a valid certificate, reviewed this year: may enforce. */
    officerA: Row;
    auxiliaryA: Row;
    adminB: Row;
    /** Holds a valid certificate, reviewed this year: may enforce. */
    officerB: Row;
  };
  /** 阜宁县某某食品有限公司, in the township. */
  enterprise: Row & { uscc: string };
  /** Bearer tokens: one per person above, and the enterprise user's. */
  tokens: Record<keyof BaseWorld['people'] | 'enterprise', string>;
}

type Role = 'SYSTEM_ADMIN' | 'OFFICER' | 'AGENCY_ADMIN' | 'SUPERVISOR' | 'AUXILIARY';

/** A valid enforcement certificate, reviewed this (Asia/Shanghai) year. */
export function validCertificate(number: string, now = new Date()) {
  const year = shanghaiYear(now);
  return {
    certificateNumber: number,
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: new Date(`${year - 2}-01-10T00:00:00Z`),
    certificateExpiresOn: new Date(`${year + 3}-01-09T00:00:00Z`),
    certificateReviewYear: year,
  };
}

export async function createBaseWorld(h: Pick<Harness, 'db' | 'token'>): Promise<BaseWorld> {
  const p: PrismaClient = h.db.prisma;
  const row = (r: { id: number; name: string }, type: string): Row => ({
    id: r.id,
    gid: gid(type, r.id),
    name: r.name,
  });
  const agency = async (data: Parameters<PrismaClient['agency']['create']>[0]['data']) =>
    row(await p.agency.create({ data }), 'Agency');

  const county = await agency({ name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' });
  const justice = await agency({ name: '阜宁县司法局', kind: 'JUSTICE_BUREAU', parentId: county.id });
  const agencyA = await agency({
    name: '阜宁县市场监督管理局',
    kind: 'ENFORCEMENT_AGENCY',
    parentId: county.id,
    domains: ['市场监管'],
    documentPrefix: '阜市监',
  });
  const agencyB = await agency({
    name: '盐城市阜宁生态环境局',
    kind: 'ENFORCEMENT_AGENCY',
    parentId: county.id,
    domains: ['生态环境'],
    documentPrefix: '阜环',
  });
  const township = await agency({ name: '益林镇', kind: 'TOWNSHIP', parentId: county.id });

  const person = async (agencyId: number, name: string, roles: Role[], extra: Record<string, unknown> = {}) =>
    row(await p.person.create({ data: { agencyId, name, roles, ...extra } }), 'Person');
  const people = {
    officerA: await person(agencyA.id, '张执法', ['OFFICER'], validCertificate('JS-SJ-0001')),
    adminA: await person(agencyA.id, '李局长', ['AGENCY_ADMIN']),
    auxiliaryA: await person(agencyA.id, '赵辅助', ['AUXILIARY']),
    officerB: await person(agencyB.id, '陈执法', ['OFFICER'], validCertificate('JS-HJ-0001')),
    adminB: await person(agencyB.id, '周局长', ['AGENCY_ADMIN']),
    supervisor: await person(justice.id, '孙监督', ['SUPERVISOR']),
    sysAdmin: await person(county.id, '系统管理员', ['SYSTEM_ADMIN']),
  };

  const ent = await p.enterprise.create({
    data: {
      uscc: completeUscc('91320923MA1N2X3Y4'),
      name: '阜宁县某某食品有限公司',
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县益林镇',
      townshipId: township.id,
      industry: '食品',
      scale: 'SMALL',
      employees: 12,
      creditRiskClass: 'B',
    },
  });
  const enterprise = { ...row(ent, 'Enterprise'), uscc: ent.uscc };

  const tokens = Object.fromEntries(
    Object.entries(people).map(([k, v]) => [k, h.token(`person:${v.id}`)]),
  ) as BaseWorld['tokens'];
  tokens.enterprise = h.token(`enterprise:${enterprise.id}`);
  return { county, justice, agencyA, agencyB, township, people, enterprise, tokens };
}
