// The no-compulsory-measure guard through core's recordCompulsoryMeasure (行政强制法 第16条第2款): a measure of
// the kind a published, in-force NO_COMPULSORY item names for the case's matter needs a written justification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, gid, rowCounts, validCertificate } from '@zhifa/testkit';
import { ERR, createWorld, type World } from './fixtures.js';

let w: World;
let officerA2: number;
beforeAll(async () => {
  w = await createWorld();
  officerA2 = (
    await w.h.db.prisma.person.create({
      data: {
        agencyId: w.agencyA.id,
        name: '甲局执法员二',
        roles: ['OFFICER'],
        ...validCertificate(`FM-${process.pid}`),
      },
    })
  ).id;
});
afterAll(() => w?.h.close());

let seq = 0;
async function noCompulsoryList(matterCode: string, opts: { status?: 'PUBLISHED' | 'DRAFT'; validUntil?: Date } = {}) {
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
      agencyId: w.agencyA.id,
      status,
      publishedAt: status === 'DRAFT' ? null : new Date('2025-01-01T00:00:00Z'),
      validFrom: new Date('2025-01-01T00:00:00Z'),
      validUntil: opts.validUntil ?? null,
    },
  });
  await p.listItem.create({
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
        measureKind: 'SEAL_UP',
        measureTarget: null,
        measureProvision: '某法',
      },
    },
  });
}

async function investigatingCase(matterId: number) {
  const c = await w.h.db.prisma.enforcementCase.create({
    data: {
      number: `柔强测〔2026〕${process.pid}-${++seq}号`,
      agencyId: w.agencyA.id,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.id,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      stage: 'INVESTIGATING',
      procedure: 'GENERAL',
      matterId,
      officers: { create: [{ personId: w.people.officerA.id }, { personId: officerA2 }] },
    },
  });
  return c.id;
}

async function record(caseId: number, input: Record<string, unknown>) {
  const res = await w.h.gql(
    `mutation($c: ID!, $input: CompulsoryMeasureInput!) { recordCompulsoryMeasure(caseId: $c, input: $input) { __typename ${ERR}
      ... on MutationRecordCompulsoryMeasureSuccess { data { id status } } } }`,
    {
      c: gid('EnforcementCase', caseId),
      input: {
        kind: 'SEAL_UP',
        object: '经营场所',
        officerIds: [gid('Person', w.people.officerA.id), gid('Person', officerA2)],
        ...input,
      },
    },
    w.tokens.officerA,
  );
  expect(res.errors).toBeUndefined();
  return res.data.recordCompulsoryMeasure;
}

describe('a measure a published NO_COMPULSORY item waives', () => {
  it('is refused without a written justification, naming 第16条第2款, and writes nothing', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    const c = await investigatingCase(matter.id);
    const before = await rowCounts(w.h.db.prisma);
    const refused = await record(c, {});
    expect(refused).toMatchObject({ __typename: 'RuleViolation', rule: 'FLEXIBLE_MEASURE_JUSTIFICATION_REQUIRED' });
    expect(refused.message).toContain('第16条第2款');
    // A blank one is refused by core's input hygiene before the guard.
    expect((await record(c, { justification: '   ' })).__typename).toBe('ValidationError');
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('with a justification is recorded, and the check (JUSTIFIED) is tied to the measure', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    const c = await investigatingCase(matter.id);
    const done = await record(c, { justification: '当事人拒不停止销售，存在转移证据风险' });
    expect(done.__typename, JSON.stringify(done)).toBe('MutationRecordCompulsoryMeasureSuccess');
    const checks = await w.h.db.prisma.compulsoryMeasureCheck.findMany({ where: { caseId: c } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      outcome: 'JUSTIFIED',
      measureKind: 'SEAL_UP',
      justification: '当事人拒不停止销售，存在转移证据风险',
      measureId: Number(Buffer.from(done.data.id, 'base64').toString().split(':')[1]),
    });
  });
});

describe('what the guard leaves alone', () => {
  it('another measure kind, a draft list, a list no longer in force, another matter: no justification needed', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    expect((await record(await investigatingCase(matter.id), { kind: 'SEIZURE' })).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const drafted = await createMatter(w.h.db.prisma);
    await noCompulsoryList(drafted.code, { status: 'DRAFT' });
    expect((await record(await investigatingCase(drafted.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const lapsed = await createMatter(w.h.db.prisma);
    await noCompulsoryList(lapsed.code, { validUntil: new Date('2025-06-30T00:00:00Z') });
    expect((await record(await investigatingCase(lapsed.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const other = await createMatter(w.h.db.prisma);
    expect((await record(await investigatingCase(other.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
  });
});
