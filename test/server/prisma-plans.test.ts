// What prisma-plans.ts relies on: only values that cannot shape a plan become placeholders, the
// values go back exactly where the placeholders were, and requests that differ only in such values
// share one compiled plan. The whole suite runs with ZHIFA_PLAN_CHECK=1, which compares every
// parameterised plan with the literal one (vitest.config.ts): that is the broad proof.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  assertVerifiedPrisma,
  bind,
  installedPrismaVersion,
  parameterise,
  planStats,
  rawParameters,
  samePlan,
  VERIFIED_PRISMA_VERSIONS,
} from '../../packages/server/src/prisma-plans.js';
import { createHarness, type Harness, type GqlJson } from '@zhifa/testkit';

const req = (modelName: string, action: string, query: object) => JSON.stringify({ modelName, action, query });
const param = (n: number) => ({ $type: 'Param', value: `z${n}` });

describe('parameterise', () => {
  it('takes Int and String equality values out of where, at any depth, and out of data', () => {
    const p = parameterise(
      req('EnforcementCase', 'findMany', {
        arguments: {
          where: {
            agencyId: 48,
            OR: [{ number: { equals: '阜市监立〔2026〕3号' } }, { AND: [{ registeredBy: 'person:1' }] }],
          },
        },
        selection: { id: true, officers: { arguments: { where: { personId: 7 } }, selection: { personId: true } } },
      }),
    )!;
    expect(p.values).toEqual([48, '阜市监立〔2026〕3号', 'person:1', 7]);
    expect(JSON.parse(p.key).query).toEqual({
      arguments: {
        where: { agencyId: param(0), OR: [{ number: { equals: param(1) } }, { AND: [{ registeredBy: param(2) }] }] },
      },
      selection: {
        id: true,
        officers: { arguments: { where: { personId: param(3) } }, selection: { personId: true } },
      },
    });
    const rows = parameterise(
      req('CaseOfficer', 'createMany', {
        arguments: {
          data: [
            { caseId: 1, personId: 2 },
            { caseId: 1, personId: 3 },
          ],
        },
        selection: {},
      }),
    )!;
    expect(rows.values).toEqual([1, 2, 1, 3]);
  });

  it('takes a date as the ISO text the plan spells it with', () => {
    const p = parameterise(
      req('EnforcementCase', 'updateOne', {
        arguments: { where: { id: 3 }, data: { closedAt: { $type: 'DateTime', value: '2026-11-27T08:00:00.000Z' } } },
        selection: {},
      }),
    )!;
    expect(p.values).toEqual([3, '2026-11-27T08:00:00.000Z']);
  });

  it("keys a raw query by its SQL and its parameters' kinds; a kind it cannot tell stays uncached", () => {
    const raw = (parameters: unknown[]) =>
      JSON.stringify({
        action: 'queryRaw',
        query: {
          arguments: { query: 'SELECT $1, $2, $3, $4, $5', parameters: JSON.stringify(parameters) },
          selection: {},
        },
      });
    const a = rawParameters(raw([7, '阜', null, true, { prisma__type: 'bigint', prisma__value: '26578' }]))!;
    const b = rawParameters(raw([8, '宁', null, false, { prisma__type: 'bigint', prisma__value: '1' }]))!;
    expect(a.values).toEqual([7, '阜', null, true, '26578']);
    expect(a.key).toBe(b.key);
    expect(rawParameters(raw(['7', 7]))!.key).not.toBe(rawParameters(raw([7, '7']))!.key);
    expect(rawParameters(raw([1.5]))).toBeNull();
    expect(rawParameters(raw([2 ** 31]))).toBeNull();
    expect(rawParameters(raw([[1, 2]]))).toBeNull();
  });

  it('leaves in the key what may shape the plan: enums, null, lists, ranges, paging, order, case-insensitive matching, huge ints', () => {
    const shaping = req('EnforcementCase', 'findMany', {
      arguments: {
        where: {
          stage: 'INVESTIGATING',
          enterpriseId: null,
          id: { in: [1, 2] },
          decidedAt: { gt: { $type: 'DateTime', value: '2026-01-01T00:00:00.000Z' } },
          violation: { equals: 'x', mode: 'insensitive' },
          agencyId: 2 ** 31,
        },
        take: 21,
        orderBy: [{ id: 'asc' }],
      },
      selection: { id: true },
    });
    expect(parameterise(shaping)).toBeNull();
    expect(
      parameterise(
        req('EnforcementCase', 'updateOne', {
          arguments: { where: { id: 2 ** 31 - 1 }, data: { stage: 'CLOSED' } },
          selection: {},
        }),
      )!.values,
    ).toEqual([2 ** 31 - 1]);
    // The compiler makes an upsert one INSERT … ON CONFLICT only when it sees the same unique value in where and create.
    expect(
      parameterise(
        req('Meta', 'upsertOne', {
          arguments: { where: { key: 'demo_data' }, create: { key: 'demo_data', value: 'x' }, update: { value: 'x' } },
          selection: {},
        }),
      ),
    ).toBeNull();
    expect(
      parameterise(
        JSON.stringify({ action: 'queryRaw', query: { arguments: { query: 'SELECT 1', parameters: '[]' } } }),
      ),
    ).toBeNull();
  });
});

describe('bind', () => {
  it("puts each value where its placeholder was, shares untouched branches, leaves Prisma's own placeholders alone", () => {
    const own = { prisma__type: 'param', prisma__value: { name: '@generated$row0$id', type: 'Int' } };
    const untouched = { type: 'stringChunk', chunk: 'SELECT' };
    const plan = {
      args: {
        fragments: [untouched],
        args: [
          { prisma__type: 'param', prisma__value: { name: 'z1', type: 'String' } },
          '1',
          own,
          { prisma__type: 'param', prisma__value: { name: 'z0', type: 'Int' } },
        ],
      },
    };
    const bound = bind(plan, [48, '阜市监']) as GqlJson;
    expect(bound.args.args).toEqual(['阜市监', '1', own, 48]);
    expect(bound.args.fragments).toBe(plan.args.fragments);
    expect(plan.args.args[0]).toEqual({ prisma__type: 'param', prisma__value: { name: 'z1', type: 'String' } });
  });

  it('samePlan tells a literal Int apart from nothing but its spelling', () => {
    const literal = { args: ['48'], argTypes: [{ scalarType: 'bigint' }], sql: 'WHERE id = $1' };
    expect(samePlan({ args: [48], argTypes: [{ scalarType: 'int' }], sql: 'WHERE id = $1' }, literal)).toBe(true);
    expect(samePlan({ args: [49], argTypes: [{ scalarType: 'int' }], sql: 'WHERE id = $1' }, literal)).toBe(false);
    expect(samePlan({ args: [48], argTypes: [{ scalarType: 'int' }], sql: 'WHERE id > $1' }, literal)).toBe(false);
  });

  it('samePlan compares records whatever their key order, lists in theirs', () => {
    // The compiler writes a compound cursor in a HashMap's order, which differs between compiles (the
    // cursors test failed intermittently on a list's items paged after a returned cursor).
    const plan = (cursor: object, on: string[]) => ({ operations: { pagination: { cursor, take: 2, skip: 1 } }, on });
    expect(samePlan(plan({ seq: 1, listId: 5 }, ['id', 'listId']), plan({ listId: 5, seq: 1 }, ['id', 'listId']))).toBe(
      true,
    );
    expect(samePlan(plan({ seq: 1, listId: 5 }, ['id', 'listId']), plan({ listId: 5, seq: 2 }, ['id', 'listId']))).toBe(
      false,
    );
    expect(samePlan(plan({ listId: 5, seq: 1 }, ['id', 'listId']), plan({ listId: 5, seq: 1 }, ['listId', 'id']))).toBe(
      false,
    );
  });
});

describe('on the database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h?.close());

  it('the suite compares every parameterised plan with the literal one', () => {
    expect(process.env.ZHIFA_PLAN_CHECK).toBe('1');
  });

  it('compiles a lookup, a write and an update once for all their values, and each gets its own', async () => {
    const p = h.db.prisma;
    const compiled = () => planStats.compiled;
    const names = ['阜宁县人民政府', '阜宁县市场监督管理局', '阜宁县城市管理局'];
    const created = [];
    for (const [i, name] of names.entries()) {
      const before = compiled();
      created.push(await p.agency.create({ data: { name, kind: 'ENFORCEMENT_AGENCY', documentPrefix: `阜${i}` } }));
      if (i > 0) expect(compiled(), 'create').toBe(before);
    }
    for (const [i, a] of created.entries()) {
      const before = compiled();
      expect(await p.agency.findUnique({ where: { id: a.id } })).toMatchObject({
        name: names[i],
        documentPrefix: `阜${i}`,
      });
      if (i > 0) expect(compiled(), 'findUnique').toBe(before);
    }
    const before = compiled();
    await p.agency.update({ where: { id: created[0].id }, data: { name: '阜宁县政府' } });
    await p.agency.update({ where: { id: created[1].id }, data: { name: '阜宁县市监局' } });
    expect(compiled() - before).toBe(1);
    expect(
      (await p.agency.findMany({ where: { id: { in: created.map((a) => a.id) } }, orderBy: { id: 'asc' } })).map(
        (a) => a.name,
      ),
    ).toEqual(['阜宁县政府', '阜宁县市监局', '阜宁县城市管理局']);
  });

  it('compiles a raw query once for all its values, and each gets its own rows', async () => {
    const p = h.db.prisma;
    const a = await p.agency.create({ data: { name: '阜宁县交通运输局', kind: 'ENFORCEMENT_AGENCY' } });
    const b = await p.agency.create({ data: { name: '阜宁县应急管理局', kind: 'ENFORCEMENT_AGENCY' } });
    const name = (id: number) =>
      p.$queryRaw<
        { name: string }[]
      >`SELECT name FROM "Agency" WHERE id = ${id} AND kind = ${'ENFORCEMENT_AGENCY'}::"AgencyKind"`;
    expect(await name(a.id)).toEqual([{ name: '阜宁县交通运输局' }]);
    const before = planStats.compiled;
    expect(await name(b.id)).toEqual([{ name: '阜宁县应急管理局' }]);
    expect(await p.$executeRaw`UPDATE "Agency" SET name = ${'阜宁县交通局'} WHERE id = ${a.id}`).toBe(1);
    expect(await p.$executeRaw`UPDATE "Agency" SET name = ${'阜宁县应急局'} WHERE id = ${b.id}`).toBe(1);
    expect(planStats.compiled - before).toBe(1);
    expect([...(await name(a.id)), ...(await name(b.id))]).toEqual([
      { name: '阜宁县交通局' },
      { name: '阜宁县应急局' },
    ]);
  });

  it('a relation paged after a compound cursor: the cached plan agrees with every fresh compile', async () => {
    // Each request compiles afresh beside the cached plan (ZHIFA_PLAN_CHECK), and the compiler's key order of
    // the cursor varies between compiles: twenty-four requests all agree only if the check ignores that order.
    const p = h.db.prisma;
    const series = await p.listSeries.create({ data: { kind: 'NON_PENALTY' } });
    const agency = await p.agency.create({ data: { name: '阜宁县游标测试局', kind: 'ENFORCEMENT_AGENCY' } });
    const list = await p.enforcementList.create({
      data: {
        kind: 'NON_PENALTY',
        seriesId: series.id,
        version: 1,
        title: '游标测试清单',
        domain: '市场监管',
        agencyId: agency.id,
      },
    });
    const item = {
      violation: '违法行为',
      violatedProvision: '某条',
      penaltyProvision: '某条',
      applicableConditions: '情形',
    };
    await p.listItem.createMany({
      data: [1, 2, 3].map((seq) => ({ ...item, listId: list.id, seq, domain: '市场监管' })),
    });
    for (let i = 0; i < 24; i++) {
      const page = await p.enforcementList.findUnique({
        where: { id: list.id },
        select: {
          id: true,
          items: {
            cursor: { listId_seq: { listId: list.id, seq: 1 } },
            skip: 1,
            take: i % 2 ? -2 : 2,
            orderBy: { seq: 'asc' },
            select: { seq: true },
          },
        },
      });
      expect(page?.items.map((x) => x.seq)).toEqual(i % 2 ? [] : [2, 3]);
    }
  });

  it('an enum value stays in the key: each value its own plan, each applied', async () => {
    const p = h.db.prisma;
    const a = await p.agency.create({ data: { name: '阜宁县人民政府（枚举）', kind: 'COUNTY_GOVERNMENT' } });
    await p.agency.update({ where: { id: a.id }, data: { kind: 'TOWNSHIP' } });
    expect((await p.agency.findUniqueOrThrow({ where: { id: a.id } })).kind).toBe('TOWNSHIP');
    expect(await p.agency.count({ where: { id: a.id, kind: 'COUNTY_GOVERNMENT' } })).toBe(0);
  });
});

describe('the Prisma it was verified on', () => {
  // Read from the installed package itself, not through the module under test.
  const installed = (
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '../../node_modules/@prisma/client/package.json'), 'utf8'),
    ) as { version: string }
  ).version;

  it('the installed @prisma/client is a version the plan cache was verified on', () => {
    expect(installedPrismaVersion()).toBe(installed);
    expect(
      VERIFIED_PRISMA_VERSIONS,
      `@prisma/client ${installed} is installed, but packages/server/src/prisma-plans.ts patches Prisma's private ` +
        `query compiler and was verified only on ${VERIFIED_PRISMA_VERSIONS.join(', ')}. Re-verify it (see ` +
        `assertVerifiedPrisma: the compiler's compile(request) and Param placeholders, this file, and the whole ` +
        `suite with ZHIFA_PLAN_CHECK=1 on both databases), then add ${installed} to VERIFIED_PRISMA_VERSIONS.`,
    ).toContain(installed);
  });

  it('refuses to install on any other version, saying what to re-verify', () => {
    expect(() => assertVerifiedPrisma(installed)).not.toThrow();
    expect(() => assertVerifiedPrisma('0.0.0-unverified')).toThrow(
      /was verified on @prisma\/client .+, not on the installed 0\.0\.0-unverified\. Re-verify/,
    );
    expect(() => assertVerifiedPrisma('0.0.0-unverified')).toThrow(/VERIFIED_PRISMA_VERSIONS/);
  });
});
