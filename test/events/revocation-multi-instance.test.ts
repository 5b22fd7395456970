// Access revoked on one instance ends subscriptions on another: the change is an event in the
// outbox, every instance reads it in order, and its subscribers are checked again before anything
// after it is delivered.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newApiKey, revokeApiKey } from '@zhifa/core';

import { type TestServer, emitPlugin, sleep, untilSubscribers, watchEvents, startTwoInstances } from '@zhifa/testkit';

const EMIT = `mutation($topic: String!, $agencyId: Int, $n: Int) { testEmitEvent(topic: $topic, agencyId: $agencyId, n: $n) }`;

describe.skipIf(!process.env.ZHIFA_TEST_DATABASE_URL)(
  'revocation across two instances on one PostgreSQL database',
  () => {
    let a: TestServer;
    let b: TestServer;
    let admin: string;
    let bureau: number;
    let agencyB: number;
    let org: number;

    const gql = async (url: string, query: string, variables: Record<string, unknown>) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
          body: JSON.stringify({ query, variables }),
        })
      ).json();

    beforeAll(async () => {
      ({ a, b } = await startTwoInstances({ plugins: [emitPlugin] }));
      const p = a.db.prisma;
      const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
      bureau = (await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } })).id;
      agencyB = (await p.agency.create({ data: { name: '阜宁县生态环境局', kind: 'ENFORCEMENT_AGENCY' } })).id;
      org = (await p.agency.create({ data: { name: '江苏众信社会调查有限公司', kind: 'SURVEY_ORGANISATION' } })).id;
      admin = a.token(
        `person:${(await p.person.create({ data: { name: '系统管理员', agencyId: county.id, roles: ['SYSTEM_ADMIN'] } })).id}`,
      );
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
    });
    beforeEach(async () => {
      await untilSubscribers(a.app.events, 0);
      await untilSubscribers(b.app.events, 0);
    });

    it('a supervisor demoted through instance A loses the subscription held on instance B', async () => {
      const sup = await a.db.prisma.person.create({
        data: { name: '监督员', agencyId: bureau, roles: ['SUPERVISOR'] },
      });
      const sub = watchEvents(b.wsUrl, { token: b.token(`person:${sup.id}`), topics: ['x.demote'] });
      await untilSubscribers(b.app.events, 1);
      await gql(a.url, EMIT, { topic: 'x.demote', agencyId: agencyB, n: 1 });
      await sub.waitFor(1);
      const res = await gql(
        a.url,
        `mutation($id: ID!) { updatePerson(id: $id, input: { name: "监督员", roles: [AUXILIARY], reason: "调离监督岗位" }) { __typename } }`,
        {
          id: Buffer.from(`Person:${sup.id}`).toString('base64'),
        },
      );
      expect(res.data.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
      await gql(a.url, EMIT, { topic: 'x.demote', agencyId: agencyB, n: 2 });
      const end = await sub.ended();
      expect(end.errors[0].extensions.code).toBe('FORBIDDEN');
      await sleep(300);
      expect(sub.ns()).toEqual([1]);
      await sub.close();
    });

    it('an API key revoked against instance A closes its connection on instance B with 4403', async () => {
      const k = newApiKey();
      const key = await a.db.prisma.apiKey.create({
        data: { agencyId: org, label: 'x-instance', prefix: k.prefix, hash: k.hash },
      });
      const sub = watchEvents(b.wsUrl, { authorization: `ApiKey ${k.key}`, topics: ['x.key'] });
      await untilSubscribers(b.app.events, 1);
      await gql(a.url, EMIT, { topic: 'x.key', agencyId: org, n: 1 });
      await sub.waitFor(1);
      await revokeApiKey(a.db.prisma, String(key.id), { events: a.app.events });
      await gql(a.url, EMIT, { topic: 'x.key', agencyId: org, n: 2 });
      const end = await sub.ended();
      expect(end.close).toMatchObject({ code: 4403 });
      expect(sub.ns()).toEqual([1]);
    });
  },
);
