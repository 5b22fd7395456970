// impactAssessmentChanged over graphql-ws on a real server port: every step reaches the agency's persons and
// supervisors, live and in order; another agency's officer hears nothing of it and is refused when asking for it;
// the enterprise is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBaseWorld,
  gid,
  sleep,
  startTestServer,
  untilSubscribers,
  validCertificate,
  type BaseWorld,
  type GqlJson,
  type TestServer,
  subscribeField,
} from '@zhifa/testkit';
import { economicImpactPlugin } from '../src/index.js';
import { content, CREATE, step } from './assessment-helpers.js';

let s: TestServer;
let w: BaseWorld;
let caseGid: string;
beforeAll(async () => {
  s = await startTestServer({ plugins: [economicImpactPlugin] });
  w = await createBaseWorld(s);
  // Two officers act on a case (行政处罚法 第42条).
  const second = await s.db.prisma.person.create({
    data: {
      agencyId: w.agencyA.id,
      name: '甲局执法员二',
      roles: ['OFFICER'],
      ...validCertificate(`EI-SUB-${process.pid}`),
    },
  });
  const c = await s.db.prisma.enforcementCase.create({
    data: {
      number: `评测订阅〔2026〕${process.pid}号`,
      agencyId: w.agencyA.id,
      partyKind: 'ENTERPRISE',
      enterpriseId: w.enterprise.id,
      violation: '生产不符合食品安全标准的食品',
      violatedProvision: '《中华人民共和国食品安全法》第三十四条',
      penaltyProvision: '《中华人民共和国食品安全法》第一百二十四条',
      stage: 'INVESTIGATING',
      procedure: 'GENERAL',
      officers: { create: [{ personId: w.people.officerA.id }, { personId: second.id }] },
    },
  });
  caseGid = gid('EnforcementCase', c.id);
});
afterAll(() => s?.close());

const subscribe = (query: string, variables: Record<string, unknown>, token?: string) =>
  subscribeField(s.wsUrl, query, variables, token);

async function http(query: string, variables: Record<string, unknown>, token: string): Promise<GqlJson> {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  const r = Object.values(body.data as object)[0];
  return r.data ?? r;
}

const SUB = `subscription($a: ID) { impactAssessmentChanged(agencyId: $a) { revision status level } }`;

describe('impactAssessmentChanged', () => {
  it('every step, live, to the agency’s persons and supervisors; not to another agency nor the enterprise', async () => {
    const officer = subscribe(SUB, { a: w.agencyA.gid }, w.tokens.officerA);
    const supervisor = subscribe(SUB, {}, w.tokens.supervisor);
    const otherAgency = subscribe(SUB, {}, w.tokens.officerB);
    await untilSubscribers(s.app.events, 3);
    const refused = subscribe(SUB, { a: w.agencyA.gid }, w.tokens.officerB);
    const enterprise = subscribe(SUB, {}, w.tokens.enterprise);

    const a = await http(CREATE, { c: caseGid, i: content() }, w.tokens.officerA);
    expect(a.status, JSON.stringify(a)).toBe('DRAFT');
    // Each message carries the assessment as it stands when delivered: the next step waits for this one's delivery,
    // or a slow delivery of the first (PostgreSQL, loaded CI) shows the submitted state twice.
    await officer.until(1);
    await supervisor.until(1);
    expect((await http(step('submitImpactAssessment'), { a: a.id }, w.tokens.officerA)).status).toBe('SUBMITTED');

    const steps = [
      { revision: 1, status: 'DRAFT', level: null },
      { revision: 1, status: 'SUBMITTED', level: 'HIGH' },
    ];
    expect(await officer.until(2)).toEqual(steps);
    expect(await supervisor.until(2)).toEqual(steps);
    await sleep(300);
    expect(otherAgency.got).toEqual([]);
    expect(otherAgency.errors).toEqual([]);
    expect(refused.got).toEqual([]);
    expect(JSON.stringify(refused.errors)).toContain('FORBIDDEN');
    expect(enterprise.got).toEqual([]);
    expect(JSON.stringify(enterprise.errors)).toContain('FORBIDDEN');
    await Promise.all([officer, supervisor, otherAgency, refused, enterprise].map(async (x) => x.client.dispose()));
  });
});
