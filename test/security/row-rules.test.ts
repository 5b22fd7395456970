// Row rules the framework enforces (issue 15): a Prisma-backed type cannot be exposed without a
// declared rule, and the rule holds on every path that loads the type even when the code exposing
// it forgets it. The "forgetful" plugin below writes the fields a hurried plugin author would:
// no filter anywhere — the rows must still be the viewer's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema, nodeRowId, parseId, type ZhifaPlugin } from '@zhifa/core';
import { defineRowRule, isStaff, publicRows } from '@zhifa/core/auth';
import { createBaseWorld, createHarness, createMatter, gid, type BaseWorld, type Harness } from '@zhifa/testkit';

/** A plugin type with its own rule: staff see every series, no one else any. */
const seriesRule = defineRowRule('ListSeries', { where: (v) => (isStaff(v) ? {} : null) });

const forgetful: ZhifaPlugin = {
  name: 'test-forgetful',
  register(builder) {
    builder.prismaNode('ListSeries', {
      variant: 'TestSeries',
      id: { field: 'id' },
      nullable: true,
      rowRule: seriesRule,
      // Names the row only: the framework adds the rule.
      findUnique: (id) => ({ id: nodeRowId(id) }),
      fields: (t) => ({ kind: t.exposeString('kind') }),
    });
    builder.queryFields((t) => ({
      forgetfulCases: t.prismaConnection({
        type: 'EnforcementCase',
        cursor: 'id',
        totalCount: (_p, _a, ctx) => ctx.prisma.enforcementCase.count(),
        resolve: (query, _p, _a, ctx) => ctx.prisma.enforcementCase.findMany({ ...query, orderBy: { id: 'asc' } }),
      }),
      forgetfulCase: t.prismaField({
        type: 'EnforcementCase',
        nullable: true,
        args: { id: t.arg.globalID({ required: true }) },
        resolve: (query, _p, args, ctx) =>
          ctx.prisma.enforcementCase.findUnique({
            ...query,
            where: { id: parseId(args.id, 'EnforcementCase', ['id']) },
          }),
      }),
      forgetfulCaseCount: t.int({ resolve: (_p, _a, ctx) => ctx.prisma.enforcementCase.count() }),
    }));
    builder.prismaObjectFields('Enterprise', (t) => ({
      forgetfulCases: t.relatedConnection('cases', { cursor: 'id', totalCount: true, nullable: true }),
      forgetfulCaseList: t.relation('cases', { nullable: true }),
    }));
  },
};

const typeWithoutRule = (model: 'ListSeries', rule?: unknown): ZhifaPlugin => ({
  name: 'test-no-rule',
  register(builder) {
    builder.prismaObject(model, {
      ...(rule ? { rowRule: rule as never } : {}),
      fields: (t) => ({ kind: t.exposeString('kind') }),
    });
    builder.queryField('testSeries', (t) =>
      t.prismaField({ type: [model], resolve: (query, _p, _a, ctx) => ctx.prisma.listSeries.findMany(query) }),
    );
  },
});

describe('building the schema', () => {
  it('fails for a Prisma-backed type that declares no row rule', () => {
    expect(() => createSchema({ plugins: [typeWithoutRule('ListSeries')] })).toThrow(
      /ListSeries \(Prisma model ListSeries\) declares no rowRule/,
    );
  });

  it('fails for a rule of another model, and builds with an explicit public rule', () => {
    expect(() => createSchema({ plugins: [typeWithoutRule('ListSeries', publicRows('Agency'))] })).toThrow(
      /of model ListSeries but its rowRule is for Agency/,
    );
    expect(() => createSchema({ plugins: [typeWithoutRule('ListSeries', publicRows('ListSeries'))] })).not.toThrow();
  });
});

describe('every path applies the rule', () => {
  let h: Harness;
  let w: BaseWorld;
  const caseIds = { a: [] as number[], b: [] as number[], other: 0 };
  let seriesId = 0;

  beforeAll(async () => {
    h = await createHarness({ plugins: [forgetful] });
    w = await createBaseWorld(h);
    const p = h.db.prisma;
    const other = await p.enterprise.create({
      data: {
        uscc: '91320923MA1XXXXX0Y',
        name: '另一家企业',
        kind: 'COMPANY',
        legalRepresentative: '王五',
        address: '阜宁县',
        industry: '餐饮',
        scale: 'MICRO',
        employees: 3,
        creditRiskClass: 'A',
      },
    });
    const draft = await createMatter(p, { published: false });
    let n = 0;
    const kase = (agencyId: number, enterpriseId: number, matterId: number | null = null) =>
      p.enforcementCase.create({
        data: {
          number: `测〔2026〕${++n}号`,
          agencyId,
          enterpriseId,
          matterId,
          partyKind: 'ENTERPRISE',
          violation: '违法行为',
          violatedProvision: '违法依据',
          penaltyProvision: '处罚依据',
        },
      });
    // The world's enterprise has cases in both agencies; another enterprise one in agency A.
    caseIds.a.push(
      (await kase(w.agencyA.id, w.enterprise.id, draft.id)).id,
      (await kase(w.agencyA.id, w.enterprise.id)).id,
    );
    caseIds.b.push((await kase(w.agencyB.id, w.enterprise.id)).id);
    caseIds.other = (await kase(w.agencyA.id, other.id)).id;
    seriesId = (await p.listSeries.create({ data: { kind: 'TEST' } })).id;
  });
  afterAll(() => h?.close());

  const ids = (edges: { node: { id: string } }[]) => edges.map((e) => e.node.id);

  it('a top-level connection whose resolver filters nothing: the rows and totalCount are the viewer’s', async () => {
    const q = `{ forgetfulCases(first: 50) { totalCount edges { node { id } } } forgetfulCaseCount }`;
    const officerB = await h.gql(q, undefined, w.tokens.officerB);
    expect(officerB.errors).toBeUndefined();
    expect(ids(officerB.data.forgetfulCases.edges)).toEqual(caseIds.b.map((id) => gid('EnforcementCase', id)));
    expect(officerB.data.forgetfulCases.totalCount).toBe(1);
    // A field that returns no case at all (a count) reads through the same rule.
    expect(officerB.data.forgetfulCaseCount).toBe(1);

    const shop = await h.gql(q, undefined, w.tokens.enterprise);
    expect(ids(shop.data.forgetfulCases.edges).sort()).toEqual(
      [...caseIds.a, ...caseIds.b].map((id) => gid('EnforcementCase', id)).sort(),
    );
    expect(shop.data.forgetfulCases.totalCount).toBe(3);

    // No rule grants the public any case: nothing, and no statement is spent on it.
    const anon = await h.gql(q);
    expect(anon.data).toEqual({ forgetfulCases: { totalCount: 0, edges: [] }, forgetfulCaseCount: 0 });
  });

  it('a lookup by id of a row the viewer may not read is null', async () => {
    const q = `query($id: ID!) { forgetfulCase(id: $id) { id } }`;
    const hidden = await h.gql(q, { id: gid('EnforcementCase', caseIds.a[0]) }, w.tokens.officerB);
    expect(hidden).toEqual({ data: { forgetfulCase: null } });
    const own = await h.gql(q, { id: gid('EnforcementCase', caseIds.b[0]) }, w.tokens.officerB);
    expect(own.data.forgetfulCase).toEqual({ id: gid('EnforcementCase', caseIds.b[0]) });
  });

  it('a relation connection and a relation list with no query: the viewer’s rows, totalCount agreeing', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Enterprise {
      forgetfulCases(first: 50) { totalCount edges { node { id } } } forgetfulCaseList { id } } } }`;
    const res = await h.gql(q, { id: w.enterprise.gid }, w.tokens.officerB);
    expect(res.errors).toBeUndefined();
    const only = caseIds.b.map((id) => gid('EnforcementCase', id));
    expect(ids(res.data.node.forgetfulCases.edges)).toEqual(only);
    expect(res.data.node.forgetfulCases.totalCount).toBe(1);
    expect(res.data.node.forgetfulCaseList.map((c: { id: string }) => c.id)).toEqual(only);

    // The same field under a top-level list of enterprises (the nested, batched plan).
    const listed = await h.gql(
      `{ enterprises(first: 10) { edges { node { id forgetfulCases(first: 50) { totalCount edges { node { id } } } } } } }`,
      undefined,
      w.tokens.officerA,
    );
    const mine = listed.data.enterprises.edges.find((e: { node: { id: string } }) => e.node.id === w.enterprise.gid);
    expect(ids(mine.node.forgetfulCases.edges)).toEqual(caseIds.a.map((id) => gid('EnforcementCase', id)));
    expect(mine.node.forgetfulCases.totalCount).toBe(2);
  });

  it('a to-one relation to a row the viewer may not read is null (the draft matter of an enterprise’s case)', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on EnforcementCase { id matter { code } } } }`;
    const id = gid('EnforcementCase', caseIds.a[0]);
    const shop = await h.gql(q, { id }, w.tokens.enterprise);
    expect(shop).toEqual({ data: { node: { id, matter: null } } });
    const officer = await h.gql(q, { id }, w.tokens.officerA);
    expect(officer.data.node.matter).toEqual({ code: expect.any(String) });
  });

  it('node(id) and nodes(ids) of a plugin type whose lookup names the row only', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on TestSeries { kind } } nodes(ids: [$id]) { id } }`;
    const id = gid('TestSeries', seriesId);
    expect(await h.gql(q, { id })).toEqual({ data: { node: null, nodes: [null] } });
    expect(await h.gql(q, { id }, w.tokens.enterprise)).toEqual({ data: { node: null, nodes: [null] } });
    expect(await h.gql(q, { id }, w.tokens.officerA)).toEqual({ data: { node: { kind: 'TEST' }, nodes: [{ id }] } });
  });
});
