// Shared set-up for the inspections tests: the base world with both enforcement agencies qualified to inspect
// (行政检查主体资格, task 5), a second officer and a head (AGENCY_HEAD) in each, a 特邀行政执法监督员, a second
// enterprise, a matter per agency, a published inspection item and an approved scheme per agency. Written straight
// to the database, so a slice's tests do not depend on another slice's mutations. `insertFiling` / `insertVisit`
// write set-up rows the same way (a test of the service under test goes through `h.gql`).
import {
  createBaseWorld,
  createHarness,
  createMatter,
  gid,
  validCertificate,
  type BaseWorld,
  type Harness,
  type HarnessOptions,
  type Row,
} from '@zhifa/testkit';
import type { Db, PersonRole } from '@zhifa/core/prisma';
import { completeUscc } from '@zhifa/core/rules';
import { inspectionsPlugin } from '../src/index.js';

export const INSPECTION_ERR = `__typename ... on Error { code message messageEn } ... on RuleViolation { rule }
  ... on ValidationError { issues { path message messageEn } }`;

type Person = Row & { token: string };

export interface InspectionWorld extends BaseWorld {
  h: Harness;
  officerA2: Person;
  officerB2: Person;
  headA: Person;
  headB: Person;
  /** 特邀行政执法监督员 of the justice bureau (SPECIAL_SUPERVISOR). */
  specialSupervisor: Person;
  /** A second enterprise, class D (drawn most), not in the township. */
  enterprise2: Row;
  matterA: { id: number; gid: string; code: string };
  matterB: { id: number; gid: string; code: string };
  /** Published items: A's on matterA (domain 市场监管), B's on matterB (生态环境). */
  itemA: { id: number; gid: string };
  itemB: { id: number; gid: string };
  /** Approved schemes covering itemA / itemB. */
  schemeA: { id: number; gid: string };
  schemeB: { id: number; gid: string };
}

let seq = 0;

export async function createInspectionWorld(
  opts: Pick<HarnessOptions, 'clock' | 'settings'> = {},
): Promise<InspectionWorld> {
  const h = await createHarness({ plugins: [inspectionsPlugin], ...opts });
  const base = await createBaseWorld(h);
  const p = h.db.prisma;
  const now = opts.clock?.() ?? new Date();
  for (const a of [base.agencyA, base.agencyB])
    await p.agency.update({ where: { id: a.id }, data: { inspectionQualifiedOn: new Date('2025-03-31') } });
  const person = async (agencyId: number, name: string, roles: PersonRole[], cert: boolean): Promise<Person> => {
    const r = await p.person.create({
      data: { agencyId, name, roles, ...(cert ? validCertificate(`INSP-${process.pid}-${++seq}`, now) : {}) },
    });
    return { id: r.id, gid: gid('Person', r.id), name: r.name, token: h.token(`person:${r.id}`) };
  };
  const officerA2 = await person(base.agencyA.id, '甲局执法员二', ['OFFICER'], true);
  const officerB2 = await person(base.agencyB.id, '乙局执法员二', ['OFFICER'], true);
  const headA = await person(base.agencyA.id, '甲局局长', ['AGENCY_HEAD'], false);
  const headB = await person(base.agencyB.id, '乙局局长', ['AGENCY_HEAD'], false);
  const specialSupervisor = await person(base.justice.id, '特邀监督员', ['SPECIAL_SUPERVISOR'], false);
  const e2 = await p.enterprise.create({
    data: {
      uscc: completeUscc(
        `91320923MA${String(process.pid * 10 + ++seq)
          .padStart(7, '0')
          .slice(-7)}`,
      ),
      name: '阜宁县某某化工有限公司',
      kind: 'COMPANY',
      legalRepresentative: '钱某',
      address: '阜宁县经济开发区',
      industry: '化工',
      scale: 'MEDIUM',
      employees: 80,
      creditRiskClass: 'D',
    },
  });
  const mA = await createMatter(p, { domain: '市场监管' });
  const mB = await createMatter(p, { domain: '生态环境', agencyKinds: ['ENFORCEMENT_AGENCY'] });
  const item = async (agencyId: number, matterId: number, domain: string, name: string) => {
    const i = await p.inspectionItem.create({
      data: {
        agencyId,
        name,
        basis:
          domain === '市场监管' ? '《市场主体登记管理条例》第三十六条' : '《中华人民共和国大气污染防治法》第二十九条',
        domain,
        year: now.getUTCFullYear(),
        publishedAt: new Date(Date.UTC(now.getUTCFullYear(), 3, 1)),
        publishedBy: 'system:test',
        createdBy: 'system:test',
        createdAt: new Date(Date.UTC(now.getUTCFullYear(), 2, 1)),
        matters: { create: [{ matterId }] },
      },
    });
    return { id: i.id, gid: gid('InspectionItem', i.id) };
  };
  const itemA = await item(base.agencyA.id, mA.id, '市场监管', '营业执照公示情况检查');
  const itemB = await item(base.agencyB.id, mB.id, '生态环境', '大气污染防治设施运行情况检查');
  const scheme = async (agencyId: number, itemId: number, head: Person) => {
    const s = await p.inspectionScheme.create({
      data: {
        agencyId,
        title: '年度检查方案',
        content: '按年度计划开展现场检查',
        status: 'APPROVED',
        requestedBy: 'system:test',
        requestedAt: new Date(Date.UTC(now.getUTCFullYear(), 3, 2)),
        decidedBy: `person:${head.id}`,
        decidedAt: new Date(Date.UTC(now.getUTCFullYear(), 3, 3)),
        items: { create: [{ itemId }] },
      },
    });
    return { id: s.id, gid: gid('InspectionScheme', s.id) };
  };
  return {
    ...base,
    h,
    officerA2,
    officerB2,
    headA,
    headB,
    specialSupervisor,
    enterprise2: { id: e2.id, gid: gid('Enterprise', e2.id), name: e2.name },
    matterA: { id: mA.id, gid: gid('EnforcementMatter', mA.id), code: mA.code },
    matterB: { id: mB.id, gid: gid('EnforcementMatter', mB.id), code: mB.code },
    itemA,
    itemB,
    schemeA: await scheme(base.agencyA.id, itemA.id, headA),
    schemeB: await scheme(base.agencyB.id, itemB.id, headB),
  };
}

export interface FilingRow {
  agencyId: number;
  enterpriseId: number;
  schemeId: number;
  itemIds: number[];
  officerIds: number[];
  plannedFrom: Date;
  plannedTo: Date;
  notice?: 'AGREED' | 'SURPRISE';
  jointInspectionId?: number | null;
}

/** A filing written straight to the database (set-up only). */
export async function insertFiling(w: InspectionWorld, f: FilingRow) {
  return w.h.db.prisma.inspectionFiling.create({
    data: {
      agencyId: f.agencyId,
      enterpriseId: f.enterpriseId,
      schemeId: f.schemeId,
      plannedFrom: f.plannedFrom,
      plannedTo: f.plannedTo,
      notice: f.notice ?? 'AGREED',
      noticeNote: f.notice === 'SURPRISE' ? '群众举报，需突击检查' : '已与企业负责人电话商定时间',
      jointInspectionId: f.jointInspectionId ?? null,
      filedBy: 'system:test',
      filedAt: new Date(f.plannedFrom.getTime() - 86_400_000),
      items: { create: f.itemIds.map((itemId) => ({ itemId })) },
      officers: { create: f.officerIds.map((personId) => ({ personId })) },
    },
  });
}

export interface VisitRow {
  agencyId: number;
  enterpriseId: number;
  visitedAt: Date;
  itemIds: number[];
  officerIds: number[];
  filingId?: number | null;
  jointInspectionId?: number | null;
}

/**
 * A visit written straight to the database (set-up only): what the visit service writes, without its checks; `db`
 * is a transaction when the test reproduces the service's unit of work (the warnings' tests).
 */
export async function insertVisit(w: InspectionWorld, v: VisitRow, db: Db = w.h.db.prisma) {
  return db.inspectionVisit.create({
    data: {
      agencyId: v.agencyId,
      enterpriseId: v.enterpriseId,
      filingId: v.filingId ?? null,
      jointInspectionId: v.jointInspectionId ?? null,
      visitedAt: v.visitedAt,
      codeKeyId: 'test',
      recordedBy: 'system:test',
      recordedAt: v.visitedAt,
      officers: { create: v.officerIds.map((personId) => ({ personId })) },
      items: {
        create: v.itemIds.map((itemId) => ({
          itemId,
          agencyId: v.agencyId,
          enterpriseId: v.enterpriseId,
          visitedAt: v.visitedAt,
        })),
      },
    },
  });
}
