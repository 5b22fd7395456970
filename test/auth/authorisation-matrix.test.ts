// The authorisation matrix: every Query, Mutation and Subscription field of core and of every
// installed plugin, called as every role, against one shared world. The rows are test code (core's:
// packages/testkit/src/core-matrix.ts, and list-matrix.ts for every list kind; a plugin's: the
// `authorisationMatrix` export of plugins/<name>/test/access-matrix.ts, found here by that convention);
// packages/testkit/src/matrix.ts says what allow / DENY / none mean. A root field without a row fails here, so a new operation cannot
// ship without its access policy. Queries and mutations go through yoga.fetch (the harness),
// subscriptions through a real graphql-ws client on the same app.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphQLError, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { createSchema, globalId, type ZhifaPlugin, newApiKey } from '@zhifa/core';
import { completeUscc } from '@zhifa/core/rules';
import { shanghaiToday, shanghaiYear } from '@zhifa/core/time';
import { INSTALLED_PLUGINS } from '../../packages/server/src/plugins.js';

import {
  CORE_AUTHORISATION_MATRIX,
  MATRIX_ROLES,
  createHarness,
  createMatter,
  untilSubscribers,
  variablesFor,
  wsClient,
  type AccessRow,
  type AuthorisationMatrix,
  type Harness,
  type MatrixRole,
  type MatrixWorld,
} from '@zhifa/testkit';

// ── the world ───────────────────────────────────────────────────────────────────────────────────

const h: Harness = await createHarness({ plugins: INSTALLED_PLUGINS });
const wsUrl = `ws://127.0.0.1:${await h.app.listen(0)}/graphql`;
afterAll(() => h.close());

async function buildWorld(): Promise<{ world: MatrixWorld; tokens: Record<MatrixRole, string | undefined> }> {
  const p = h.db.prisma;
  const fx = (type: string, rowId: number) => ({ id: globalId(type, rowId), rowId });
  const county = await p.agency.create({ data: { name: '阜宁县人民政府（矩阵）', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({
    data: { name: '阜宁县司法局（矩阵）', kind: 'JUSTICE_BUREAU', parentId: county.id },
  });
  const agency = await p.agency.create({
    data: {
      name: '阜宁县市场监督管理局（矩阵）',
      kind: 'ENFORCEMENT_AGENCY',
      parentId: county.id,
      domains: ['市场监管'],
      documentPrefix: '矩阵市监',
    },
  });
  const other = await p.agency.create({
    data: {
      name: '盐城市阜宁生态环境局（矩阵）',
      kind: 'ENFORCEMENT_AGENCY',
      parentId: county.id,
      domains: ['生态环境'],
    },
  });
  const survey = await p.agency.create({
    data: { name: '江苏某某社会调查有限公司（矩阵）', kind: 'SURVEY_ORGANISATION' },
  });
  let cert = 0;
  const certificate = () => ({
    certificateNumber: `MATRIX-${++cert}`,
    certificateStatus: 'VALID' as const,
    certificateIssuedOn: new Date('2023-01-01T00:00:00Z'),
    certificateExpiresOn: new Date('2030-12-31T00:00:00Z'),
    certificateReviewYear: shanghaiYear(new Date()),
  });
  const officer = await p.person.create({
    data: { agencyId: agency.id, name: '张执法', roles: ['OFFICER'], ...certificate() },
  });
  const colleague = await p.person.create({
    data: { agencyId: agency.id, name: '李执法', roles: ['OFFICER'], ...certificate() },
  });
  const admin = await p.person.create({ data: { agencyId: agency.id, name: '王局长', roles: ['AGENCY_ADMIN'] } });
  const otherOfficer = await p.person.create({
    data: { agencyId: other.id, name: '陈执法', roles: ['OFFICER'], ...certificate() },
  });
  const supervisor = await p.person.create({ data: { agencyId: bureau.id, name: '孙监督', roles: ['SUPERVISOR'] } });
  const sysAdmin = await p.person.create({
    data: { agencyId: county.id, name: '系统管理员', roles: ['SYSTEM_ADMIN'] },
  });
  const reviewer = await p.person.create({ data: { agencyId: agency.id, name: '周审核', roles: ['LEGAL_REVIEWER'] } });
  const head = await p.person.create({ data: { agencyId: agency.id, name: '吴局长', roles: ['AGENCY_HEAD'] } });
  const enterprise = (name: string, uscc: string) =>
    p.enterprise.create({
      data: {
        uscc,
        name,
        kind: 'COMPANY',
        legalRepresentative: '王某',
        address: '阜宁县阜城街道',
        industry: '食品销售',
        scale: 'SMALL',
        employees: 12,
        creditRiskClass: 'B',
      },
    });
  const ent = await enterprise('阜宁县某某食品有限公司', completeUscc('91320923MA1MATRX1'));
  const otherEnt = await enterprise('阜宁县某某化工有限公司', completeUscc('91320923MA1MATRX2'));
  const key = newApiKey();
  await p.apiKey.create({ data: { agencyId: survey.id, label: 'matrix', prefix: key.prefix, hash: key.hash } });

  const tokens: Record<MatrixRole, string | undefined> = {
    public: undefined,
    enterprise: h.token(`enterprise:${ent.id}`),
    officer: h.token(`person:${officer.id}`),
    otherOfficer: h.token(`person:${otherOfficer.id}`),
    agencyAdmin: h.token(`person:${admin.id}`),
    supervisor: h.token(`person:${supervisor.id}`),
    surveyOrg: key.key,
    systemAdmin: h.token(`person:${sysAdmin.id}`),
    legalReviewer: h.token(`person:${reviewer.id}`),
    agencyHead: h.token(`person:${head.id}`),
  };

  const matter = await createMatter(p, { code: 'MATRIX-SJ-048' });
  // The case is opened through the API, so its `case.opened` event is in the log.
  const opened = await h.gql(
    `mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on MutationOpenCaseSuccess { data { id number } } } }`,
    {
      input: {
        agencyId: globalId('Agency', agency.id),
        matterId: globalId('EnforcementMatter', matter.id),
        enterpriseId: globalId('Enterprise', ent.id),
        violationOn: shanghaiToday(new Date()).toISOString().slice(0, 10),
        facts: '未在经营场所醒目位置公示营业执照',
      },
    },
    tokens.officer,
  );
  const number: string = opened.data.openCase.data.number;
  const caseRow = await p.enforcementCase.findUniqueOrThrow({ where: { number } });
  expect(opened.data.openCase.data.id).toBe(globalId('EnforcementCase', caseRow.id));
  const decided = await p.enforcementCase.create({
    data: {
      number: '矩阵市监立〔2024〕2号',
      agencyId: agency.id,
      matterId: matter.id,
      partyKind: 'ENTERPRISE',
      enterpriseId: ent.id,
      violation: matter.name,
      violatedProvision: matter.violatedProvision,
      penaltyProvision: matter.penaltyProvision,
      violationOn: new Date('2024-05-01T00:00:00Z'),
      stage: 'DECIDED',
      decision: 'PENALTY',
      decisionNumber: '矩阵市监罚〔2024〕1号',
      fineFen: 500_000n,
      penalties: { create: [{ kind: 'FINE', amountFen: 500_000n }] },
      decidedAt: new Date('2024-06-01T00:00:00Z'),
    },
  });

  const world: MatrixWorld = {
    county: fx('Agency', county.id),
    agency: { ...fx('Agency', agency.id), name: agency.name },
    otherAgency: fx('Agency', other.id),
    justiceBureau: fx('Agency', bureau.id),
    surveyOrganisation: fx('Agency', survey.id),
    colleague: { ...fx('Person', colleague.id), name: colleague.name },
    people: {
      officer: fx('Person', officer.id),
      otherOfficer: fx('Person', otherOfficer.id),
      agencyAdmin: fx('Person', admin.id),
      supervisor: fx('Person', supervisor.id),
      systemAdmin: fx('Person', sysAdmin.id),
      legalReviewer: fx('Person', reviewer.id),
      agencyHead: fx('Person', head.id),
    },
    enterprise: { ...fx('Enterprise', ent.id), uscc: ent.uscc },
    otherEnterprise: { ...fx('Enterprise', otherEnt.id), uscc: otherEnt.uscc },
    matter: { ...fx('EnforcementMatter', matter.id), code: matter.code },
    case: { ...fx('EnforcementCase', caseRow.id), number },
    decidedCase: fx('EnforcementCase', decided.id),
    today: shanghaiToday(new Date()).toISOString().slice(0, 10),
  };
  return { world, tokens };
}

const { world, tokens } = await buildWorld();

/**
 * A plugin's rows, by convention: the `authorisationMatrix` export of plugins/<name>/test/access-matrix.ts
 * (the folder is named for the plugin: test/seam/plugins.test.ts). A plugin without the file has no
 * rows, so each root field it adds fails the coverage tests below.
 */
async function pluginMatrix(plugin: ZhifaPlugin): Promise<AuthorisationMatrix | undefined> {
  const file = path.resolve(import.meta.dirname, '../../plugins', plugin.name, 'test/access-matrix.ts');
  if (!existsSync(file)) return undefined;
  const module = (await import(pathToFileURL(file).href)) as { authorisationMatrix?: AuthorisationMatrix };
  if (!module.authorisationMatrix)
    throw new Error(`${file} must export authorisationMatrix (defineAuthorisationMatrix)`);
  return module.authorisationMatrix;
}

/** Each part of the schema with its own rows: core, then every installed plugin. */
const parts: { name: string; plugin: ZhifaPlugin | null; matrix: AuthorisationMatrix | undefined }[] = [
  { name: 'core', plugin: null, matrix: CORE_AUTHORISATION_MATRIX },
  ...(await Promise.all(
    INSTALLED_PLUGINS.map(async (plugin) => ({
      name: `plugin ${plugin.name}`,
      plugin,
      matrix: await pluginMatrix(plugin),
    })),
  )),
];
const rowsByPart = new Map<string, readonly AccessRow[]>();
for (const part of parts) rowsByPart.set(part.name, (await part.matrix?.rows(world, h.db.prisma)) ?? []);
const allRows = [...rowsByPart.values()].flat();

// ── coverage: a root field without a row fails ─────────────────────────────────────────────────

type RootFields = Set<string>; // "query.cases", "mutation.openCase", …

function rootFields(schema: GraphQLSchema): RootFields {
  const out = new Set<string>();
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const)
    for (const name of Object.keys(type?.getFields() ?? {})) out.add(`${operation}.${name}`);
  return out;
}

const fullSchema = createSchema({ plugins: INSTALLED_PLUGINS }).schema;
const coreFields = rootFields(createSchema({ plugins: [] }).schema);

describe('the matrix covers the schema', () => {
  it('every Query, Mutation and Subscription field of the built schema has at least one row', () => {
    const covered = new Set(allRows.map((r) => `${r.operation}.${r.field}`));
    expect(
      [...rootFields(fullSchema)].filter((f) => !covered.has(f)).sort(),
      "root fields without a row in any authorisation matrix (core's: packages/testkit/src/core-matrix.ts; a plugin's: plugins/<name>/test/access-matrix.ts)",
    ).toEqual([]);
  });

  it.each(parts.map((p) => [p.name, p] as const))(
    '%s: its rows cover exactly the operations it adds',
    (_name, part) => {
      const own = part.plugin
        ? new Set([...rootFields(createSchema({ plugins: [part.plugin] }).schema)].filter((f) => !coreFields.has(f)))
        : coreFields;
      const rows = new Set(rowsByPart.get(part.name)!.map((r) => `${r.operation}.${r.field}`));
      expect({
        withoutRow: [...own].filter((f) => !rows.has(f)).sort(),
        notItsOwn: [...rows].filter((f) => !own.has(f)).sort(),
      }).toEqual({
        withoutRow: [],
        notItsOwn: [],
      });
    },
  );

  it('every row is one valid operation of its kind selecting exactly its field', () => {
    const problems: string[] = [];
    for (const row of allRows) {
      const doc = parse(row.document);
      const errors = validate(fullSchema, doc);
      const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const fields = ops[0]?.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : s.kind));
      if (errors.length) problems.push(`${row.field}: ${errors.map((e) => e.message).join('; ')}`);
      if (
        ops.length !== 1 ||
        String(ops[0].operation) !== row.operation ||
        fields?.length !== 1 ||
        fields[0] !== row.field
      )
        problems.push(
          `${row.operation} ${row.field}: the document must be one ${row.operation} selecting only ${row.field}`,
        );
    }
    expect(problems).toEqual([]);
  });
});

// ── every row as every role ────────────────────────────────────────────────────────────────────

const refusalCode = (role: MatrixRole) => (role === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
/** Domain answers about the harmless input: the caller got past authorisation. */
const PAST_AUTHORISATION = ['RULE_VIOLATION', 'VALIDATION_FAILED', 'NOT_FOUND'];

/** An outcome, or a description of what came back instead (which never equals an outcome). */
type Observed = string;

function fromErrors(
  role: MatrixRole,
  errors: readonly { message: string; extensions?: Record<string, unknown> }[],
): Observed {
  const codes = errors.map((e) => (e.extensions?.code as string | undefined) ?? 'NO_CODE');
  if (codes.includes(refusalCode(role))) return 'DENY';
  if (codes.every((c) => PAST_AUTHORISATION.includes(c))) return 'allow';
  return `errors ${errors.map((e) => `${String(e.extensions?.code)}: ${e.message}`).join(' | ')}`;
}

function isEmpty(value: unknown): boolean {
  if (value == null) return true;
  if (Array.isArray(value)) return value.every((v) => v == null);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('totalCount' in v) return v.totalCount === 0;
    if ('events' in v && Array.isArray(v.events)) return v.events.length === 0;
  }
  return false;
}

async function runHttp(row: AccessRow, role: MatrixRole): Promise<Observed> {
  const res = await h.gql(row.document, variablesFor(row, role, world), tokens[role]);
  if (row.operation === 'mutation') {
    if (res.errors?.length) return `errors ${JSON.stringify(res.errors)}`;
    const type = res.data?.[row.field]?.__typename as string;
    if (type === 'UnauthenticatedError') return role === 'public' ? 'DENY' : 'UnauthenticatedError';
    if (type === 'ForbiddenError') return role === 'public' ? 'ForbiddenError' : 'DENY';
    if (type === 'NotFoundError') return 'none';
    return 'allow';
  }
  if (res.errors?.length) return fromErrors(role, res.errors);
  return isEmpty(res.data?.[row.field]) ? 'none' : 'allow';
}

/** Accepted once the event bus holds the subscriber; refused when an error comes back first. */
async function runSubscription(row: AccessRow, role: MatrixRole): Promise<Observed> {
  const bus = h.app.events;
  const before = bus.subscriberCount;
  const client = wsClient(wsUrl, tokens[role]);
  try {
    return await new Promise<Observed>((resolve) => {
      const timer = setTimeout(() => resolve('neither accepted nor refused within 10 s'), 10_000);
      const done = (o: Observed) => {
        clearTimeout(timer);
        clearInterval(poll);
        resolve(o);
      };
      const poll = setInterval(() => bus.subscriberCount > before && done('allow'), 5);
      client.subscribe(
        { query: row.document, variables: row.variables },
        {
          next: (r) => done(r.errors?.length ? fromErrors(role, r.errors) : 'allow'),
          error: (e) =>
            done(
              Array.isArray(e) ? fromErrors(role, e as GraphQLError[]) : `error ${String((e as Error)?.message ?? e)}`,
            ),
          complete: () => done('completed without an answer'),
        },
      );
    });
  } finally {
    await client.dispose();
    await untilSubscribers(bus, before);
  }
}

const labels = new Map<string, number>();
const cases = allRows.map((row) => {
  const base = `${row.operation} ${row.field}`;
  const n = (labels.get(base) ?? 0) + 1;
  labels.set(base, n);
  return [n === 1 ? base : `${base} (#${n})`, row] as const;
});

describe('each operation as each role', () => {
  it.each(cases)('%s', async (_label, row) => {
    const observed = {} as Record<MatrixRole, Observed>;
    for (const role of MATRIX_ROLES)
      observed[role] = row.operation === 'subscription' ? await runSubscription(row, role) : await runHttp(row, role);
    expect(observed, `${row.document}\n${JSON.stringify(row.variables)}`).toEqual(row.expect);
  });
});
