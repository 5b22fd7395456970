// End to end: the server's own overdue sweep (ZHIFA_CASE_MEASURE_SWEEP_SECONDS, here 1 s) reports a
// compulsory measure past its term (行政强制法 第25条) once, and a supervisor subscribed to `events`
// over a real WebSocket receives it; an officer of another agency does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@zhifa/core/time';
import {
  gid,
  sleep,
  startTestServer,
  subscribeEvents,
  testSettings,
  untilSubscribers,
  type TestServer,
} from '@zhifa/testkit';

const DAY = 86_400_000;
let s: TestServer;
let supervisor: string;
let otherOfficer: string;
let agencyId: number;
let caseId: number;

beforeAll(async () => {
  s = await startTestServer({ settings: testSettings({ measureSweepSeconds: 1 }) });
  const p = s.db.prisma;
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  const agency = await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY' } });
  const other = await p.agency.create({ data: { name: '阜宁县生态环境局', kind: 'ENFORCEMENT_AGENCY' } });
  agencyId = agency.id;
  supervisor = s.token(
    `person:${(await p.person.create({ data: { agencyId: bureau.id, name: '监督员', roles: ['SUPERVISOR'] } })).id}`,
  );
  otherOfficer = s.token(
    `person:${(await p.person.create({ data: { agencyId: other.id, name: '环保执法员', roles: ['OFFICER'] } })).id}`,
  );
  const k = await p.enforcementCase.create({
    data: {
      number: '阜市监立〔2026〕超期1号',
      agencyId: agency.id,
      partyKind: 'NATURAL_PERSON',
      partyDescription: '某个体摊贩（不具名）',
      violation: '销售过期食品',
      violatedProvision: '《食品安全法》第三十四条',
      penaltyProvision: '《食品安全法》第一百二十四条',
      stage: 'INVESTIGATING',
    },
  });
  caseId = k.id;
});
afterAll(() => s?.close());

describe('compulsoryMeasure.overdue over WebSocket', () => {
  it('the sweep reports a measure past its term once; supervisors receive it, another agency does not', async () => {
    const sub = subscribeEvents(s.wsUrl, { token: supervisor, topics: ['compulsoryMeasure.overdue'] });
    const stranger = subscribeEvents(s.wsUrl, { token: otherOfficer, topics: ['compulsoryMeasure.overdue'] });
    await untilSubscribers(s.app.events, 2);
    // Taken 31 days ago (Beijing time): its last day in force was yesterday.
    const today = shanghaiToday(new Date());
    const m = await s.db.prisma.compulsoryMeasure.create({
      data: {
        caseId,
        kind: 'SEIZURE',
        object: '过期食品 20 箱',
        recordedBy: 'person:1',
        status: 'IN_FORCE',
        takenAt: new Date(Date.now() - 31 * DAY),
        approvedAt: new Date(Date.now() - 31 * DAY),
        dueOn: new Date(today.getTime() - DAY),
        officerIds: [],
      },
    });
    const [event] = await sub.waitFor(1, 15_000);
    expect(event).toMatchObject({ topic: 'compulsoryMeasure.overdue', agencyId: gid('Agency', agencyId) });
    expect(event.payload).toMatchObject({
      measureId: m.id,
      caseId,
      kind: 'SEIZURE',
      dueOn: new Date(today.getTime() - DAY).toISOString().slice(0, 10),
    });
    // Further sweeps (every second) report nothing more.
    await sleep(2_500);
    expect(sub.events).toHaveLength(1);
    expect(stranger.events).toHaveLength(0);
    expect(await s.db.prisma.event.count({ where: { topic: 'compulsoryMeasure.overdue' } })).toBe(1);
    expect(
      (await s.db.prisma.compulsoryMeasure.findUniqueOrThrow({ where: { id: m.id } })).overdueNotifiedAt,
    ).not.toBeNull();
    await Promise.all([sub.close(), stranger.close()]);
  });
});
