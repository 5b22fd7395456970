// Plugin guards run inside the case operation's transaction: a refusal rolls back the decision, its
// event and whatever was written before in that transaction, including by the plugin itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORE_TOPICS,
  defineTopic,
  domainErrors,
  parseId,
  RuleViolation,
  unitOfWork,
  type ZhifaPlugin,
} from '@zhifa/core';
import { decideCaseInTx } from '@zhifa/core/cases';
import { createHarness, ERR, gid, type Harness } from '@zhifa/testkit';
import {
  DECIDE,
  readyToDecide,
  directCase,
  expectError,
  MEASURE,
  measureInput,
  seedCounty,
  type County,
} from './case-fixtures.js';

const NEEDS_ASSESSMENT = '（需评估）';
const FAILS_AFTER = '（决定后失败）';
const GUARD_RAN = defineTopic<{ via: string | null }>('test.guardRan');
const GRANTED = defineTopic<Record<string, never>>('test.granted');
const REACTED = defineTopic<{ measureId: number; stage: string }>('test.reacted');
const REFUSED_BY_REACTION = '（反应拒绝）';

const testPlugin: ZhifaPlugin = {
  name: 'test-guards',
  register(builder, { guards }) {
    guards.add({
      name: 'test-guards',
      async beforeDecide({ uow, case: c }, input) {
        // Written first, so a refusal below must roll it back too.
        await uow.emit(GUARD_RAN, { via: input.via ?? null }, { caseId: c.id });
        if (c.violation.includes(NEEDS_ASSESSMENT))
          throw new RuleViolation('TEST_ASSESSMENT_REQUIRED', {
            zh: '须先完成经济影响评估',
            en: 'An economic impact assessment is required first',
          });
      },
      async beforeCompulsoryMeasure({ uow, case: c }, input) {
        await uow.tx.enforcementCase.update({ where: { id: c.id }, data: { violation: `${c.violation}（已检查）` } });
        if (input.isProductionEquipment && !input.justification)
          throw new RuleViolation('TEST_JUSTIFICATION_REQUIRED', {
            zh: '查封生产设备须写明审慎采取的理由',
            en: 'Sealing production equipment needs a written justification',
          });
      },
    });
    // A reaction runs in the emitting transaction: it reads what the operation wrote, writes and emits in
    // turn, and a throw refuses the operation with everything written before.
    guards.react(CORE_TOPICS.caseCompulsoryMeasureRecorded, 'test-guards', async (uow, payload, scope) => {
      const measure = await uow.tx.compulsoryMeasure.findUniqueOrThrow({ where: { id: payload.measureId } });
      const k = await uow.tx.enforcementCase.findUniqueOrThrow({ where: { id: payload.caseId } });
      await uow.emit(REACTED, { measureId: measure.id, stage: k.stage }, { caseId: scope.caseId });
      if (measure.object.includes(REFUSED_BY_REACTION))
        throw new RuleViolation('TEST_REACTION_REFUSED', { zh: '反应拒绝', en: 'refused by a reaction' });
    });
    // A plugin that decides by its own route, through the core decision path.
    builder.mutationField('testGrantNoPenalty', (t) =>
      t.prismaField({
        type: 'EnforcementCase',
        description: '测试：不予处罚 Test: decide no penalty through a plugin',
        errors: { types: domainErrors },
        authScopes: { staff: true },
        args: { caseId: t.arg.globalID({ required: true }) },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const id = parseId(args.caseId, 'EnforcementCase', ['caseId']);
            await uow.emit(GRANTED, {}, { caseId: id });
            const decided = await decideCaseInTx(uow, id, {
              decision: 'NO_PENALTY',
              ground: 'MINOR_CORRECTED',
              via: 'test-grant',
            });
            // A plugin step after the decision fails: the decision and its number roll back with it.
            if (decided.violation.includes(FAILS_AFTER))
              throw new RuleViolation('TEST_AFTER_DECISION', {
                zh: '决定后的步骤失败',
                en: 'a step after the decision failed',
              });
            return uow.tx.enforcementCase.findUniqueOrThrow({ ...query, where: { id } });
          }),
      }),
    );
  },
};

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness({ plugins: [testPlugin] });
  c = await seedCounty(h);
});
afterAll(() => h?.close());

async function reviewedCase(violation = '销售过期食品') {
  const k = await directCase(h, c.market.id, c.factory.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
  await readyToDecide(h, k.id);
  return h.db.prisma.enforcementCase.update({ where: { id: k.id }, data: { violation } });
}
const topics = async (caseId: number) =>
  (await h.db.prisma.event.findMany({ where: { caseId }, orderBy: { id: 'asc' } })).map((e) => e.topic);
const GRANT = `mutation($caseId: ID!) { testGrantNoPenalty(caseId: $caseId) { ${ERR} ... on MutationTestGrantNoPenaltySuccess { data { stage decision } } } }`;

describe('case guards from a plugin', () => {
  it('a refusing guard leaves no decision, no event and nothing the guard wrote', async () => {
    const k = await reviewedCase(`超标排放${NEEDS_ASSESSMENT}`);
    const res = await h.gql(
      DECIDE,
      {
        caseId: gid('EnforcementCase', k.id),
        input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000 }] },
      },
      c.tokens.head,
    );
    expectError(res.data.decideCase, 'RuleViolation', {
      rule: 'TEST_ASSESSMENT_REQUIRED',
      zh: '须先完成经济影响评估',
      en: 'economic impact assessment is required',
    });
    const after = await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } });
    expect(after).toMatchObject({ stage: 'LEGAL_REVIEW', decision: null, fineFen: null, decidedAt: null });
    expect(await topics(k.id)).toEqual([]);
  });

  it('a passing guard commits with the decision', async () => {
    const k = await reviewedCase();
    const res = await h.gql(
      DECIDE,
      {
        caseId: gid('EnforcementCase', k.id),
        input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000 }] },
      },
      c.tokens.head,
    );
    expect(res.data.decideCase.data).toMatchObject({ stage: 'DECIDED', decision: 'PENALTY', fineFen: 8_000_000 });
    expect(await topics(k.id)).toEqual(['test.guardRan', 'case.decided']);
  });

  it('core rules refuse before any guard runs', async () => {
    const k = await directCase(h, c.market.id, c.factory.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const res = await h.gql(
      DECIDE,
      {
        caseId: gid('EnforcementCase', k.id),
        input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 100 }] },
      },
      c.tokens.head,
    );
    expectError(res.data.decideCase, 'RuleViolation', { rule: 'CASE_ILLEGAL_TRANSITION' });
    const stranger = await reviewedCase();
    const forbidden = await h.gql(
      DECIDE,
      {
        caseId: gid('EnforcementCase', stranger.id),
        input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 100 }] },
      },
      c.tokens.envOfficer,
    );
    // Another agency's case is invisible to the caller: NotFoundError, as for an unknown case.
    expectError(forbidden.data.decideCase, 'NotFoundError');
    expect([...(await topics(k.id)), ...(await topics(stranger.id))]).toEqual([]);
  });

  it('a plugin deciding through decideCaseInTx meets the same guards, and its own writes roll back', async () => {
    const blocked = await reviewedCase(`无证经营${NEEDS_ASSESSMENT}`);
    const refused = await h.gql(GRANT, { caseId: gid('EnforcementCase', blocked.id) }, c.tokens.head);
    expectError(refused.data.testGrantNoPenalty, 'RuleViolation', { rule: 'TEST_ASSESSMENT_REQUIRED' });
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: blocked.id } })).decision).toBeNull();
    expect(await topics(blocked.id)).toEqual([]);

    const ok = await reviewedCase();
    const granted = await h.gql(GRANT, { caseId: gid('EnforcementCase', ok.id) }, c.tokens.head);
    expect(granted.data.testGrantNoPenalty.data).toEqual({ stage: 'DECIDED', decision: 'NO_PENALTY' });
    const events = await h.db.prisma.event.findMany({ where: { caseId: ok.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.topic)).toEqual(['test.granted', 'test.guardRan', 'case.decided']);
    expect(events[2].payload).toMatchObject({
      decision: 'NO_PENALTY',
      ground: 'MINOR_CORRECTED',
      fineFen: null,
      via: 'test-grant',
    });
    const number = (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: ok.id } })).decisionNumber!;
    expect(number).toMatch(/^阜市监不罚〔\d{4}〕\d+号$/);

    // A failure after the decision rolls back its number too: the next decision takes it (gap-free).
    const failing = await reviewedCase(`无照经营${FAILS_AFTER}`);
    const failed = await h.gql(GRANT, { caseId: gid('EnforcementCase', failing.id) }, c.tokens.head);
    expectError(failed.data.testGrantNoPenalty, 'RuleViolation', { rule: 'TEST_AFTER_DECISION' });
    expect(
      (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: failing.id } })).decisionNumber,
    ).toBeNull();
    const next = await reviewedCase();
    await h.gql(GRANT, { caseId: gid('EnforcementCase', next.id) }, c.tokens.head);
    const nextNumber = (await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: next.id } }))
      .decisionNumber!;
    const serial = (n: string) => Number(/〕(\d+)号$/.exec(n)![1]);
    expect(serial(nextNumber)).toBe(serial(number) + 1);

    // The core path also refuses an officer of another agency calling through the plugin.
    const other = await reviewedCase();
    const forbidden = await h.gql(GRANT, { caseId: gid('EnforcementCase', other.id) }, c.tokens.envOfficer);
    expectError(forbidden.data.testGrantNoPenalty, 'ForbiddenError', { zh: '本案承办单位', en: "case's agency" });
    expect(await topics(other.id)).toEqual([]);
  });

  it('a refusing compulsory-measure guard leaves no measure, no event and no guard write', async () => {
    const k = await directCase(h, c.market.id, c.factory.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const caseId = gid('EnforcementCase', k.id);
    const input = measureInput([c.people.o1.id, c.people.o2.id], {
      kind: 'SEAL_UP',
      object: '灌装生产线 1 条',
      isProductionEquipment: true,
    });
    const res = await h.gql(MEASURE, { caseId, input }, c.tokens.o1);
    expectError(res.data.recordCompulsoryMeasure, 'RuleViolation', {
      rule: 'TEST_JUSTIFICATION_REQUIRED',
      zh: '生产设备',
      en: 'production equipment',
    });
    expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(0);
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).violation).toBe(k.violation);
    expect(await topics(k.id)).toEqual([]);
    const justified = await h.gql(
      MEASURE,
      { caseId, input: { ...input, justification: '存在重大安全隐患，需立即停用' } },
      c.tokens.o1,
    );
    expect(justified.data.recordCompulsoryMeasure.data.isProductionEquipment).toBe(true);
    expect((await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } })).violation).toContain(
      '已检查',
    );
    // The reaction below (test-guards) answers every recorded measure.
    expect(await topics(k.id)).toEqual(['case.compulsoryMeasureRecorded', 'test.reacted']);
  });

  it('a reaction runs in the emitting transaction, sees its writes, and its refusal takes them back', async () => {
    const k = await directCase(h, c.market.id, c.factory.id, [c.people.o1.id, c.people.o2.id], 'INVESTIGATING');
    const caseId = gid('EnforcementCase', k.id);
    const input = measureInput([c.people.o1.id, c.people.o2.id], { kind: 'SEIZURE', object: '待检样品 3 箱' });
    const res = await h.gql(MEASURE, { caseId, input }, c.tokens.o1);
    const measureId = await h.db.prisma.compulsoryMeasure.findFirstOrThrow({ where: { caseId: k.id } });
    expect(res.data.recordCompulsoryMeasure.data).toBeTruthy();
    const events = await h.db.prisma.event.findMany({ where: { caseId: k.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.topic)).toEqual(['case.compulsoryMeasureRecorded', 'test.reacted']);
    expect(events[1].payload).toEqual({ measureId: measureId.id, stage: 'INVESTIGATING' });
    expect(events[1].txid).toBe(events[0].txid);

    const refused = await h.gql(
      MEASURE,
      { caseId, input: { ...input, object: `样品${REFUSED_BY_REACTION}` } },
      c.tokens.o1,
    );
    expectError(refused.data.recordCompulsoryMeasure, 'RuleViolation', { rule: 'TEST_REACTION_REFUSED' });
    expect(await h.db.prisma.compulsoryMeasure.count({ where: { caseId: k.id } })).toBe(1);
    expect(await topics(k.id)).toEqual(['case.compulsoryMeasureRecorded', 'test.reacted']);
  });
});
