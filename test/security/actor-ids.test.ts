// Issue 7, finding 7: internal actor ids (person:12, apikey:3) are for staff. An enterprise user, the
// survey organisation and the public see events with a null actor, and in recordedBy / decidedBy /
// usccOverrideBy only what kind of actor it was (rows.ts: canSeeActorIds, actorShownTo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApiKey } from '@zhifa/core';
import { nonPenaltyPlugin } from '@zhifa/plugin-non-penalty';
import { createHarness, gid, idOf, untilEventsSettled, type Harness, type GqlJson } from '@zhifa/testkit';
import { directCase, MEASURE, measureInput, OPEN_CASE, seedCounty, type County } from '../core/case-fixtures.js';

let h: Harness;
let c: County;
let surveyKey: string;
let caseId: string;
let decisionId: string;

beforeAll(async () => {
  h = await createHarness({ plugins: [nonPenaltyPlugin] });
  c = await seedCounty(h);
  const p = h.db.prisma;
  // Written through the API, so the events and recordedBy carry the officer's actor id.
  const opened = await h.gql(
    OPEN_CASE,
    {
      input: {
        agencyId: gid('Agency', c.market.id),
        matterId: gid('EnforcementMatter', c.matters.licence.id),
        enterpriseId: gid('Enterprise', c.shop.id),
        violationOn: '2025-01-02',
        facts: '违法行为',
      },
    },
    c.tokens.o1,
  );
  caseId = opened.data.openCase.data.id;
  // A measure is taken by two officers assigned to the case (行政强制法 第18条).
  await p.caseOfficer.createMany({
    data: [c.people.o1.id, c.people.o2.id].map((personId) => ({ caseId: idOf(caseId), personId })),
  });
  const measure = await h.gql(
    MEASURE,
    { caseId, input: measureInput([c.people.o1.id, c.people.o2.id], { kind: 'SEIZURE', object: '过期食品 3 箱' }) },
    c.tokens.o1,
  );
  expect(measure.data.recordCompulsoryMeasure.data.recordedBy).toBe(`person:${c.people.o1.id}`);
  await p.enterprise.update({
    where: { id: c.shop.id },
    data: {
      usccOverrideReason: '早期试点代码',
      usccOverrideBy: `person:${c.people.o1.id}`,
      usccOverrideAt: new Date(),
    },
  });
  // A no-penalty decision on another of the shop's cases, written directly.
  const decided = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW');
  const series = await p.listSeries.create({ data: { kind: 'NON_PENALTY' } });
  const list = await p.enforcementList.create({
    data: {
      kind: 'NON_PENALTY',
      seriesId: series.id,
      version: 1,
      title: '清单',
      domain: '市场监管',
      agencyId: c.market.id,
      status: 'PUBLISHED',
    },
  });
  const item = await p.listItem.create({
    data: {
      listId: list.id,
      seq: 1,
      domain: '市场监管',
      violation: '甲',
      violatedProvision: '乙',
      penaltyProvision: '丙',
      applicableConditions: '丁',
      attributes: { itemKind: 'MINOR', correctionDeadlineDays: 3 },
    },
  });
  const d = await p.nonPenaltyDecision.create({
    data: {
      caseId: decided.id,
      itemId: item.id,
      listId: list.id,
      listVersion: 1,
      agencyId: c.market.id,
      enterpriseId: c.shop.id,
      domain: '市场监管',
      itemKind: 'MINOR',
      facts: {},
      evaluation: {},
      correctionContent: '改正',
      correctionOrderedOn: new Date('2025-01-01'),
      correctionDeadline: new Date('2025-01-04'),
      education: '教育',
      decidedBy: `person:${c.people.o1.id}`,
      decidedAt: new Date(),
    },
  });
  decisionId = gid('NonPenaltyDecision', d.id);
  const org = await p.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } });
  const key = newApiKey();
  await p.apiKey.create({ data: { agencyId: org.id, label: 'test', prefix: key.prefix, hash: key.hash } });
  surveyKey = key.key;
  // An event of the survey organisation's own agency (visible to it), written by a system admin.
  await h.gql(
    `mutation($id: ID!) { updateAgency(id: $id, input: { name: "江苏众信社会调查有限公司", kind: SURVEY_ORGANISATION }) { __typename } }`,
    { id: gid('Agency', org.id) },
    c.tokens.sysAdmin,
  );
  await untilSettled();
});

const untilSettled = () => untilEventsSettled(h, c.tokens.supervisor);
afterAll(() => h?.close());

const EVENTS = `{ events(first: 100) { events { topic actor payload } } }`;
const READ = `query($case: ID!, $shop: ID!, $decision: ID!) {
  case(id: $case) { compulsoryMeasures { edges { node { recordedBy } } } }
  enterprise(id: $shop) { usccOverrideBy }
  node(id: $decision) { ... on NonPenaltyDecision { decidedBy } }
}`;

describe('actor ids', () => {
  it('an enterprise user sees its events without actor ids, and only the kind of actor elsewhere', async () => {
    const events = await h.gql(EVENTS, undefined, c.tokens.shop);
    expect(events.errors).toBeUndefined();
    const seen = events.data.events.events;
    expect(seen.map((e: GqlJson) => e.topic)).toEqual(
      expect.arrayContaining(['case.opened', 'case.compulsoryMeasureRecorded']),
    );
    expect(seen.every((e: GqlJson) => e.actor === null)).toBe(true);
    const read = await h.gql(
      READ,
      { case: caseId, shop: gid('Enterprise', c.shop.id), decision: decisionId },
      c.tokens.shop,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data).toEqual({
      case: { compulsoryMeasures: { edges: [{ node: { recordedBy: '工作人员 agency staff' } }] } },
      enterprise: { usccOverrideBy: '工作人员 agency staff' },
      node: { decidedBy: '工作人员 agency staff' },
    });
    expect(JSON.stringify([events, read])).not.toMatch(/person:\d/);
  });

  it('the survey organisation and the public see no actor ids either', async () => {
    for (const token of [surveyKey, undefined]) {
      const res = await h.gql(EVENTS, undefined, token);
      expect(res.data.events.events.length).toBeGreaterThan(0);
      expect(JSON.stringify(res)).not.toMatch(/person:\d/);
    }
  });

  it('staff see the actor ids', async () => {
    const events = await h.gql(EVENTS, undefined, c.tokens.supervisor);
    const opened = events.data.events.events.find((e: GqlJson) => e.topic === 'case.opened');
    expect(opened.actor).toBe(`person:${c.people.o1.id}`);
    const read = await h.gql(
      READ,
      { case: caseId, shop: gid('Enterprise', c.shop.id), decision: decisionId },
      c.tokens.o1,
    );
    expect(read.data).toEqual({
      case: { compulsoryMeasures: { edges: [{ node: { recordedBy: `person:${c.people.o1.id}` } }] } },
      enterprise: { usccOverrideBy: `person:${c.people.o1.id}` },
      node: { decidedBy: `person:${c.people.o1.id}` },
    });
  });
});
