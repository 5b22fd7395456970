// N+1 guards: `enterprises(first: N) { softMeasures(first: 5) { … } }` and the same through `agencies` cost the same
// statements for 2 parents as for 20 — the nested connections are selected within the parents' query, with the row
// rule ANDed in, and the measures' own relations (agency, enterprise, case, matter, officer, follow-up case) batched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, gid, type GqlJson } from '@zhifa/testkit';
import { createSoftWorld, enterpriseOf, shanghaiDay, type SoftWorld } from './soft-fixtures.js';

let w: SoftWorld;
beforeAll(async () => {
  w = await createSoftWorld();
});
afterAll(() => w?.h.close());

const NESTED = `totalCount edges { node { id kind takenOn followUpOn followUpOverdue outcome participants recordedBy
  agency { name } enterprise { name } case { number } matter { code } officer { name } followUpCase { number } } }`;

/** `n` enterprises named with `tag`, each with three measures of A (one in the world's case, on the matter). */
async function enterprisesWithMeasures(n: number, tag: string) {
  const p = w.h.db.prisma;
  for (let i = 0; i < n; i++) {
    const e = await enterpriseOf(w, tag);
    for (let k = 0; k < 3; k++)
      await p.softMeasure.create({
        data: {
          agencyId: w.agencyA.id,
          kind: k === 0 ? 'INTERVIEW' : 'REMINDER',
          enterpriseId: e.id,
          matterId: w.matter.id,
          caseId: k === 2 ? w.caseA.id : null,
          content: '提醒公示营业执照',
          basis: '《市场主体登记管理条例》第三十六条',
          officerId: w.people.officerA.id,
          participants: k === 0 ? ['王某（法定代表人）', '张某（员工）'] : [],
          takenOn: new Date(`${shanghaiDay(-3)}T00:00:00Z`),
          followUpOn: new Date(`${shanghaiDay(-1)}T00:00:00Z`),
          recordedBy: `person:${w.people.officerA.id}`,
          recordedAt: new Date(),
        },
      });
  }
}

describe('N+1', () => {
  it('enterprises(first: N) { softMeasures(first: 5) }: the same statements for 2 and for 20 enterprises', async () => {
    await enterprisesWithMeasures(2, '两家');
    await enterprisesWithMeasures(20, '二十家');
    const q = (tag: string) =>
      `{ enterprises(search: "${tag}", first: 100) { edges { node { name softMeasures(first: 5) { ${NESTED} } } } } }`;
    for (const token of [w.tokens.officerA, w.tokens.supervisor]) {
      const run = (tag: string) => countStatements(w.h, () => w.h.gql(q(tag), {}, token));
      await run('两家'); // the caller's first request reads who they are; later ones do not
      const a = await run('两家');
      const b = await run('二十家');
      expect(b.result.errors).toBeUndefined();
      const edges = b.result.data.enterprises.edges as GqlJson[];
      expect(edges).toHaveLength(20);
      expect(edges.every((e) => e.node.softMeasures.totalCount === 3 && e.node.softMeasures.edges.length === 3)).toBe(
        true,
      );
      expect(edges[0].node.softMeasures.edges[0].node).toMatchObject({
        agency: { name: w.agencyA.name },
        matter: { code: w.matter.code },
        officer: { name: w.people.officerA.name },
        followUpOverdue: true,
      });
      expect(b.count).toBe(a.count);
    }
  });

  it('agencies(first: N) { softMeasures(first: 5) }: the same statements for 2 and for 20 agencies', async () => {
    const p = w.h.db.prisma;
    const agencies = async (n: number, tag: string) => {
      const parent = await p.agency.create({ data: { name: `${tag}上级`, kind: 'COUNTY_GOVERNMENT' } });
      for (let i = 0; i < n; i++) {
        const a = await p.agency.create({
          data: { name: `${tag}${i}`, kind: 'ENFORCEMENT_AGENCY', parentId: parent.id, domains: ['市场监管'] },
        });
        const officer = await p.person.create({
          data: { agencyId: a.id, name: `${tag}执法员${i}`, roles: ['OFFICER'] },
        });
        for (let k = 0; k < 2; k++)
          await p.softMeasure.create({
            data: {
              agencyId: a.id,
              kind: 'NOTICE',
              enterpriseId: w.enterprise.id,
              content: '告知整改要求',
              basis: '《市场主体登记管理条例》第三十六条',
              officerId: officer.id,
              takenOn: new Date(`${shanghaiDay(-2)}T00:00:00Z`),
              recordedBy: `person:${officer.id}`,
              recordedAt: new Date(),
            },
          });
      }
      return gid('Agency', parent.id);
    };
    const small = await agencies(2, '两个单位');
    const large = await agencies(20, '二十个单位');
    const q = (parent: string) =>
      `{ agencies(parentId: "${parent}", first: 100) { edges { node { name softMeasures(first: 5) { ${NESTED} } } } } }`;
    for (const token of [w.tokens.supervisor, w.tokens.enterprise]) {
      const run = (parent: string) => countStatements(w.h, () => w.h.gql(q(parent), {}, token));
      await run(small);
      const a = await run(small);
      const b = await run(large);
      expect(b.result.errors).toBeUndefined();
      const edges = b.result.data.agencies.edges as GqlJson[];
      expect(edges).toHaveLength(20);
      expect(edges.every((e) => e.node.softMeasures.totalCount === 2)).toBe(true);
      expect(b.count).toBe(a.count);
    }
  });
});
