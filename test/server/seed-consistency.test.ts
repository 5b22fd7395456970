// The demo data is legally consistent: it is generated as start-up generates it, then every demo case's
// record is replayed, in order, through the rule entry points the services call — opening (limitation,
// matter, officers), each stage move, each procedure step with the procedure state built by the services'
// own builder (stepFacts → procedureState), the decision with the facts built by the decision path's own
// builder (decisionFactsOf) and judged by its own rules (decisionRuleRefusal, assertMayDecide), and each
// compulsory measure's lifecycle (record, approval, taking, extension, release, closing). A rule added to
// any of these functions applies to the demo data at once. Then what the issue names besides: parties whose
// trade fits the violation, no TIME_BARRED inside the limitation, hearings 7 days after their notice, no
// 轻微 for deliberate evasion, unapproved measures without a served notice.
//
// The step rules are called as cases/steps.ts calls them (one `switch` over every step kind, so a new kind
// does not compile until it is replayed here); the decision and its facts through the very functions
// cases/decide.ts uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_SETTINGS, PluginSettings } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import {
  agencyMayEnforce,
  assertMayDecide,
  decideCaseInput,
  DECISION_FACTS_SELECT,
  decisionFactsOf,
  decisionRuleRefusal,
  proposalIssues,
  readProposal,
  stepFacts,
} from '@zhifa/core/cases';
import type { CaseStage, CaseStep, CompulsoryMeasure, PrismaClient } from '@zhifa/core/prisma';
import {
  approvalRefusal,
  assignmentRefusal,
  caseLimitationYears,
  conversionRefusal,
  checkOfficers,
  deadlineExtensionRefusal,
  decisionInputIssues,
  discussionRefusal,
  emergencyApprovalRefusal,
  emergencyReportRefusal,
  measureExtensionRefusal,
  freezeRefusal,
  hearingNoticeRefusal,
  hearingRefusal,
  hearingRequestRefusal,
  investigationRefusal,
  isApprovalLapsed,
  legalReviewRefusal,
  limitationRefusal,
  measureDueOn,
  measureInputIssues,
  measureOfficersRefusal,
  measureRefusal,
  measuresOpenRefusal,
  measureTakingRefusal,
  noticeRefusal,
  noticeServedOnIssue,
  onSiteRecordRefusal,
  onSiteRefusal,
  presidingOfficerRefusal,
  procedureState,
  releaseDateIssue,
  releaseRefusal,
  reviewGateRefusal,
  serviceRefusal,
  statementRefusal,
  stepDateIssue,
  suspensionRefusal,
  takingRecordRefusal,
  transitionRefusal,
  violationInFuture,
  type RuleRefusal,
} from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import { openDatabase, type Database } from '@zhifa/server';
import { freshDatabaseTarget } from '@zhifa/testkit';
import { seedDemoData } from '../../packages/server/src/seed/index.js';
import { HEARING_NOTICE_DAYS } from '../../packages/server/src/seed/case-timeline.js';
import {
  demoMatters,
  ENFORCEMENT_AGENCIES,
  NON_MARKET_INDUSTRIES,
  noPenaltyGroundsOf,
  partyFits,
  type Violation,
} from '../../packages/server/src/seed/names.js';

const settings = new PluginSettings().get(CASE_SETTINGS); // what the seed and start-up run with
const now = new Date();
const today = shanghaiToday(now);
let db: Database;
let drop: () => Promise<void>;
let prisma: PrismaClient;

beforeAll(async () => {
  const fresh = await freshDatabaseTarget();
  drop = fresh.drop;
  db = await openDatabase(fresh.target);
  prisma = db.prisma;
  await seedDemoData(prisma, { now });
});
afterAll(async () => {
  await db?.close();
  await drop?.();
});

const ymd = (d: Date) => d.toISOString().slice(0, 10);
/** A Shanghai day at `hour` o'clock local time, not after now. */
const atHour = (day: Date, hour: number) => new Date(Math.min(day.getTime() + (hour - 8) * 3_600_000, now.getTime()));

async function loadCases() {
  return prisma.enforcementCase.findMany({
    orderBy: { id: 'asc' },
    include: {
      ...DECISION_FACTS_SELECT,
      officers: { include: { person: true }, orderBy: { personId: 'asc' } },
      penalties: { orderBy: { id: 'asc' } },
      compulsoryMeasures: { orderBy: { takenAt: 'asc' } },
    },
  });
}
type DemoCase = Awaited<ReturnType<typeof loadCases>>[number];

/** The violation spec (names.ts) of each published matter code. */
const specOf = new Map(
  demoMatters()
    .filter((m) => m.violationIndex >= 0)
    .map((m) => [m.code, ENFORCEMENT_AGENCIES[m.agencyIndex].violations[m.violationIndex]] as const),
);

/**
 * Replays one case; returns its problems ("<number> <what>: <rule>"). `people` are the agency's staff.
 * Times: a step acts at its `recordedAt`; the decision at `decidedAt`; a measure is recorded when taken.
 */
function replayCase(c: DemoCase, people: Map<number, DemoCase['officers'][number]['person']>): string[] {
  const problems: string[] = [];
  const where = (what: string) => `${c.number} (${c.stage}) ${what}`;
  const check = (what: string, r: RuleRefusal | null | undefined) => {
    if (r) problems.push(`${where(what)}: ${r.rule} — ${r.message.en}`);
  };
  const registeredOn = shanghaiToday(c.registeredAt);
  const matter = c.matter!;

  // 立案 (open.ts): a published matter of the agency, within the limitation, not in the future.
  if (!matter.published) problems.push(where('open: matter not published'));
  if (!agencyMayEnforce(c.agency, matter)) problems.push(where('open: MATTER_NOT_OF_AGENCY'));
  check('open', limitationRefusal(c.violationOn!, caseLimitationYears(c), c.discoveredOn ?? registeredOn));
  if (violationInFuture(c.violationOn!, c.registeredAt)) problems.push(where('open: violation in the future'));
  // 承办 (officers.ts): two officers able to enforce, of the agency.
  const assigned = c.officers.map((o) => o.person);
  check(
    'assign',
    assignmentRefusal(
      checkOfficers(
        assigned.map((p) => p.id),
        assigned,
        c.agencyId,
        c.registeredAt,
        settings.reviewGraceUntil,
      ),
    ),
  );

  // The stage, moved as advance.ts / steps.ts / decide.ts move it.
  let stage = 'REGISTERED' as CaseStage;
  const move = (to: CaseStage, via: 'advance' | 'review' | 'decide', at: Date, served = false) => {
    check(
      `${stage} → ${to}`,
      transitionRefusal({ from: stage, to, decision: c.decision, via, procedure: c.procedure, served }),
    );
    if (via === 'advance' && to === 'INVESTIGATING')
      check('investigate', investigationRefusal(assigned, at, settings.reviewGraceUntil));
    stage = to;
  };
  if (c.procedure === 'GENERAL' && c.stage !== 'REGISTERED') move('INVESTIGATING', 'advance', c.registeredAt);

  const recorded: CaseStep[] = [];
  const state = () => procedureState(recorded.map(stepFacts));
  let decided = false;
  const decide = () => {
    if (decided || !c.decision) return;
    decided = true;
    // The case as it stood, and the steps recorded before the decision: the value decideCaseInTx judges.
    const asItStood = { ...c, stage, decision: null, decisionNumber: null, decidedBy: null, decidedAt: null };
    const facts = decisionFactsOf(asItStood, { ...c, steps: [...recorded] }, settings, c.decidedAt!);
    const input = decideCaseInput({ ...c, decision: c.decision, reason: c.decisionReason, penalties: c.penalties });
    for (const i of decisionInputIssues(input)) problems.push(where(`decision ${i.path.join('.')}: ${i.message.en}`));
    check('decision', decisionRuleRefusal(input, facts, settings.discretionBands));
    const decider = people.get(Number(c.decidedBy?.replace('person:', '')));
    if (!decider) problems.push(where(`decision by ${c.decidedBy}: no such person`));
    else {
      const viewer: Viewer = {
        kind: 'person',
        personId: decider.id,
        name: decider.name,
        agencyId: decider.agencyId,
        agencyKind: c.agency.kind,
        roles: decider.roles,
      };
      try {
        assertMayDecide(viewer, facts, new PluginSettings());
      } catch (e) {
        problems.push(where(`decision by ${c.decidedBy}: ${(e as Error).message}`));
      }
    }
    stage = 'DECIDED';
  };

  for (const step of c.steps) {
    const s = state();
    const what = `${step.kind} ${ymd(step.on)}`;
    const dateIssue = stepDateIssue(step.on, shanghaiToday(step.recordedAt), registeredOn);
    if (dateIssue) problems.push(where(`${what}: ${dateIssue.en}`));
    switch (step.kind) {
      case 'NOTICE': {
        const facts = stepFacts(step);
        const penalties = 'penalties' in facts ? facts.penalties : [];
        for (const i of proposalIssues(penalties)) problems.push(where(`${what}: ${i.messageEn}`));
        const proposal = readProposal(step);
        check(
          what,
          noticeRefusal({
            stage,
            state: s,
            penalties,
            newFacts: step.newFacts,
            matter,
            illegalGainsFen: proposal?.illegalGainsFen ? BigInt(proposal.illegalGainsFen) : null,
            mitigatingCircumstance: proposal?.mitigatingCircumstance ?? null,
          }),
        );
        break;
      }
      case 'STATEMENT':
        check(what, statementRefusal(stage, s, step.on));
        break;
      case 'HEARING_REQUEST':
        check(what, hearingRequestRefusal(c.procedure, stage, s, step.on));
        break;
      case 'HEARING_NOTICE':
        check(what, hearingNoticeRefusal(c.procedure, stage, s, step.on, step.hearingOn!));
        break;
      case 'HEARING': {
        check(what, hearingRefusal(c.procedure, stage, s, step.on));
        const p = step.presidingOfficerId === null ? undefined : people.get(step.presidingOfficerId);
        if (!p) problems.push(where(`${what}: no presiding officer of the agency`));
        else
          check(
            what,
            presidingOfficerRefusal(
              { id: p.id, name: p.name, agencyId: p.agencyId, auxiliary: p.roles.includes('AUXILIARY') },
              c.agencyId,
              c.officers.map((o) => o.personId),
            ),
          );
        break;
      }
      case 'LEGAL_REVIEW': {
        // Sent for review (the gate, advance.ts) unless already there, then reviewed by someone not on the case.
        if (stage === 'INVESTIGATING') {
          check(`${what} (sent for review)`, reviewGateRefusal(c.procedure, s, step.on));
          move('LEGAL_REVIEW', 'advance', step.recordedAt);
        }
        check(what, legalReviewRefusal(c.procedure, stage, s));
        if (c.officers.some((o) => `person:${o.personId}` === step.actor))
          problems.push(where(`${what}: CASE_REVIEWER_NOT_INDEPENDENT`));
        if (step.outcome === 'RETURNED') move('INVESTIGATING', 'review', step.recordedAt);
        break;
      }
      case 'COLLECTIVE_DISCUSSION':
        check(what, discussionRefusal(c.procedure, stage, s, step.on));
        break;
      case 'SERVICE':
        decide();
        if (step.recordedAt.getTime() < c.decidedAt!.getTime())
          problems.push(where(`${what}: recorded before the decision`));
        check(what, serviceRefusal(stage, shanghaiToday(c.decidedAt!), s, step.on, step.note));
        break;
      case 'DEADLINE_EXTENSION':
        check(what, deadlineExtensionRefusal(c.procedure, stage));
        break;
      case 'PROCEDURE_CONVERSION':
        // The case records the procedure it was converted to; the conversion itself left the simple one.
        check(what, conversionRefusal('SIMPLE', stage));
        break;
      case 'DEADLINE_SUSPENSION':
        check(what, suspensionRefusal(c.procedure, stage, c.deadlineOn, step.on));
        break;
      default: {
        const unhandled: never = step.kind;
        problems.push(where(`step ${String(unhandled)} is not replayed`));
      }
    }
    if (decided && step.kind !== 'SERVICE') problems.push(where(`${what}: recorded after the decision`));
    else if (c.decidedAt && step.kind !== 'SERVICE' && step.recordedAt.getTime() > c.decidedAt.getTime())
      problems.push(where(`${what}: recorded after the decision (${c.decidedAt.toISOString()})`));
    recorded.push(step);
  }
  decide();
  // A case still in review was sent there once its statement and hearing were settled (as of today).
  if (c.stage === 'LEGAL_REVIEW' && stage === 'INVESTIGATING') {
    check('sent for review', reviewGateRefusal(c.procedure, state(), today));
    move('LEGAL_REVIEW', 'advance', now);
  }
  const served = c.steps.some((s) => s.kind === 'SERVICE');
  if (c.stage === 'EXECUTED' || (c.stage === 'CLOSED' && stage === 'DECIDED' && c.decision && c.penalties.length))
    move('EXECUTED', 'advance', c.closedAt ?? now, served);
  if (c.stage === 'CLOSED') {
    move('CLOSED', 'advance', c.closedAt!);
    check('close', measuresOpenRefusal(c.compulsoryMeasures.map((m) => ({ status: statusAt(m, c.closedAt!) }))));
  }
  if (stage !== c.stage) problems.push(where(`replayed to ${stage}, recorded ${c.stage}`));

  for (const m of c.compulsoryMeasures) problems.push(...replayMeasure(c, m, people).map((p) => where(p)));
  return problems;
}

/** A measure's status at `at`: released on its release day, otherwise as recorded. */
function statusAt(m: CompulsoryMeasure, at: Date): CompulsoryMeasure['status'] {
  if (m.status === 'RELEASED' && m.releasedOn && m.releasedOn.getTime() > shanghaiToday(at).getTime())
    return 'IN_FORCE';
  return m.status;
}

/** One measure through cases/measures.ts's rules, each at the time it was taken. */
function replayMeasure(
  c: DemoCase,
  m: CompulsoryMeasure,
  people: Map<number, DemoCase['officers'][number]['person']>,
): string[] {
  const problems: string[] = [];
  const what = `measure ${m.id} (${m.status}${m.emergency ? ', emergency' : ''})`;
  const check = (step: string, r: RuleRefusal | null | undefined) => {
    if (r) problems.push(`${what} ${step}: ${r.rule} — ${r.message.en}`);
  };
  const stageAt = (at: Date): CaseStage =>
    c.decidedAt && at.getTime() >= c.decidedAt.getTime() ? 'DECIDED' : 'INVESTIGATING';
  // Recorded (recordCompulsoryMeasureInTx): an emergency one when taken; a request when asked for.
  const recordedAt = m.takenAt;
  check('record', measureRefusal(stageAt(recordedAt)));
  for (const i of measureInputIssues({ emergency: m.emergency, takenAt: m.emergency ? m.takenAt : null }, recordedAt))
    problems.push(`${what} record: ${i.message.en}`);
  if (m.emergency) check('record', emergencyReportRefusal(m.takenAt, recordedAt));
  check('record', freezeRefusal(m.kind, c.agency.kind, settings.freezeAgencyKinds));
  const officers = m.officerIds.flatMap((id) => {
    const p = people.get(id);
    return p ? [{ ...p, assigned: c.officers.some((o) => o.personId === id) }] : [];
  });
  check('record', measureOfficersRefusal(m.officerIds, officers, c.agencyId, recordedAt, settings.reviewGraceUntil));
  const taking = { noticeDocumentNumber: m.noticeDocumentNumber, noticeServedOn: m.noticeServedOn, onSiteRecord: null };
  const onSite =
    m.siteRecord === null
      ? null
      : {
          record: m.siteRecord,
          partySignature: m.partySignature!,
          partyRefusalNote: m.partyRefusalNote,
          witness: m.witness,
        };
  if (m.emergency) check('record', measureTakingRefusal(true, { ...taking, onSiteRecord: onSite }));
  else
    check(
      'record',
      measureTakingRefusal(false, { noticeDocumentNumber: null, noticeServedOn: null, onSiteRecord: null }),
    );
  if (m.status === 'REQUESTED') {
    // Still awaiting approval: nothing served, nothing recorded, and the case not decided.
    check('awaiting approval', measureRefusal(c.stage));
    if (m.noticeDocumentNumber !== null || m.noticeServedOn !== null || m.siteRecord !== null)
      problems.push(`${what}: a notice or on-site record before approval`);
    return problems;
  }

  // Approved (approveCompulsoryMeasureInTx), by the head at approvedAt.
  if (m.approvedAt) {
    const pending = {
      status: m.emergency ? ('IN_FORCE' as const) : ('REQUESTED' as const),
      emergency: m.emergency,
      approvedAt: null,
    };
    check('approve', approvalRefusal(pending));
    if (m.emergency) check('approve', emergencyApprovalRefusal({ ...pending, takenAt: m.takenAt }, m.approvedAt));
    else check('approve', measureRefusal(stageAt(m.approvedAt)));
    const head = [...people.values()].find((p) => p.roles.includes('AGENCY_HEAD'));
    if (m.approvedBy !== `person:${head?.id}`)
      problems.push(`${what} approve: approved by ${m.approvedBy}, not the agency head`);
  } else if (m.emergency && m.status === 'IN_FORCE') {
    // Not yet approved: only while the 24 hours run (第19条).
    if (isApprovalLapsed(m, now)) problems.push(`${what}: unapproved past 24 hours — MEASURE_EMERGENCY_APPROVAL_LATE`);
  } else problems.push(`${what}: taken without approval`);

  // Taken: an approved request records its notice and 现场笔录 then (recordCompulsoryMeasureOnSiteInTx).
  if (!m.emergency) {
    check('on site', onSiteRefusal({ kind: m.kind, status: 'IN_FORCE', emergency: false, siteRecord: null }));
    check('on site', takingRecordRefusal({ ...taking, onSiteRecord: onSite }));
  }
  if (onSite) check('on site', onSiteRecordRefusal(onSite));
  if (m.noticeServedOn) {
    const issue = noticeServedOnIssue(m.noticeServedOn, m.takenAt, atHour(m.noticeServedOn, 18));
    if (issue) problems.push(`${what} notice: ${issue.en}`);
  }

  // Extended once (extendCompulsoryMeasureInTx) by the head, within its first term, once approved.
  if (m.extendedDays !== null) {
    const firstDue = measureDueOn(m.takenAt);
    const extendedAt = atHour(firstDue, 10);
    if (!m.approvedAt || m.approvedAt.getTime() > extendedAt.getTime())
      problems.push(`${what} extend: extended before it was approved`);
    const before = { ...m, status: 'IN_FORCE' as const, extendedDays: null, dueOn: firstDue };
    check('extend', measureExtensionRefusal(before, m.extendedDays, extendedAt));
  }
  // Released (releaseCompulsoryMeasureInTx), dated within its term.
  if (m.status === 'RELEASED') {
    check('release', releaseRefusal({ kind: m.kind, status: 'IN_FORCE' }));
    const issue = releaseDateIssue(m.releasedOn!, m.takenAt, atHour(m.releasedOn!, 18));
    if (issue) problems.push(`${what} release: ${issue.en}`);
  }
  return problems;
}

describe('the demo data, replayed through the rules', () => {
  it('every demo case: opened, staffed, stepped, decided, served, executed and closed as the rules allow', async () => {
    const cases = await loadCases();
    const staff = await prisma.person.findMany();
    const problems: string[] = [];
    for (const c of cases) {
      const people = new Map(staff.filter((p) => p.agencyId === c.agencyId).map((p) => [p.id, p]));
      problems.push(...replayCase(c, people));
    }
    expect(problems).toEqual([]);
    // The replay saw every kind of thing it checks.
    expect(cases.filter((c) => c.decision).length).toBeGreaterThan(50);
    expect(cases.flatMap((c) => c.compulsoryMeasures).length).toBeGreaterThan(5);
  });
});

describe('what the demo data must show besides', () => {
  it('parties whose trade fits the violation: the table of violations and the industries that commit them', async () => {
    // Reviewed by hand against each provision's addressee (the kinds restricted where the provision concerns
    // a plant or fines 单位 and 个人 differently). A change to names.ts must change this table too.
    const FITS: Record<string, { industries: string[] | 'any'; kinds?: string[] }> = {
      '经营污染物质含量超过食品安全标准限量的食品（货值金额不足一万元）': {
        industries: ['食品制造', '餐饮服务', '批发零售'],
      },
      未按规定公示营业执照: { industries: 'any' },
      未按照安全技术规范的要求及时申报并接受特种设备定期检验: {
        industries: ['机械制造', '化工', '食品制造', '道路运输', '纺织服装'],
        kinds: ['COMPANY'],
      },
      '发布虚假广告（广告费用无法计算或者明显偏低）': { industries: ['医药', '批发零售', '食品制造'] },
      经营者不按照规定明码标价: { industries: ['批发零售', '餐饮服务', '医药', '水产养殖', '果蔬种植'] },
      药品经营企业未遵守药品经营质量管理规范: { industries: ['医药'] },
      超过大气污染物排放标准排放大气污染物: {
        industries: ['化工', '机械制造', '新能源', '纺织服装'],
        kinds: ['COMPANY'],
      },
      通过私设暗管逃避监管的方式排放水污染物: {
        industries: ['化工', '纺织服装', '食品制造', '畜禽养殖'],
        kinds: ['COMPANY', 'FARMERS_COOPERATIVE'],
      },
      未按照国家有关规定贮存危险废物: { industries: ['化工', '电子信息', '机械制造', '新能源'], kinds: ['COMPANY'] },
      未取得道路运输经营许可擅自从事道路普通货物运输经营: { industries: ['道路运输'] },
      车辆违法超限运输: { industries: ['道路运输', '建筑施工'] },
      在噪声敏感建筑物集中区域使用高音广播喇叭招揽顾客: {
        industries: ['批发零售', '餐饮服务', '文化娱乐'],
        kinds: ['COMPANY'],
      },
      擅自占用城市道路: { industries: ['餐饮服务', '批发零售', '果蔬种植'] },
      单位随意倾倒建筑垃圾: { industries: ['建筑施工', '道路运输'], kinds: ['COMPANY'] },
      个人随意倾倒建筑垃圾: { industries: [] },
      未按照规定对从业人员进行安全生产教育和培训: {
        industries: ['化工', '机械制造', '建筑施工', '新能源', '纺织服装'],
        kinds: ['COMPANY'],
      },
      未采取措施消除事故隐患: { industries: ['化工', '机械制造', '食品制造', '新能源'], kinds: ['COMPANY'] },
      医疗机构使用非卫生技术人员从事医疗卫生技术工作: { industries: ['医疗服务'] },
      集中式供水单位供应的饮用水不符合国家卫生标准: { industries: ['供水'] },
      '经营劣质农药（货值金额不足一万元）': { industries: ['农资经营'] },
      兽药经营企业未按规定建立购销记录: { industries: ['兽药经营'] },
      互联网上网服务营业场所接纳未成年人: { industries: ['文化娱乐'] },
      旅行社未与旅游者签订旅游合同: { industries: ['旅游服务'] },
      '未经批准非法占用土地（200平方米以下）': { industries: ['农业种植', '畜禽养殖', '建筑施工'] },
      燃气经营者未对燃气用户的燃气设施定期进行安全检查: { industries: ['燃气供应'] },
      燃气用户擅自改装户内燃气设施: { industries: [] },
    };
    const published = ENFORCEMENT_AGENCIES.flatMap((a) => a.violations);
    expect(Object.keys(FITS).sort()).toEqual(published.map((v) => v.violation).sort());
    for (const v of published)
      expect({ industries: v.parties.industries, kinds: v.parties.kinds }, v.violation).toEqual({
        industries: FITS[v.violation].industries,
        kinds: FITS[v.violation].kinds,
      });

    const cases = await prisma.enforcementCase.findMany({ include: { matter: true, enterprise: true } });
    const nonMarket = NON_MARKET_INDUSTRIES.map((i) => i.industry);
    for (const c of cases) {
      const v = specOf.get(c.matter!.code)!;
      const e = c.enterprise;
      const who = `${c.number} ${c.violation} ← ${e?.name ?? c.partyDescription}`;
      expect(partyFits(v, { partyKind: c.partyKind, industry: e?.industry ?? null, kind: e?.kind ?? null }), who).toBe(
        true,
      );
      // No 社会服务机构 (a social-work centre, a school) is a party: none of these violations is theirs.
      if (e) expect(nonMarket, who).not.toContain(e.industry);
      if (e) expect(e.kind, who).not.toBe('OTHER');
      // No livestock farm charged with a 兽药经营 violation, no shop with a plant's.
      if (c.violation.includes('兽药经营')) expect(e?.name, who).toMatch(/兽药/);
      if (FITS[v.violation].kinds?.length === 1) expect(e?.kind, who).toBe('COMPANY');
    }
    // Every published violation that is not natural persons' only has demo enterprises able to commit it.
    const enterprises = await prisma.enterprise.findMany();
    for (const v of published.filter((x) => x.parties.persons < 1))
      expect(
        enterprises.some((e) => partyFits(v, { partyKind: 'ENTERPRISE', industry: e.industry, kind: e.kind })),
        v.violation,
      ).toBe(true);
  });

  it('TIME_BARRED only where the limitation (第36条) had run out; no case opened after it', async () => {
    const cases = await prisma.enforcementCase.findMany({ include: { matter: true } });
    for (const c of cases) {
      const barred = limitationRefusal(c.violationOn!, c.matter!.limitationYears, shanghaiToday(c.registeredAt));
      if (c.ground === 'TIME_BARRED') expect(barred, c.number).not.toBeNull();
      else expect(barred, c.number).toBeNull();
    }
  });

  it('hearings are held at least 7 days after the party was told of them (第64条第(二)项)', async () => {
    const steps = await prisma.caseStep.findMany({
      where: { kind: { in: ['HEARING_REQUEST', 'HEARING'] } },
      orderBy: { id: 'asc' },
    });
    let held = 0;
    for (const h of steps.filter((s) => s.kind === 'HEARING')) {
      const request = steps.filter((s) => s.caseId === h.caseId && s.id < h.id && s.outcome === 'REQUESTED').at(-1)!;
      expect(request, `case ${h.caseId}`).toBeDefined();
      // Told no earlier than the day it was asked for, so held no earlier than 7 days after the request.
      expect(h.on.getTime(), `case ${h.caseId}`).toBeGreaterThanOrEqual(
        addDays(request.on, HEARING_NOTICE_DAYS).getTime(),
      );
      held++;
    }
    expect(held).toBeGreaterThanOrEqual(1);
  });

  it('no 不予处罚 on a ground the violation cannot have: deliberate evasion (私设暗管) is never 轻微', async () => {
    const cases = await prisma.enforcementCase.findMany({
      where: { decision: 'NO_PENALTY' },
      include: { matter: true },
    });
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const v: Violation = specOf.get(c.matter!.code)!;
      expect(noPenaltyGroundsOf(v), `${c.number} ${c.violation}: ${c.ground}`).toContain(c.ground);
    }
    const evasion = [...specOf.values()].find((v) => v.violation.includes('私设暗管'))!;
    expect(noPenaltyGroundsOf(evasion)).toEqual([]);
  });

  it('a measure awaiting approval has no notice served; every measure taken has its notice and 现场笔录', async () => {
    const measures = await prisma.compulsoryMeasure.findMany();
    const requested = measures.filter((m) => m.status === 'REQUESTED');
    expect(requested.length).toBeGreaterThanOrEqual(1);
    for (const m of requested)
      expect([m.noticeDocumentNumber, m.noticeServedOn, m.siteRecord]).toEqual([null, null, null]);
    for (const m of measures.filter((x) => x.status !== 'REQUESTED'))
      expect(
        takingRecordRefusal({
          noticeDocumentNumber: m.noticeDocumentNumber,
          noticeServedOn: m.noticeServedOn,
          onSiteRecord:
            m.siteRecord === null
              ? null
              : {
                  record: m.siteRecord,
                  partySignature: m.partySignature!,
                  partyRefusalNote: m.partyRefusalNote,
                  witness: m.witness,
                },
        }),
        `measure ${m.id}`,
      ).toBeNull();
    expect(new Set(measures.map((m) => m.partySignature).filter(Boolean)).size).toBeGreaterThanOrEqual(2);
  });
});
