// Demo data (county plan task 7), on top of core's demo cases, written through the plugin's own services as the
// people who act: the triggers core's undecided enterprise cases fire (core's demo data is written without the
// plugin's reactions, so they are caught up first), two risks declared by officers, assessments in every state and at
// every level (one revised after a change), two exemptions by agency heads, cases decided through core's decision path
// relying on an approved revision (the plugin's guard runs in these units of work), a follow-up visit, and one
// triggered case in legal review left unassessed, whose decision the guard refuses. Cases are chosen in id order, so
// the data is the same on every machine; a case that core's rules or the plugin's refuse is skipped with a log line.
import { RuleViolation, type SeedContext } from '@zhifa/core';
import { actorOf, type Viewer } from '@zhifa/core/auth';
import { decideCaseInTx, readProposal } from '@zhifa/core/cases';
import type { ImpactExemptionGround, ImpactLevel, Person, Agency } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import {
  approveAssessmentInTx,
  createAssessmentInTx,
  recordFollowUpInTx,
  returnAssessmentInTx,
  reviewAssessmentInTx,
  reviseAssessmentInTx,
  submitAssessmentInTx,
  updateAssessmentInTx,
  type AssessmentContent,
} from './assessments.js';
import { recordExemptionInTx } from './exemptions.js';
import type { Dimension } from './rules/rules-values.js';
import type { MitigationDraft } from './rules/mitigations.js';
import type { DeclaredKind } from './rules/triggers.js';
import { catchUpImpactTriggersInTx, declareImpactRiskInTx, UNDECIDED_STAGES } from './triggers.js';

const SYSTEM: Viewer = { kind: 'system', name: 'demo-data' };
const CATCH_UP_BATCH = 50;
const DAY = 86_400_000;

type Row = [dimension: Dimension, score: number, evidence: string];

/**
 * Scores per level under the default weights (0.20, 0.20, 0.15, 0.10 × 4, 0.05): LOW 0.50, MEDIUM 1.35, HIGH 2.35,
 * SEVERE 3.35 — each well inside its band, so the level holds under the default cut-offs (1, 2, 3).
 */
const PROFILES: Record<ImpactLevel, { rows: Row[]; stoppageDays: number; revenueSharePct: number; jobs: number }> = {
  LOW: {
    stoppageDays: 0,
    revenueSharePct: 1.5,
    jobs: 0,
    rows: [
      ['SURVIVAL', 1, '拟罚款约占企业上年度净利润的 8%，企业账面流动资金可一次足额缴纳，不影响存续'],
      ['OPERATIONS', 1, '整改无需停产，仅调整一条包装线的作业流程，预计影响当月产能约 1.5%'],
      ['EMPLOYMENT', 0, ''],
      ['SUPPLY_CHAIN', 0, ''],
      ['REGIONAL_ECONOMY', 0, ''],
      ['TAX', 0, ''],
      ['CREDIT', 1, '处罚信息将在信用中国（江苏）公示，公示期满可申请信用修复；企业现有授信额度不受影响'],
      ['PUBLIC_OPINION', 0, ''],
    ],
  },
  MEDIUM: {
    stoppageDays: 5,
    revenueSharePct: 6,
    jobs: 12,
    rows: [
      ['SURVIVAL', 2, '拟罚款相当于企业约两个月的经营利润，企业提交的资金说明显示一次性缴纳将占用大部分周转资金'],
      ['OPERATIONS', 2, '整改期间涉事生产线须停线约 5 日，按上年度销售台账测算影响营业收入约 6%'],
      ['EMPLOYMENT', 1, '停线期间 12 名一线员工需轮休，企业承诺照常发放基本工资，无裁员计划'],
      ['SUPPLY_CHAIN', 1, '为县内两家下游企业供应配套件，停线期间可由库存维持约一周供货'],
      ['REGIONAL_ECONOMY', 1, '企业为所在镇规模以上工业企业之一，短期停线对镇级工业产值影响有限'],
      ['TAX', 1, '企业上年度纳税约 86 万元，预计当季增值税入库减少不足 10%'],
      ['CREDIT', 1, '企业在县农商行有 300 万元流动资金贷款，处罚公示后续贷需补充说明材料'],
      ['PUBLIC_OPINION', 0, ''],
    ],
  },
  HIGH: {
    stoppageDays: 20,
    revenueSharePct: 18,
    jobs: 65,
    rows: [
      ['SURVIVAL', 3, '拟处罚金额超过企业上年度净利润，企业财务报表显示货币资金不足以一次缴纳，存在资金链断裂风险'],
      ['OPERATIONS', 3, '涉案设备整改需停产约 20 日，按近三个月订单测算影响营业收入约 18%'],
      ['EMPLOYMENT', 2, '停产涉及 65 名员工，其中本县户籍 48 人，企业拟安排部分员工参加岗位培训'],
      ['SUPPLY_CHAIN', 2, '为县内及盐城市区五家企业提供关键原料，停产期间下游需临时调整采购渠道'],
      ['REGIONAL_ECONOMY', 2, '企业年产值约占所在园区工业产值的 6%，为园区重点培育企业'],
      ['TAX', 2, '企业上年度纳税约 420 万元，预计停产当季税收减少约 20%'],
      ['CREDIT', 2, '企业有银行贷款 1200 万元，其中 500 万元将于三个月内到期，处罚公示可能影响续贷'],
      ['PUBLIC_OPINION', 1, '案件涉及周边居民投诉，本地社交媒体已有零星讨论，尚未形成热点'],
    ],
  },
  SEVERE: {
    stoppageDays: 60,
    revenueSharePct: 45,
    jobs: 210,
    rows: [
      ['SURVIVAL', 4, '拟处罚与停产整改叠加后，企业测算现金流仅能维持约两个月，存在停业倒闭风险'],
      ['OPERATIONS', 4, '主要生产线须停产整改约 60 日，按上年度销售台账测算影响营业收入约 45%'],
      ['EMPLOYMENT', 3, '停产涉及 210 名员工，占企业职工总数的七成，多数为周边乡镇务工人员'],
      ['SUPPLY_CHAIN', 3, '企业为县内汽车零部件产业链的配套核心企业，八家下游企业的交付将受直接影响'],
      ['REGIONAL_ECONOMY', 3, '企业为县级重点企业，年产值约占所在镇工业总产值的 15%'],
      ['TAX', 3, '企业上年度纳税约 1600 万元，为所在镇纳税前五名，停产将明显影响当年税收'],
      ['CREDIT', 3, '企业银行贷款余额约 4800 万元，处罚公示可能触发贷款合同中的提前收贷条款'],
      ['PUBLIC_OPINION', 2, '案件已引起本地媒体关注，员工及家属在网络平台反映停产后的生计问题'],
    ],
  },
};

function content(level: ImpactLevel, summary: string, mitigations: MitigationDraft[]): AssessmentContent {
  const p = PROFILES[level];
  return {
    scores: p.rows.map(([dimension, score, evidence]) => ({ dimension, score, evidence: score ? evidence : null })),
    stoppageDays: p.stoppageDays,
    revenueSharePct: p.revenueSharePct,
    jobsAffected: p.jobs,
    summary,
    mitigations,
  };
}

const guidance = (text = '由执法人员对企业开展合规指导，帮助建立环保与安全生产自查制度'): MitigationDraft => ({
  kind: 'COMPLIANCE_GUIDANCE',
  text,
  instalments: null,
  dueOn: null,
});
const creditRepair: MitigationDraft = {
  kind: 'CREDIT_REPAIR_NOTICE',
  text: '处罚决定书与信用修复告知书同时送达（两书同达），告知企业公示期满后的修复途径',
  instalments: null,
  dueOn: null,
};
const followUp: MitigationDraft = {
  kind: 'FOLLOW_UP_VISIT',
  text: '决定送达后一个月内回访，了解整改进度和生产经营恢复情况',
  instalments: null,
  dueOn: null,
};

type DemoCase = Awaited<ReturnType<typeof undecidedCases>>[number];

function undecidedCases(ctx: SeedContext) {
  return ctx.prisma.enforcementCase.findMany({
    where: { partyKind: 'ENTERPRISE', enterpriseId: { not: null }, stage: { in: [...UNDECIDED_STAGES] } },
    include: {
      officers: { orderBy: { personId: 'asc' }, select: { personId: true } },
      impactTriggers: { select: { kind: true } },
      steps: { where: { kind: { in: ['NOTICE', 'LEGAL_REVIEW'] } }, orderBy: { id: 'asc' } },
    },
    orderBy: { id: 'asc' },
  });
}

const viewerOf = (p: Person & { agency: Agency }): Viewer => ({
  kind: 'person',
  personId: p.id,
  name: p.name,
  agencyId: p.agencyId,
  agencyKind: p.agency.kind,
  roles: p.roles,
});

export async function seedEconomicImpact(ctx: SeedContext): Promise<void> {
  const { prisma, work, log, now } = ctx;
  const written: Record<string, number> = {};
  const count = (what: string) => void (written[what] = (written[what] ?? 0) + 1);

  // Core's demo cases were written without this plugin's reactions: what their facts fire is recorded first.
  let afterId = 0;
  for (;;) {
    const r = await work(SYSTEM, (uow) => catchUpImpactTriggersInTx(uow, { limit: CATCH_UP_BATCH, afterId }), {
      silent: 'a batch of cases whose facts fire nothing records nothing',
    });
    if (r.lastId === null) break;
    afterId = r.lastId;
    written['triggers caught up'] = (written['triggers caught up'] ?? 0) + r.recorded;
  }

  const people = new Map(
    (await prisma.person.findMany({ include: { agency: true }, orderBy: { id: 'asc' } })).map((p) => [p.id, p]),
  );
  const withRole = (agencyId: number, role: 'AGENCY_HEAD' | 'LEGAL_REVIEWER') =>
    [...people.values()].find((p) => p.agencyId === agencyId && p.roles.includes(role));
  /** The case's first officer, its agency's legal reviewer and head: null when demo data lacks one of them. */
  const actors = (c: DemoCase) => {
    const officer = c.officers.map((o) => people.get(o.personId)).find((p) => p !== undefined);
    const reviewer = withRole(c.agencyId, 'LEGAL_REVIEWER');
    const head = withRole(c.agencyId, 'AGENCY_HEAD');
    return officer && reviewer && head
      ? { officer: viewerOf(officer), reviewer: viewerOf(reviewer), head: viewerOf(head) }
      : null;
  };

  let cases = (await undecidedCases(ctx)).filter((c) => actors(c) !== null);
  if (!cases.length)
    return log('经济影响评估演示数据：无涉企在办案件，跳过 / economic impact: no undecided enterprise case');

  // Risks only an officer knows of: on the first two cases under investigation that nothing else triggers.
  const quiet = cases.filter((c) => c.stage === 'INVESTIGATING' && c.impactTriggers.length === 0).slice(0, 2);
  const declarations: [DeclaredKind, string][] = [
    [
      'STOPPAGE_RISK',
      '企业反映：如按拟定方案整改，主要生产线需停产约一个月，已签订的出口订单面临违约，企业已提交订单合同及交货期说明',
    ],
    [
      'PUBLIC_OPINION_RISK',
      '案件线索来自网络举报，相关帖子在本地论坛浏览量已逾两万，企业员工担心停产失业，存在舆情升温风险',
    ],
  ];
  for (const [i, c] of quiet.entries()) {
    const [kind, note] = declarations[i];
    await work(actors(c)!.officer, (uow) => declareImpactRiskInTx(uow, c.id, kind, note));
    count('declarations');
  }

  cases = (await undecidedCases(ctx)).filter((c) => actors(c) !== null && c.impactTriggers.length > 0);
  const today = shanghaiToday(now);
  const proposalOf = (c: DemoCase) => {
    const notice = c.steps.filter((s) => s.kind === 'NOTICE').at(-1);
    return notice ? readProposal(notice) : null;
  };
  const reviewed = (c: DemoCase) => c.steps.some((s) => s.kind === 'LEGAL_REVIEW' && s.outcome === 'APPROVED');
  /** The head decides the notice's penalties, after the legal review (第58条) the demo case passed unless recorded. */
  const decide = (c: DemoCase) => {
    const who = actors(c)!;
    return work(who.head, async (uow) => {
      if (!reviewed(c))
        await uow.tx.caseStep.create({
          data: {
            caseId: c.id,
            kind: 'LEGAL_REVIEW',
            outcome: 'APPROVED',
            on: today,
            note: '演示数据 demo data',
            actor: actorOf(who.reviewer),
          },
        });
      const penalties = (proposalOf(c)?.penalties ?? []).map((p) => ({
        kind: p.kind,
        amountFen: p.amountFen === null ? null : BigInt(p.amountFen),
      }));
      return decideCaseInTx(uow, c.id, { decision: 'PENALTY', penalties });
    });
  };
  // Which cases in legal review core's rules let the head decide now (deadline, 集体讨论 …): the guard's refusal, which
  // comes after core's rules and writes nothing, says so. The last one stays unassessed, its legal review recorded, so
  // that deciding it is refused for the assessment alone (through the API too); the first two are decided on an
  // approved revision.
  const decidable: DemoCase[] = [];
  for (const c of cases.filter((c) => c.stage === 'LEGAL_REVIEW' && proposalOf(c) !== null)) {
    try {
      await decide(c);
      throw new Error(`economic impact demo: ${c.number} was decided without its assessment`);
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      if (err.rule === 'IMPACT_ASSESSMENT_REQUIRED') decidable.push(c);
    }
  }
  const unassessed = decidable.length >= 2 ? decidable.at(-1) : undefined;
  const toDecide = decidable.slice(0, 2).filter((c) => c !== unassessed);
  if (unassessed && !reviewed(unassessed)) {
    const reviewer = actors(unassessed)!.reviewer;
    await work(
      reviewer,
      (uow) =>
        uow.tx.caseStep.create({
          data: {
            caseId: unassessed.id,
            kind: 'LEGAL_REVIEW',
            outcome: 'APPROVED',
            on: today,
            note: '演示数据 demo data',
            actor: actorOf(reviewer),
          },
        }),
      { silent: 'the legal review the demo case passed, demo data as core writes its steps' },
    );
  }
  const used = new Set([unassessed?.id, ...toDecide.map((c) => c.id)]);
  const pool = cases.filter((c) => !used.has(c.id));
  const take = (prefer: (c: DemoCase) => boolean = () => true) => {
    const c = pool.find(prefer) ?? pool[0];
    if (c) pool.splice(pool.indexOf(c), 1);
    return c;
  };

  /** Draft by the officer, then as far as `until`: each step in its own unit of work, by whom it falls to. */
  const assess = async (
    c: DemoCase,
    until: 'DRAFT' | 'SUBMITTED' | 'REVIEWED' | 'RETURNED' | 'APPROVED',
    body: AssessmentContent,
  ) => {
    const who = actors(c)!;
    const a = await work(who.officer, (uow) => createAssessmentInTx(uow, c.id, body));
    if (until === 'DRAFT') return a.id;
    await work(who.officer, (uow) => submitAssessmentInTx(uow, a.id));
    if (until === 'RETURNED') {
      await work(who.reviewer, (uow) =>
        returnAssessmentInTx(
          uow,
          a.id,
          '生产经营维度的停产天数与企业提交的整改方案不一致，请核实后补充订单、用工等证明材料再行提交',
        ),
      );
      return a.id;
    }
    if (until === 'SUBMITTED') return a.id;
    await work(who.reviewer, (uow) =>
      reviewAssessmentInTx(uow, a.id, '评估依据充分，减缓措施在法定范围内，同意提请负责人批准'),
    );
    if (until === 'REVIEWED') return a.id;
    await work(who.head, (uow) => approveAssessmentInTx(uow, a.id));
    return a.id;
  };
  const finesProposed = (c: DemoCase) =>
    (proposalOf(c)?.penalties ?? []).some((p) => p.kind === 'FINE' && p.amountFen !== null);
  const instalments = (n: number, months: number): MitigationDraft => ({
    kind: 'INSTALMENT',
    text: `企业提交了近三个月财务报表和银行流水，确有经济困难，同意罚款分 ${n} 期缴纳`,
    instalments: n,
    dueOn: new Date(today.getTime() + months * 30 * DAY),
  });
  const deferral = (months: number): MitigationDraft => ({
    kind: 'DEFERRAL',
    text: '企业应收账款集中在下季度回笼，确有经济困难，同意罚款延期缴纳',
    instalments: null,
    dueOn: new Date(today.getTime() + months * 30 * DAY),
  });
  const safely = async (what: string, c: DemoCase, fn: () => Promise<unknown>) => {
    try {
      await fn();
      return true;
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      log(`经济影响评估演示数据：${c.number} ${what}未写入 / economic impact demo: ${what} skipped: ${err.messageEn}`);
      return false;
    }
  };

  // Decided relying on an approved revision: legal review passed, the notice's penalties decided by the head.
  for (const [i, c] of toDecide.entries()) {
    const level: ImpactLevel = i === 0 ? 'MEDIUM' : 'HIGH';
    const payment = i === 0 ? instalments(6, 6) : deferral(3);
    const mitigations = finesProposed(c) ? [payment, creditRepair, followUp] : [creditRepair, followUp];
    const ok = await safely('评估', c, () =>
      assess(
        c,
        'APPROVED',
        content(level, '综合评估后建议在裁量范围内依法处罚，准许分期或延期缴纳罚款并开展回访', mitigations),
      ),
    );
    if (!ok) continue;
    count(`approved ${level}`);
    const who = actors(c)!;
    const decided = await safely('决定', c, () => decide(c));
    if (!decided) continue;
    count('decided');
    if (i === 0) {
      await work(who.officer, (uow) =>
        recordFollowUpInTx(uow, c.id, {
          visitedOn: today,
          findings:
            '送达决定书时同步回访：企业已制定整改计划并按期缴纳第一期罚款，生产线正常运转，未出现减员；已告知信用修复途径',
        }),
      );
      count('follow-ups');
    }
  }

  // Exemptions by the agency head: a production measure on a safety hazard, and counterfeit goods.
  const exemptions: [ImpactExemptionGround, (c: DemoCase) => boolean, string][] = [
    [
      'MAJOR_RISK',
      (c) => c.impactTriggers.some((t) => t.kind === 'PRODUCTION_MEASURE'),
      '现场检查发现涉案设备存在重大安全风险隐患，继续使用可能引发生产安全事故，依法先行查封，不作经济影响评估',
    ],
    [
      'COUNTERFEIT',
      (c) => c.number.includes('市监'),
      '经鉴定涉案商品系假冒注册商标商品，属制假售假行为，依照方案不纳入经济影响评估范围',
    ],
  ];
  for (const [ground, prefer, reason] of exemptions) {
    const c = take(prefer);
    if (!c) break;
    if (
      await safely('免于评估', c, () =>
        work(actors(c)!.head, (uow) => recordExemptionInTx(uow, c.id, { ground, reason })),
      )
    )
      count('exemptions');
  }

  // The other levels, approved.
  for (const level of ['SEVERE', 'LOW'] as const) {
    const c = take();
    if (!c) break;
    const mitigations =
      level === 'SEVERE'
        ? [
            ...(finesProposed(c) ? [instalments(12, 11)] : []),
            guidance('县工信部门与执法单位联合开展合规指导，协助企业制定分步整改方案，整改期间优先保障在手订单交付'),
            followUp,
          ]
        : [guidance()];
    const summary =
      level === 'SEVERE'
        ? '影响重大：建议处罚决定与整改帮扶同步实施，报县政府协调产业链和用工保障'
        : '影响较小：依法处罚，辅以合规指导';
    if (await safely('评估', c, () => assess(c, 'APPROVED', content(level, summary, mitigations))))
      count(`approved ${level}`);
  }

  // Revised: revision 1 approved at MEDIUM; the firm's cancelled orders then show a longer stoppage; revision 2 at HIGH.
  const revised = take();
  if (revised) {
    const who = actors(revised)!;
    const ok = await safely('修订评估', revised, async () => {
      const first = await assess(
        revised,
        'APPROVED',
        content('MEDIUM', '影响一般：依法处罚，辅以合规指导', [guidance(), creditRepair]),
      );
      const second = await work(who.officer, (uow) => reviseAssessmentInTx(uow, first));
      await work(who.officer, (uow) =>
        updateAssessmentInTx(
          uow,
          second.id,
          content('HIGH', '企业补充提交两份被取消的订单合同，停产影响大于首次评估，重新评估为较大影响', [
            guidance(),
            creditRepair,
            followUp,
          ]),
        ),
      );
      await work(who.officer, (uow) => submitAssessmentInTx(uow, second.id));
      await work(who.reviewer, (uow) =>
        reviewAssessmentInTx(uow, second.id, '补充材料属实，同意按修订后的评估提请批准'),
      );
      await work(who.head, (uow) => approveAssessmentInTx(uow, second.id));
    });
    if (ok) count('revised');
  }

  // Open revisions, one in each state.
  for (const state of ['DRAFT', 'SUBMITTED', 'REVIEWED', 'RETURNED'] as const) {
    const c = take();
    if (!c) break;
    if (
      await safely('评估', c, () =>
        assess(c, state, content('MEDIUM', '初步评估：影响一般，拟建议依法处罚并开展合规指导', [guidance()])),
      )
    )
      count(state);
  }

  log(
    `经济影响评估演示数据 / economic impact demo data: ${Object.entries(written)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}${unassessed ? `; ${unassessed.number} 待评估 awaits its assessment` : ''}`,
  );
}
