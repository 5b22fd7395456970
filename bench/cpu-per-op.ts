// `tsx bench/cpu-per-op.ts flat|dashboard|node|mutations [count] [rounds]`: the server's own CPU
// per operation, in this process through `yoga.fetch` (no HTTP, no load generator sharing the
// cores), four operations in flight. For before/after figures of a change to the request path:
// run it on both trees, interleaved. PostgreSQL when BENCH_DATABASE_URL is set, otherwise PGlite.
// `mutations` is one round of openCase → assignOfficers → advanceCase (three units of work); `decide`
// one round of openCase (simple procedure) → assignOfficers → decideCase by an assigned officer
// (three units of work, the last the decision path: case guards, document number).
import { createApp, openDatabase } from '@zhifa/server';
import { INSTALLED_PLUGINS } from '../packages/server/src/plugins.js';
import { prepare } from './lib/data.js';
import { BENCH_SECRET } from './lib/servers.js';
import { ADVANCE, ASSIGN, DASHBOARD, DECIDE, FLAT, gid, NODE_CASE, OPEN_CASE, openCaseInput } from './lib/queries.js';

const which = process.argv[2] ?? 'flat';
const count = Number(
  process.argv[3] ?? (which === 'dashboard' ? 100 : which === 'mutations' || which === 'decide' ? 200 : 2000),
);
const rounds = Number(process.argv[4] ?? 3);
const data = await prepare(process.env.BENCH_DATABASE_URL ? 'postgres' : 'pglite', process.env.BENCH_DATABASE_URL);
const t = data.target;
const db = await openDatabase(
  t.kind === 'pglite' ? { kind: 'pglite', dataDir: t.dataDir } : { kind: 'postgres', url: t.url },
);
const app = await createApp({ db, plugins: INSTALLED_PLUGINS, jwtSecret: BENCH_SECRET, production: true });

async function post(token: string, query: string, variables: Record<string, unknown> = {}) {
  const r = await app.yoga.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await r.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

const cases = await db.prisma.enforcementCase.findMany({ select: { id: true }, take: 2000 });
// 简易程序 decides only a warning or a small fine on the spot (行政处罚法 第51条; ¥200 for the bench's natural-person
// party): the decide op opens its cases on a matter that allows one, in a domain the bench agency is given.
const simpleMatter = await db.prisma.enforcementMatter.findFirstOrThrow({
  where: { published: true, agencyKinds: { has: 'ENFORCEMENT_AGENCY' }, penaltyKinds: { has: 'WARNING' } },
  orderBy: { id: 'asc' },
});
if (which === 'decide') {
  const agency = await db.prisma.agency.findUniqueOrThrow({ where: { id: data.agencyId } });
  if (!agency.domains.includes(simpleMatter.domain))
    await db.prisma.agency.update({
      where: { id: data.agencyId },
      data: { domains: [...agency.domains, simpleMatter.domain] },
    });
}
const onTheSpot = [{ kind: 'WARNING' }];
let seq = 0;
const ops: Record<string, () => Promise<unknown>> = {
  flat: () => post(data.supervisors[0], FLAT),
  dashboard: () => post(data.supervisors[0], DASHBOARD, { n: 10 }),
  node: () => post(data.supervisors[0], NODE_CASE, { id: gid('EnforcementCase', cases[seq++ % cases.length].id) }),
  mutations: async () => {
    const opened = await post(data.officer, OPEN_CASE, {
      input: openCaseInput(data, `每操作 CPU〔${process.pid}〕${++seq}`),
    });
    const caseId = opened.data.openCase.data.id;
    await post(data.officer, ASSIGN, { caseId, personIds: data.officerIds.slice(0, 2).map((id) => gid('Person', id)) });
    await post(data.officer, ADVANCE, { caseId });
  },
  decide: async () => {
    const opened = await post(data.officer, OPEN_CASE, {
      input: {
        ...openCaseInput({ ...data, matterId: simpleMatter.id }, `每操作 CPU 决定〔${process.pid}〕${++seq}`),
        procedure: 'SIMPLE',
      },
    });
    const caseId = opened.data.openCase.data.id;
    await post(data.officer, ASSIGN, { caseId, personIds: data.officerIds.slice(0, 2).map((id) => gid('Person', id)) });
    const decided = await post(data.officer, DECIDE, {
      caseId,
      input: { decision: 'PENALTY', penalties: onTheSpot },
    });
    if (decided.data.decideCase.__typename !== 'MutationDecideCaseSuccess') throw new Error(JSON.stringify(decided));
  },
};
const op = ops[which];
if (!op) throw new Error(`unknown operation ${which}: ${Object.keys(ops).join(', ')}`);

for (let i = 0; i < Math.min(50, count / 4); i++) await op();
const results: number[] = [];
const rates: number[] = [];
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      for (let i = 0; i < count / 4; i++) await op();
    }),
  );
  const c = process.cpuUsage(c0);
  rates.push(count / ((performance.now() - t0) / 1000));
  results.push((c.user + c.system) / count / 1000);
}
console.log(
  `${which} (${t.kind}): CPU per operation ${results.map((x) => x.toFixed(2)).join(' / ')} ms; operations per second ${rates.map((x) => x.toFixed(1)).join(' / ')} (${rounds} rounds of ${count})`,
);
await app.close();
await db.close();
await data.cleanup();
process.exit(0);
