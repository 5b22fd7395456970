// Shared set-up for the no-compulsory guard's tests: a published NO_COMPULSORY list naming a matter and a measure
// kind, an investigating case of that matter with two assigned enforceable officers, and core's measure mutations.
import { expect } from 'vitest';
import { gid, validCertificate, type GqlJson } from '@zhifa/testkit';
import { ERR, type World } from './fixtures.js';

export interface MeasureWorld extends World {
  officerA2: number;
  /** 行政机关负责人 of agency A, who approves measures (第18条第(一)项). */
  headA: { id: number; token: string };
}

export async function withSecondOfficer(w: World): Promise<MeasureWorld> {
  const officerA2 = (
    await w.h.db.prisma.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '甲局执法员二',
        roles: ['OFFICER'],
        ...validCertificate(`FM-${process.pid}`),
      },
    })
  ).id;
  const head = await w.h.db.prisma.person.create({
    data: { agencyId: w.agencyA.id, name: '甲局负责人', roles: ['AGENCY_HEAD'] },
  });
  return { ...w, officerA2, headA: { id: head.id, token: w.h.token(`person:${head.id}`) } };
}

let seq = 0;

export async function noCompulsoryList(
  w: World,
  matterCode: string,
  opts: { status?: 'PUBLISHED' | 'DRAFT'; validUntil?: Date; measureKind?: string; agencyId?: number } = {},
) {
  const p = w.h.db.prisma;
  const status = opts.status ?? 'PUBLISHED';
  const series = await p.listSeries.create({ data: { kind: 'NO_COMPULSORY' } });
  const list = await p.enforcementList.create({
    data: {
      kind: 'NO_COMPULSORY',
      seriesId: series.id,
      version: 1,
      title: `不予实施行政强制措施测试清单${++seq}`,
      domain: '市场监管',
      agencyId: opts.agencyId ?? w.agencyA.id,
      status,
      publishedAt: status === 'DRAFT' ? null : new Date('2025-01-01T00:00:00Z'),
      validFrom: new Date('2025-01-01T00:00:00Z'),
      validUntil: opts.validUntil ?? null,
    },
  });
  const item = await p.listItem.create({
    data: {
      listId: list.id,
      seq: 1,
      domain: '市场监管',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '情节显著轻微的',
      attributes: {
        matterCode,
        exclusions: null,
        measureKind: opts.measureKind ?? 'SEAL_UP',
        measureTarget: null,
        measureProvision: '某法',
      },
    },
  });
  return { list, item };
}

export async function investigatingCase(w: MeasureWorld, matterId: number, enterpriseId = w.enterprise.id) {
  const c = await w.h.db.prisma.enforcementCase.create({
    data: {
      number: `柔强测〔2026〕${process.pid}-${++seq}号`,
      agencyId: w.agencyA.id,
      partyKind: 'ENTERPRISE',
      enterpriseId,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage: 'INVESTIGATING',
      procedure: 'GENERAL',
      matterId,
      officers: { create: [{ personId: w.people.officerA.id }, { personId: w.officerA2 }] },
    },
  });
  return c.id;
}

/** core's recordCompulsoryMeasure as the case's officer; the typed result (or success with the measure's id). */
export async function recordMeasure(w: MeasureWorld, caseId: number, input: Record<string, unknown>): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($c: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $c, input: $input) { __typename ${ERR}
      ... on MutationRecordCompulsoryMeasureSuccess { data { id status } } } }`,
    {
      c: gid('EnforcementCase', caseId),
      input: {
        kind: 'SEAL_UP',
        object: '经营场所',
        officerIds: [gid('Person', w.people.officerA.id), gid('Person', w.officerA2)],
        ...input,
      },
    },
    w.tokens.officerA,
  );
  expect(res.errors).toBeUndefined();
  return res.data.recordCompulsoryMeasure;
}

/** core's approveCompulsoryMeasure (the agency head by default). */
export async function approveMeasure(
  w: MeasureWorld,
  measureId: string,
  approve: boolean,
  token = w.headA.token,
): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($m: ID!, $a: Boolean!, $r: String) { approveCompulsoryMeasure(measureId: $m, approve: $a, reason: $r) {
      __typename ${ERR} ... on MutationApproveCompulsoryMeasureSuccess { data { id status approvedAt } } } }`,
    { m: measureId, a: approve, r: approve ? null : '理由不足，不予批准' },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data.approveCompulsoryMeasure;
}

export async function waive(
  w: World,
  caseId: number,
  measureKind = 'SEAL_UP',
  note = '情节显著轻微，当事人已当场改正，依清单不予查封',
  token: string | null = w.tokens.officerA,
): Promise<GqlJson> {
  const res = await w.h.gql(
    `mutation($c: ID!, $k: WaivableMeasureKind!, $n: String!) { waiveCompulsoryMeasure(caseId: $c, measureKind: $k, note: $n) {
      __typename ${ERR} ... on MutationWaiveCompulsoryMeasureSuccess { data { id outcome measureKind note listVersion
        item { id seq } measure { id } recordedBy } } } }`,
    { c: gid('EnforcementCase', caseId), k: measureKind, n: note },
    token ?? undefined,
  );
  if (res.errors) return { __typename: 'TopLevel', code: res.errors[0].extensions?.code, errors: res.errors };
  return res.data.waiveCompulsoryMeasure;
}

/** The MEASURE_CHECK_RECORDED events of a case, oldest first. */
export async function checkEvents(w: World, caseId: number) {
  const events = await w.h.db.prisma.event.findMany({
    where: { topic: 'flexibleEnforcement.measureCheckRecorded', caseId },
    orderBy: { id: 'asc' },
  });
  return events.map((e) => e.payload as { outcome: string; approved: boolean; checkId: number });
}
