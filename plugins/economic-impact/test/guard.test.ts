// The guard (县实施方案任务7): every decision path — decideCase with each decision kind, the simple procedure, the
// non-penalty plugin's grantNonPenalty (both plugins in one harness), a plugin deciding through decideCaseInTx —
// refuses an enterprise case whose triggers hold without an approved revision answering them (or an exemption),
// and each refusal writes nothing. Cases written before the plugin (nothing recorded) are judged on their facts; a
// heavier notice after the approval needs a new revision; a decision that passes records what it relied on. After
// every path has been tried, impactStats counts no decision without a required assessment — and the count is real:
// a decision that slips past the guard is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZhifaPlugin } from '@zhifa/core';
import { nonPenaltyPlugin, DEFAULT_CONDITIONS } from '@zhifa/plugin-non-penalty';
import { ERR, gid, rowCounts, type GqlJson } from '@zhifa/testkit';
import { createEnterprise, createWorld, directCase, type World } from './fixtures.js';
import {
  approvedRevision,
  dayOffset,
  DECIDE,
  DECIDE_VIA_PLUGIN,
  decidingPlugin,
  decisionInput,
  readyToDecide,
  recordTrigger,
} from './guard-fixtures.js';

const BYPASS = '（绕过评估）';
/** Stands for a decision path that would skip the guard: it removes what the guard wrote. */
const bypassPlugin: ZhifaPlugin = {
  name: 'test-bypass',
  register(_builder, { guards }) {
    guards.add({
      name: 'test-bypass',
      async beforeDecide({ uow, case: c }) {
        if (c.violation.includes(BYPASS)) await uow.tx.impactDecision.deleteMany({ where: { caseId: c.id } });
      },
    });
  },
};

let w: World;
beforeAll(async () => {
  w = await createWorld([nonPenaltyPlugin, decidingPlugin, bypassPlugin]);
});
afterAll(() => w?.h.close());

const p = () => w.h.db.prisma;
const decide = async (caseId: number, input: Record<string, unknown>, token = w.more.headA) => {
  const res = await w.h.gql(DECIDE, { caseId: gid('EnforcementCase', caseId), input }, token);
  expect(res.errors).toBeUndefined();
  return res.data.decideCase;
};

/** Refused with IMPACT_ASSESSMENT_REQUIRED, naming each of `named`, and nothing written anywhere. */
async function expectRefused(act: () => Promise<GqlJson>, named: string[]) {
  const before = await rowCounts(p());
  const r = await act();
  expect(r).toMatchObject({ __typename: 'RuleViolation', rule: 'IMPACT_ASSESSMENT_REQUIRED' });
  expect(r.message).toContain('县实施方案任务7');
  expect(r.messageEn).toContain('county plan task 7');
  for (const n of named) expect(r.message).toContain(n);
  expect(await rowCounts(p())).toEqual(before);
  return r;
}

async function enterpriseCase(opts: { key?: boolean; kind?: 'COMPANY' | 'INDIVIDUAL_BUSINESS' } = {}) {
  const e = await createEnterprise(p(), { isKeyEnterprise: opts.key ?? false, kind: opts.kind });
  return directCase(w, e.id);
}

const relied = (caseId: number) => p().impactDecision.findUnique({ where: { caseId } });

describe('every decision path is guarded', () => {
  it('decideCase, each decision kind: a key enterprise’s case written before the plugin (nothing recorded) is refused from its facts', async () => {
    for (const kind of ['PENALTY', 'LIGHTER', 'MITIGATED', 'NO_PENALTY', 'DROPPED', 'TRANSFERRED'] as const) {
      const c = await enterpriseCase({ key: true });
      await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
      expect(await p().impactTrigger.count({ where: { caseId: c.id } })).toBe(0);
      await expectRefused(() => decide(c.id, decisionInput(kind)), ['当事人为重点企业']);
    }
  });

  it('the simple procedure (第51条): an assigned officer’s decision on the spot is guarded too', async () => {
    const e = await createEnterprise(p(), { kind: 'FARMERS_COOPERATIVE' });
    const c = await directCase(w, e.id, 'REGISTERED');
    await p().enforcementCase.update({ where: { id: c.id }, data: { procedure: 'SIMPLE' } });
    await expectRefused(
      () => decide(c.id, { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 20_000 }] }, w.tokens.officerA),
      ['农民专业合作社'],
    );
    await approvedRevision(w, c, { covered: [(await recordTrigger(w, c.id, 'COOPERATIVE')).id] });
    const ok = await decide(
      c.id,
      { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 20_000 }] },
      w.tokens.officerA,
    );
    expect(ok.data).toMatchObject({ stage: 'DECIDED', fineFen: 20_000 });
  });

  it('the non-penalty grant (both plugins installed) is refused, its own record with it; an exemption lets it through', async () => {
    const c = await enterpriseCase({ key: true });
    await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
    const series = await p().listSeries.create({ data: { kind: 'NON_PENALTY' } });
    const list = await p().enforcementList.create({
      data: {
        kind: 'NON_PENALTY',
        seriesId: series.id,
        version: 1,
        title: '评估测试不予处罚清单',
        domain: '市场监管',
        agencyId: w.agencyA.id,
        status: 'PUBLISHED',
        publishedAt: new Date('2025-01-01T00:00:00Z'),
        validFrom: new Date('2025-01-01T00:00:00Z'),
        issuerLevel: 'COUNTY',
      },
    });
    const item = await p().listItem.create({
      data: {
        listId: list.id,
        seq: 1,
        domain: '市场监管',
        violation: '生产不符合食品安全标准的食品（轻微）',
        violatedProvision: c.violatedProvision,
        penaltyProvision: '处罚依据',
        applicableConditions: '适用情形',
        attributes: { itemKind: 'MINOR', conditions: DEFAULT_CONDITIONS.MINOR, correctionDeadlineDays: 5 },
      },
    });
    const grant = async () => {
      const res = await w.h.gql(
        `mutation($c: ID!, $i: ID!, $facts: NonPenaltyFactsInput!, $on: Date!) { grantNonPenalty(caseId: $c, itemId: $i, facts: $facts,
          correctionOrder: { content: "责令改正", orderedOn: $on }, education: "已批评教育") { __typename ${ERR}
          ... on MutationGrantNonPenaltySuccess { data { case { stage decision } } } } }`,
        {
          c: gid('EnforcementCase', c.id),
          i: gid('NonPenaltyListItem', item.id),
          on: dayOffset(-5),
          facts: {
            minorViolation: true,
            noHarm: true,
            minorHarm: true,
            noSubjectiveFault: true,
            correctionOrderedOn: dayOffset(-5),
            correctedOn: dayOffset(-3),
          },
        },
        w.more.headA,
      );
      expect(res.errors).toBeUndefined();
      return res.data.grantNonPenalty;
    };
    await expectRefused(grant, ['当事人为重点企业']);
    expect(await p().nonPenaltyDecision.count({ where: { caseId: c.id } })).toBe(0);
    await p().impactExemption.create({
      data: {
        caseId: c.id,
        ground: 'PERSONAL_SAFETY',
        reason: '危害人身安全',
        recordedBy: `person:${w.headA.id}`,
        recordedAt: new Date(),
      },
    });
    expect((await grant()).data.case).toEqual({ stage: 'DECIDED', decision: 'NO_PENALTY' });
    expect(await relied(c.id)).toMatchObject({ required: true, exempt: true, assessmentId: null });
  });

  it('a plugin deciding through decideCaseInTx by its own route meets the guard', async () => {
    const c = await enterpriseCase({ key: true });
    await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
    await expectRefused(async () => {
      const res = await w.h.gql(DECIDE_VIA_PLUGIN, { caseId: gid('EnforcementCase', c.id) }, w.more.headA);
      expect(res.errors).toBeUndefined();
      return res.data.testDecideViaPlugin;
    }, ['当事人为重点企业']);
  });
});

describe('what holds at the decision', () => {
  it('a proposed fine at the threshold: ¥49,999.99 needs nothing, ¥50,000.00 needs an assessment (organisation)', async () => {
    const below = await enterpriseCase();
    await readyToDecide(w, below.id, [{ kind: 'FINE', amountFen: 4_999_999 }]);
    const ok = await decide(below.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 4_999_999 }]));
    expect(ok.data.stage).toBe('DECIDED');
    expect(await relied(below.id)).toMatchObject({ required: false, exempt: false, assessmentId: null });
    expect(await p().event.count({ where: { caseId: below.id, topic: 'economicImpact.decisionRelied' } })).toBe(0);

    const at = await enterpriseCase();
    await readyToDecide(w, at.id, [{ kind: 'FINE', amountFen: 5_000_000 }]);
    await expectRefused(
      () => decide(at.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 5_000_000 }])),
      ['较大数额罚款', '¥50,000.00'],
    );
  });

  it('an 个体工商户: ¥4,999.99 needs nothing, ¥5,000.00 needs an assessment', async () => {
    const below = await enterpriseCase({ kind: 'INDIVIDUAL_BUSINESS' });
    await readyToDecide(w, below.id, [{ kind: 'FINE', amountFen: 499_999 }]);
    expect((await decide(below.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 499_999 }]))).data.stage).toBe(
      'DECIDED',
    );
    const at = await enterpriseCase({ kind: 'INDIVIDUAL_BUSINESS' });
    await readyToDecide(w, at.id, [{ kind: 'FINE', amountFen: 500_000 }]);
    await expectRefused(
      () => decide(at.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 500_000 }])),
      ['¥5,000.00'],
    );
  });

  it('a seizure of production equipment in force holds; a released one does not', async () => {
    const c = await enterpriseCase();
    await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
    const measure = await p().compulsoryMeasure.create({
      data: {
        caseId: c.id,
        kind: 'SEIZURE',
        object: '生产线设备一套',
        isProductionEquipment: true,
        recordedBy: 'system:test',
        status: 'IN_FORCE',
        officerIds: [w.people.officerA.id, w.officerA2.id],
      },
    });
    await expectRefused(() => decide(c.id, decisionInput('PENALTY')), ['查封、扣押生产设备']);
    await p().compulsoryMeasure.update({ where: { id: measure.id }, data: { status: 'RELEASED' } });
    expect((await decide(c.id, decisionInput('PENALTY'))).data.stage).toBe('DECIDED');
    expect(await relied(c.id)).toMatchObject({ required: false });
  });

  it('a natural person’s case needs nothing and records nothing', async () => {
    const c = await directCase(w, null);
    await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 9_000_000 }]);
    expect((await decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 9_000_000 }]))).data.stage).toBe(
      'DECIDED',
    );
    expect(await relied(c.id)).toBeNull();
  });
});

describe('the approved revision', () => {
  it('answers the triggers: the decision records the revision, the 第66条 terms and whether the penalties moved', async () => {
    const c = await enterpriseCase();
    const notice = await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const t = await recordTrigger(w, c.id, 'LARGE_FINE', {
      amountFen: 6_000_000n,
      thresholdFen: 5_000_000n,
      stepId: notice!.id,
    });
    const a = await approvedRevision(w, c, {
      covered: [t.id],
      assessedProposal: [{ kind: 'FINE', amountFen: 6_000_000 }],
      mitigations: [{ kind: 'INSTALMENT', instalments: 3, dueOn: dayOffset(90) }, { kind: 'COMPLIANCE_GUIDANCE' }],
    });
    const ok = await decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 6_000_000 }]));
    expect(ok.data).toMatchObject({ stage: 'DECIDED', fineFen: 6_000_000 });
    expect(await relied(c.id)).toMatchObject({
      required: true,
      exempt: false,
      assessmentId: a.id,
      penaltiesChanged: false,
      paymentTerms: { kind: 'INSTALMENT', instalments: 3, dueOn: dayOffset(90), text: '缓解措施1' },
    });
    const event = await p().event.findFirstOrThrow({ where: { caseId: c.id, topic: 'economicImpact.decisionRelied' } });
    expect(event.payload).toMatchObject({ assessmentId: a.id, revision: 1, exempt: false, penaltiesChanged: false });
    expect(event.enterpriseId).toBeNull();

    // A lighter fine than assessed (within the legal range) is a change after the assessment.
    const d = await enterpriseCase();
    const n2 = await readyToDecide(w, d.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const t2 = await recordTrigger(w, d.id, 'LARGE_FINE', {
      amountFen: 6_000_000n,
      thresholdFen: 5_000_000n,
      stepId: n2!.id,
    });
    await approvedRevision(w, d, { covered: [t2.id], assessedProposal: [{ kind: 'FINE', amountFen: 6_000_000 }] });
    await decide(d.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 5_500_000 }]));
    expect(await relied(d.id)).toMatchObject({ penaltiesChanged: true, paymentTerms: null });
  });

  it('a heavier notice after the approval needs a new revision — recorded or only in the facts; revision 2 answers it', async () => {
    const c = await enterpriseCase();
    const n1 = await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 6_000_000 }]);
    const t1 = await recordTrigger(w, c.id, 'LARGE_FINE', {
      amountFen: 6_000_000n,
      thresholdFen: 5_000_000n,
      stepId: n1!.id,
    });
    await approvedRevision(w, c, { covered: [t1.id], assessedProposal: [{ kind: 'FINE', amountFen: 6_000_000 }] });
    // 第45条第2款: a heavier re-notice; the trigger it fires is not recorded (the facts alone hold it).
    const n2 = await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 8_000_000 }]);
    const r = await expectRefused(
      () => decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 8_000_000 }])),
      ['第 1 版', '¥80,000.00'],
    );
    expect(r.message).not.toContain('¥60,000.00');
    // Recorded by the reaction this time: still refused, until a revision covering it is approved.
    const t2 = await recordTrigger(w, c.id, 'LARGE_FINE', {
      amountFen: 8_000_000n,
      thresholdFen: 5_000_000n,
      stepId: n2!.id,
    });
    await expectRefused(
      () => decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 8_000_000 }])),
      ['第 1 版'],
    );
    const a2 = await approvedRevision(w, c, {
      revision: 2,
      covered: [t1.id, t2.id],
      assessedProposal: [{ kind: 'FINE', amountFen: 8_000_000 }],
    });
    expect((await decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 8_000_000 }]))).data.stage).toBe(
      'DECIDED',
    );
    expect(await relied(c.id)).toMatchObject({ assessmentId: a2.id, penaltiesChanged: false });
  });

  it('an exemption by the head lets a decision through whatever holds', async () => {
    const c = await enterpriseCase({ key: true });
    await readyToDecide(w, c.id, [{ kind: 'FINE', amountFen: 7_000_000 }]);
    await p().impactExemption.create({
      data: {
        caseId: c.id,
        ground: 'COUNTERFEIT',
        reason: '制假售假',
        recordedBy: `person:${w.headA.id}`,
        recordedAt: new Date(),
      },
    });
    expect((await decide(c.id, decisionInput('PENALTY', [{ kind: 'FINE', amountFen: 7_000_000 }]))).data.stage).toBe(
      'DECIDED',
    );
    expect(await relied(c.id)).toMatchObject({
      required: true,
      exempt: true,
      assessmentId: null,
      penaltiesChanged: null,
    });
  });
});

describe('decided without a required assessment', () => {
  const STATS = `query($from: Date!, $to: Date!) { impactStats(from: $from, to: $to) { decisions {
    total notRequired withAssessment exempt withoutRequiredAssessment penaltiesChangedAfterAssessment } } }`;
  const stats = async () => {
    const res = await w.h.gql(STATS, { from: dayOffset(-1), to: dayOffset(1) }, w.tokens.supervisor);
    expect(res.errors).toBeUndefined();
    return res.data.impactStats.decisions;
  };

  it('is zero after every path was tried, counted from what each decision relied on', async () => {
    // The decisions of the tests above: not required — the two below the threshold, the released measure (the
    // natural person's case is not an enterprise case); with an assessment — the cooperative, the two fines, the
    // revision 2; exempt — the grant and the counterfeit case; changed after assessment — the lighter fine.
    expect(await stats()).toEqual({
      total: 9,
      notRequired: 3,
      withAssessment: 4,
      exempt: 2,
      withoutRequiredAssessment: 0,
      penaltiesChangedAfterAssessment: 1,
    });
  });

  it('is a real count: a decision that slips past the guard on a case with recorded triggers is counted', async () => {
    const e = await createEnterprise(p(), { isKeyEnterprise: true });
    const c = await directCase(w, e.id);
    await p().enforcementCase.update({ where: { id: c.id }, data: { violation: `${c.violation}${BYPASS}` } });
    await readyToDecide(w, c.id, [{ kind: 'WARNING' }]);
    const t = await recordTrigger(w, c.id, 'KEY_ENTERPRISE');
    await approvedRevision(w, c, { covered: [t.id] });
    expect((await decide(c.id, decisionInput('PENALTY'))).data.stage).toBe('DECIDED');
    expect(await relied(c.id)).toBeNull();
    expect(await stats()).toMatchObject({ total: 10, withoutRequiredAssessment: 1 });
  });
});
