import { createApp, openDatabase, signToken } from '@zhifa/server';
const seen: string[] = [];
const db = await openDatabase(
  { kind: 'postgres', url: 'postgres://zhifa@127.0.0.1:55439/zhifa_micro' },
  { onQuery: (s) => seen.push(s) },
);
const app = await createApp({ db, plugins: [], jwtSecret: 'x' });
const sup = await db.prisma.person.findFirstOrThrow({ where: { roles: { has: 'SUPERVISOR' } } });
const q = `query($n: Int!) { agencies(first: $n, kind: ENFORCEMENT_AGENCY) { edges { node { name cases(first: 10) { edges { node { number
  enterprise { name } officers(first: 5) { edges { node { person { name canEnforce } } } } } } } } } } }`;
const run = async () => {
  const r = await app.yoga.fetch('http://x/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${signToken('x', `person:${sup.id}`)}` },
    body: JSON.stringify({ query: q, variables: { n: 10 } }),
  });
  return r.text();
};
await run();
seen.length = 0;
const t = performance.now();
await run();
console.log('ms', performance.now() - t);
console.log(seen.join('\n===\n'));
await app.close();
await db.close();
process.exit(0);
