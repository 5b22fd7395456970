// Demo soft measures (minimal, for the lists to show something): the county market regulator's officers remind one
// demo enterprise and interview another about a published 市场监管 matter the agency enforces, and give guidance in
// one of its open enterprise cases — written through the same services as the API, so every rule holds. One reminder
// was complied with; the interview's follow-up is overdue (the sweep announces it); the guidance is still due.
import { CASE_SETTINGS, type SeedContext } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { canEnforce } from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import { openCaseFromSoftMeasureInTx, recordSoftMeasureInTx, recordSoftMeasureOutcomeInTx } from './soft-measures.js';

const AGENCY = '阜宁县市场监督管理局';
const DEMO_VIEWER: Viewer = { kind: 'system', name: 'demo-data' };

export async function seedSoftMeasures(ctx: SeedContext): Promise<void> {
  const p = ctx.prisma;
  const agency = await p.agency.findUnique({ where: { name: AGENCY } });
  const grace = ctx.settings.get(CASE_SETTINGS).reviewGraceUntil;
  const officers = agency
    ? (await p.person.findMany({ where: { agencyId: agency.id }, orderBy: { id: 'asc' } })).filter((o) =>
        canEnforce(o, ctx.now, grace),
      )
    : [];
  const matter = agency
    ? (await p.enforcementMatter.findMany({ where: { published: true, domain: { in: agency.domains } } })).find((m) =>
        m.agencyKinds.includes(agency.kind),
      )
    : undefined;
  const enterprises = await p.enterprise.findMany({ orderBy: { id: 'asc' }, take: 6 });
  if (!agency || officers.length === 0 || !matter || enterprises.length < 6)
    return ctx.log('柔性措施：未找到市场监管局的执法人员、事项或企业，跳过 / soft measures: skipped');
  // An open enterprise case with a matter and an assigned officer who may enforce (the measure's officer).
  const enforceable = new Set(officers.map((o) => o.id));
  const candidates = await p.enforcementCase.findMany({
    where: { agencyId: agency.id, enterpriseId: { not: null }, matterId: { not: null }, stage: { not: 'CLOSED' } },
    include: { officers: { select: { personId: true } } },
    orderBy: { id: 'asc' },
    take: 50,
  });
  const openCase = candidates.find((c) => c.officers.some((o) => enforceable.has(o.personId)));
  const today = shanghaiToday(ctx.now);
  const base = {
    matterId: matter.id,
    basis: `${matter.violatedProvision}；县实施方案任务7（提醒、告知、劝阻等柔性执法方式）`,
    caseId: null,
    officerId: officers[0].id,
    participants: [],
  };
  await ctx.work(DEMO_VIEWER, async (uow) => {
    const reminder = await recordSoftMeasureInTx(uow, {
      ...base,
      kind: 'REMINDER',
      enterpriseId: enterprises[0].id,
      content: `提醒：${matter.name}，请于十日内自查整改`,
      documentNumber: '阜市监提〔2026〕1号',
      takenOn: addDays(today, -20),
      followUpOn: addDays(today, -10),
    });
    await recordSoftMeasureOutcomeInTx(uow, reminder.id, { outcome: 'COMPLIED', note: '回访核查，已整改到位' });
    await recordSoftMeasureInTx(uow, {
      ...base,
      kind: 'INTERVIEW',
      enterpriseId: enterprises[1].id,
      content: `约谈：就${matter.name}问题提出整改要求`,
      documentNumber: '阜市监约〔2026〕1号',
      participants: ['法定代表人', '质量负责人'],
      takenOn: addDays(today, -15),
      followUpOn: addDays(today, -5),
    });
    if (openCase)
      await recordSoftMeasureInTx(uow, {
        ...base,
        kind: 'GUIDANCE',
        enterpriseId: null,
        matterId: null,
        caseId: openCase.id,
        officerId: openCase.officers.find((o) => enforceable.has(o.personId))!.personId,
        content: '行政指导：建立自查台账，规范经营',
        documentNumber: null,
        takenOn: today,
        followUpOn: addDays(today, 14),
      });
  });
  // The other kinds, each with its follow-up answered: complied, partly, and not at all — after which the officer
  // opens a case against the same party on the same matter, linked back to the measure.
  const more = [
    {
      kind: 'NOTICE',
      content: `告知：${matter.name}的法定义务及整改要求`,
      doc: '阜市监告〔2026〕3号',
      outcome: 'COMPLIED',
    },
    { kind: 'DISSUASION', content: '劝阻：当场劝阻违规促销行为', doc: null, outcome: 'PARTIAL' },
    {
      kind: 'ADMONITION',
      content: `告诫：${matter.name}，限期改正，逾期将依法处理`,
      doc: '阜市监诫〔2026〕2号',
      outcome: null,
    },
    {
      kind: 'COMMITMENT',
      content: '承诺书：企业承诺三十日内完成整改并报送整改报告',
      doc: '阜市监诺〔2026〕5号',
      outcome: 'NOT_COMPLIED',
    },
  ] as const;
  const officer = officers[0];
  const asOfficer: Viewer = {
    kind: 'person',
    personId: officer.id,
    name: officer.name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    roles: officer.roles,
  };
  let opened = 0;
  for (const [i, m] of more.entries())
    await ctx.work(asOfficer, async (uow) => {
      const sm = await recordSoftMeasureInTx(uow, {
        ...base,
        kind: m.kind,
        enterpriseId: enterprises[2 + i].id,
        content: m.content,
        documentNumber: m.doc,
        takenOn: addDays(today, -40 + i * 5),
        followUpOn: addDays(today, m.outcome === null ? 7 : -30 + i * 5),
      });
      if (m.outcome === null) return;
      await recordSoftMeasureOutcomeInTx(uow, sm.id, {
        outcome: m.outcome,
        note: m.outcome === 'NOT_COMPLIED' ? '回访核查：承诺期满未整改，亦未报送整改报告' : '回访核查整改情况',
      });
      if (m.outcome !== 'NOT_COMPLIED') return;
      await openCaseFromSoftMeasureInTx(uow, sm.id, {
        agencyId: agency.id,
        matterId: matter.id,
        enterpriseId: enterprises[2 + i].id,
        partyDescription: null,
        violationOn: addDays(today, -40 + i * 5),
        facts: `经承诺书督促仍未改正：${matter.name}`,
        procedure: 'GENERAL',
        serious: false,
      });
      opened++;
    });
  ctx.log(
    `柔性措施 / soft measures: ${(openCase ? 3 : 2) + more.length}, ${opened} 件后续立案 case opened after non-compliance`,
  );
}
