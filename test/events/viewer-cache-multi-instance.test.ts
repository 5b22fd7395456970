// The viewer cache across two instances on one PostgreSQL database: a role removed through
// instance A is gone on the very next request to instance B — the request B takes right after A
// answered, with B's cache warm. Once with NOTIFY (the usual way B hears), once with B deaf to it,
// which shows the lease alone keeps the promise (packages/server/src/viewer-cache.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '@zhifa/core/events';
import { type TestServer, gid, sleep, startTwoInstances, type GqlJson } from '@zhifa/testkit';

const VIEWER = `{ viewer { roles isSupervisor } }`;
const UPDATE_PERSON = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { __typename } }`;

for (const notify of [true, false]) {
  describe.skipIf(!process.env.ZHIFA_TEST_DATABASE_URL)(
    `viewer cache on two instances (${notify ? 'NOTIFY and lease' : 'lease alone, NOTIFY ignored'})`,
    () => {
      let a: TestServer;
      let b: TestServer;
      let close: () => Promise<void>;
      let admin: string;
      let bureau: number;
      let county: number;

      const gql = async (s: TestServer, token: string, query: string, variables: Record<string, unknown> = {}) => {
        const res = await fetch(s.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        return (await res.json()) as { data?: GqlJson; errors?: GqlJson[] };
      };

      beforeAll(async () => {
        ({ a, b, close } = await startTwoInstances({ viewerFeed: { notify } }));
        const p = a.db.prisma;
        county = (await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } })).id;
        bureau = (await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } })).id;
        admin = a.token(
          `person:${(await p.person.create({ data: { name: '系统管理员', agencyId: county, roles: ['SYSTEM_ADMIN'] } })).id}`,
        );
      });
      afterAll(() => close?.());

      it('a role removed through A is gone on the next request to B, every time', async () => {
        const sup = await a.db.prisma.person.create({
          data: { name: '监督员', agencyId: bureau, roles: ['SUPERVISOR'] },
        });
        const token = b.token(`person:${sup.id}`);
        for (let round = 0; round < 4; round++) {
          const roles = round % 2 === 0 ? ['AUXILIARY'] : ['SUPERVISOR'];
          // B's cache is warm: B served this caller a moment ago.
          const before = await gql(b, token, VIEWER);
          expect(before.data!.viewer.isSupervisor).toBe(round % 2 === 0);
          const hitsBefore = b.app.viewers.hits;
          await gql(b, token, VIEWER);
          expect(b.app.viewers.hits).toBeGreaterThan(hitsBefore);
          const res = await gql(a, admin, UPDATE_PERSON, {
            id: gid('Person', sup.id),
            input: { name: '监督员', roles, reason: '轮换岗位' },
          });
          expect(res.data!.updatePerson.__typename).toBe('MutationUpdatePersonSuccess');
          // The very next request, on the other instance.
          const after = await gql(b, token, VIEWER);
          expect(after.data!.viewer).toEqual({ roles, isSupervisor: roles.includes('SUPERVISOR') });
        }
      });

      it('a supervisor demoted through A no longer reads another agency’s events through B on the next request', async () => {
        const sup = await a.db.prisma.person.create({
          data: { name: '监督员乙', agencyId: bureau, roles: ['SUPERVISOR'] },
        });
        await appendEvent(a.db.prisma, { topic: 'x.county', agencyId: county, payload: {}, actor: 'test' });
        const token = b.token(`person:${sup.id}`);
        const EVENTS = `{ events(topics: ["x.county"]) { events { topic } } }`;
        const seen = async () => ((await gql(b, token, EVENTS)).data!.events.events as unknown[]).length;
        // Settled once no older transaction runs anywhere on the server (other test files share it).
        for (let waited = 0; (await seen()) === 0 && waited < 10_000; waited += 50) await sleep(50);
        expect(await seen()).toBe(1);
        await gql(a, admin, UPDATE_PERSON, {
          id: gid('Person', sup.id),
          input: { name: '监督员乙', roles: ['AUXILIARY'], reason: '调离监督岗位' },
        });
        expect(await seen()).toBe(0);
      });
    },
  );
}
