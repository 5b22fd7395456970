// Baseline: the physical limit for our shape of work. A hand-written node:http handler that reads
// the same JSON request, runs the SQL the query needs (one statement per list level, columns it
// shows only) and writes the same JSON answer: no GraphQL, no ORM, no auth.
//   POST /flat       { agencies(first: 20) { edges { node { id name kind } } } }
//   POST /dashboard  agencies(first: n, kind: ENFORCEMENT_AGENCY) → cases(first: 10) → enterprise, officers(first: 5) → person
// BENCH_DATABASE_URL (pg pool of 10, like the server's) or BENCH_DATA_DIR (PGlite, in-process).
import { createServer } from 'node:http';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { canEnforce } from '../../packages/core/src/rules/certificate.js';
import type { GqlJson } from '@zhifa/testkit';

type Row = Record<string, GqlJson>;
let query: (sql: string, params?: unknown[]) => Promise<Row[]>;
if (process.env.BENCH_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  query = async (sql, params) => (await pool.query(sql, params)).rows;
} else {
  const db = await PGlite.create(process.env.BENCH_DATA_DIR);
  query = async (sql, params) => (await db.query<Row>(sql, params)).rows;
}

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');
const ints = (xs: number[]) => (xs.length ? xs.map((x) => String(Math.trunc(x))).join(',') : 'NULL');

async function flat(first: number) {
  const rows = await query(`SELECT id, name, kind::text AS kind FROM "Agency" ORDER BY id LIMIT $1`, [first + 1]);
  return {
    agencies: {
      edges: rows.slice(0, first).map((r) => ({ node: { id: gid('Agency', r.id), name: r.name, kind: r.kind } })),
    },
  };
}

async function dashboard(n: number) {
  const agencies = await query(`SELECT id, name FROM "Agency" WHERE kind = 'ENFORCEMENT_AGENCY' ORDER BY id LIMIT $1`, [
    n + 1,
  ]);
  const shown = agencies.slice(0, n);
  const cases = await query(
    `SELECT c.id, c.number, c."agencyId", e.name AS enterprise FROM (
       SELECT id, number, "agencyId", "enterpriseId", row_number() OVER (PARTITION BY "agencyId" ORDER BY id) AS k
       FROM "EnforcementCase" WHERE "agencyId" IN (${ints(shown.map((a) => a.id))})) c
     LEFT JOIN "Enterprise" e ON e.id = c."enterpriseId" WHERE c.k <= 11 ORDER BY c."agencyId", c.id`,
  );
  const officers = await query(
    `SELECT o."caseId", p.name, p.roles::text[] AS roles, p."certificateNumber", p."certificateStatus"::text AS "certificateStatus",
            p."certificateExpiresOn", p."certificateReviewYear"
     FROM (SELECT "caseId", "personId", row_number() OVER (PARTITION BY "caseId" ORDER BY "personId") AS k
           FROM "CaseOfficer" WHERE "caseId" IN (${ints(cases.map((c) => c.id))})) o
     JOIN "Person" p ON p.id = o."personId" WHERE o.k <= 6 ORDER BY o."caseId", o."personId"`,
  );
  const now = new Date();
  const byCase = new Map<number, Row[]>();
  for (const o of officers) (byCase.get(o.caseId) ?? byCase.set(o.caseId, []).get(o.caseId)!).push(o);
  const byAgency = new Map<number, Row[]>();
  for (const c of cases) (byAgency.get(c.agencyId) ?? byAgency.set(c.agencyId, []).get(c.agencyId)!).push(c);
  return {
    agencies: {
      edges: shown.map((a) => ({
        node: {
          name: a.name,
          cases: {
            edges: (byAgency.get(a.id) ?? []).slice(0, 10).map((c) => ({
              node: {
                number: c.number,
                enterprise: c.enterprise === null ? null : { name: c.enterprise },
                officers: {
                  edges: (byCase.get(c.id) ?? []).slice(0, 5).map((p) => ({
                    node: { person: { name: p.name, canEnforce: canEnforce(p as never, now, '03-31') } },
                  })),
                },
              },
            })),
          },
        },
      })),
    },
  };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  const respond = async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      const vars = body.variables ?? {};
      const data =
        req.url === '/dashboard' ? await dashboard(Number(vars.n ?? 20)) : await flat(Number(vars.first ?? 20));
      const out = JSON.stringify({ data });
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) })
        .end(out);
    } catch (err) {
      const out = JSON.stringify({ errors: [{ message: String(err) }] });
      res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) }).end(out);
    }
  };
  req.on('end', () => void respond());
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
