// highImpactCaseFlagged over graphql-ws on a real server port: supervisors hear each high-impact case live (an
// assessment approved at HIGH or SEVERE, a measure on production equipment) with the case and the measure, and resume
// after a cursor; an officer — even of the case's agency — is refused. The flags are emitted here by a test plugin on
// the plugin's topic (the triggers and assessments slices emit them from their operations).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOfWork, type ZhifaPlugin } from '@zhifa/core';
import { sleep, startTestServer, wsClient, type GqlJson, type TestServer } from '@zhifa/testkit';
import { economicImpactPlugin } from '../src/index.js';
import { IMPACT_HIGH_FLAGGED } from '../src/topics.js';

const flagPlugin: ZhifaPlugin = {
  name: 'test-flag',
  register(builder) {
    builder.mutationField('testFlagHighImpact', (t) =>
      t.boolean({
        description: '测试：发出高影响提示 Test: flag a case',
        authScopes: { authenticated: true },
        args: { caseId: t.arg.int({ required: true }), measureId: t.arg.int({ required: false }) },
        resolve: async (_root, args, ctx) => {
          await unitOfWork(ctx, async (uow) => {
            const c = await uow.tx.enforcementCase.findUniqueOrThrow({ where: { id: args.caseId } });
            await uow.emit(
              IMPACT_HIGH_FLAGGED,
              {
                caseId: c.id,
                number: c.number,
                agencyId: c.agencyId,
                reason: args.measureId ? 'PRODUCTION_MEASURE' : 'LEVEL',
                level: args.measureId ? null : 'SEVERE',
                assessmentId: null,
                measureId: args.measureId ?? null,
              },
              {},
            );
          });
          return true;
        },
      }),
    );
  },
};

let s: TestServer;
let caseId: number;
let measureId: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ plugins: [economicImpactPlugin, flagPlugin] });
  const p = s.db.prisma;
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  const agency = await p.agency.create({
    data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY', documentPrefix: '阜市监' },
  });
  const person = async (agencyId: number, roles: ('OFFICER' | 'SUPERVISOR')[]) =>
    s.token(`person:${(await p.person.create({ data: { agencyId, name: '测试人员', roles } })).id}`);
  tokens.supervisor = await person(bureau.id, ['SUPERVISOR']);
  tokens.officer = await person(agency.id, ['OFFICER']);
  const e = await p.enterprise.create({
    data: {
      uscc: `91320923F${String(process.pid % 1000).padStart(3, '0')}00001X`,
      name: '高影响测试企业',
      kind: 'COMPANY',
      legalRepresentative: '李某',
      address: '阜宁县',
      industry: '制造',
      scale: 'MEDIUM',
      employees: 200,
      creditRiskClass: 'B',
    },
  });
  const c = await p.enforcementCase.create({
    data: {
      number: `高影响〔2026〕${process.pid}号`,
      agencyId: agency.id,
      partyKind: 'ENTERPRISE',
      enterpriseId: e.id,
      violation: '违法行为',
      violatedProvision: '违法依据',
      penaltyProvision: '处罚依据',
    },
  });
  caseId = c.id;
  measureId = (
    await p.compulsoryMeasure.create({
      data: { caseId, kind: 'SEAL_UP', object: '生产线', isProductionEquipment: true, recordedBy: 'system:test' },
    })
  ).id;
});
afterAll(() => s?.close());

const SUB = `subscription($after: String) { highImpactCaseFlagged(after: $after) { cursor reason level case { number }
  measure { kind isProductionEquipment } } }`;

function subscribe(token: string, after: string | null = null) {
  const client = wsClient(s.wsUrl, token);
  const got: GqlJson[] = [];
  const errors: GqlJson[] = [];
  client.subscribe<GqlJson>(
    { query: SUB, variables: { after } },
    {
      next: (r) => (r.errors ? errors.push(...r.errors) : got.push(r.data.highImpactCaseFlagged)),
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return {
    got,
    errors,
    client,
    async until(n: number) {
      const deadline = Date.now() + 10_000;
      while (got.length < n && !errors.length && Date.now() < deadline) await sleep(20);
      return got;
    },
  };
}

async function flag(measure: number | null) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.officer}` },
    body: JSON.stringify({
      query: `mutation($c: Int!, $m: Int) { testFlagHighImpact(caseId: $c, measureId: $m) }`,
      variables: { c: caseId, m: measure },
    }),
  });
  expect((await res.json()).data.testFlagHighImpact).toBe(true);
}

describe('highImpactCaseFlagged', () => {
  it('supervisors hear each flag live, with the case and the measure, and resume after a cursor; officers are refused', async () => {
    const sup = subscribe(tokens.supervisor);
    const officer = subscribe(tokens.officer);
    await sleep(300);
    await flag(null);
    await flag(measureId);
    const got = await sup.until(2);
    expect(got).toMatchObject([
      { reason: 'LEVEL', level: 'SEVERE', case: { number: expect.stringContaining('高影响') }, measure: null },
      { reason: 'PRODUCTION_MEASURE', level: null, measure: { kind: 'SEAL_UP', isProductionEquipment: true } },
    ]);
    await officer.until(1);
    expect(officer.got).toEqual([]);
    expect(JSON.stringify(officer.errors)).toContain('FORBIDDEN');
    const resumed = subscribe(tokens.supervisor, got[0].cursor);
    expect((await resumed.until(1)).map((f) => f.reason)).toEqual(['PRODUCTION_MEASURE']);
    await Promise.all([sup.client.dispose(), officer.client.dispose(), resumed.client.dispose()]);
  });
});
