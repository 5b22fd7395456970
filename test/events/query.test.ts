// Query.events through the harness: paging in delivery order with a cursor, and who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@zhifa/core/events';
import { createHarness, type Harness, emitPlugin, untilEventsSettled, type GqlJson } from '@zhifa/testkit';

const PAGE = `query($first: Int, $after: String, $topics: [String!]) {
  events(first: $first, after: $after, topics: $topics) { events { id cursor topic agencyId payload actor } endCursor hasNextPage }
}`;
const EMIT = `mutation($topic: String!, $agencyId: Int, $public: Boolean, $n: Int) {
  testEmitEvent(topic: $topic, agencyId: $agencyId, public: $public, n: $n)
}`;

let h: Harness;
let tokens: { admin: string; supervisor: string; officerA: string; officerB: string; enterprise: string };
let agencyA: number;
let agencyB: number;

beforeAll(async () => {
  h = await createHarness({ plugins: [emitPlugin] });
  const p = h.db.prisma;
  const county = await p.agency.create({ data: { name: '阜宁县人民政府', kind: 'COUNTY_GOVERNMENT' } });
  const bureau = await p.agency.create({ data: { name: '阜宁县司法局', kind: 'JUSTICE_BUREAU' } });
  agencyA = (await p.agency.create({ data: { name: '阜宁县市场监督管理局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  agencyB = (await p.agency.create({ data: { name: '阜宁县生态环境局', kind: 'ENFORCEMENT_AGENCY' } })).id;
  const person = (agencyId: number, roles: ('SYSTEM_ADMIN' | 'SUPERVISOR' | 'OFFICER')[], name: string) =>
    p.person.create({ data: { name, agencyId, roles } }).then((x) => h.token(`person:${x.id}`));
  tokens = {
    admin: await person(county.id, ['SYSTEM_ADMIN'], '系统管理员'),
    supervisor: await person(bureau.id, ['SUPERVISOR'], '监督员'),
    officerA: await person(agencyA, ['OFFICER'], '执法员甲'),
    officerB: await person(agencyB, ['OFFICER'], '执法员乙'),
    enterprise: h.token('enterprise:1'),
  };
  // 12 events, in this order: agency A private, agency B private, public (B), repeated.
  for (let n = 1; n <= 12; n++) {
    const kind = n % 3;
    const vars =
      kind === 1 ? { agencyId: agencyA } : kind === 2 ? { agencyId: agencyB } : { agencyId: agencyB, public: true };
    const res = await h.gql(EMIT, { topic: n % 2 ? 'odd' : 'even', n, ...vars }, tokens.admin);
    expect(res.errors).toBeUndefined();
  }
  await untilEventsSettled(h, tokens.admin);
});
afterAll(() => h?.close());

async function all(token: string | undefined, first: number, topics?: string[]) {
  const seen: GqlJson[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res: GqlJson = await h.gql(PAGE, { first, after, topics }, token);
    expect(res.errors).toBeUndefined();
    const page = res.data.events;
    seen.push(...page.events);
    if (!page.hasNextPage) return { seen, pages: pages + 1, endCursor: page.endCursor };
    after = page.endCursor;
  }
  throw new Error('did not finish');
}

describe('Query.events', () => {
  it('pages the whole log in delivery order with endCursor, and hasNextPage is exact', async () => {
    const { seen, pages } = await all(tokens.supervisor, 5);
    expect(seen.map((e) => e.payload.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(pages).toBe(3);
    // Cursors are strictly increasing positions, and each event's cursor resumes right after it.
    const positions = seen.map((e) => decodeCursor(e.cursor)!);
    for (let i = 1; i < positions.length; i++) {
      const [a, b] = [positions[i - 1], positions[i]];
      expect(a.txid < b.txid || (a.txid === b.txid && a.id < b.id)).toBe(true);
    }
    const rest = await h.gql(PAGE, { first: 100, after: seen[8].cursor }, tokens.supervisor);
    expect(rest.data.events.events.map((e: GqlJson) => e.payload.n)).toEqual([10, 11, 12]);
    expect(rest.data.events.hasNextPage).toBe(false);

    // A page that ends exactly at the last event says there is no next page.
    const exact = await h.gql(PAGE, { first: 12 }, tokens.supervisor);
    expect(exact.data.events.hasNextPage).toBe(false);
  });

  it('filters by topic', async () => {
    const { seen } = await all(tokens.supervisor, 4, ['even']);
    expect(seen.map((e) => e.payload.n)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('the public sees only public events, without the actor', async () => {
    const { seen } = await all(undefined, 2);
    expect(seen.map((e) => e.payload.n)).toEqual([3, 6, 9, 12]);
    expect(seen.every((e) => e.actor === null)).toBe(true);
  });

  it("an officer sees their own agency's events and public ones", async () => {
    const a = await all(tokens.officerA, 3);
    expect(a.seen.map((e) => e.payload.n)).toEqual([1, 3, 4, 6, 7, 9, 10, 12]);
    const b = await all(tokens.officerB, 3);
    expect(b.seen.map((e) => e.payload.n)).toEqual([2, 3, 5, 6, 8, 9, 11, 12]);
    expect(a.seen[0].actor).toMatch(/^person:/);
  });

  it('a supervisor and a system admin see everything', async () => {
    for (const t of [tokens.supervisor, tokens.admin]) expect((await all(t, 100)).seen).toHaveLength(12);
  });

  it('paging past rows the caller may not see still moves forward', async () => {
    // The public's last page ends on event 12; asking again from its endCursor returns nothing.
    const { endCursor } = await all(undefined, 4);
    const again = await h.gql(PAGE, { first: 4, after: endCursor });
    expect(again.data.events).toMatchObject({ events: [], hasNextPage: false, endCursor });
  });

  it('rejects a malformed or out-of-range cursor as a validation error', async () => {
    for (const after of ['nonsense', encodeCursor({ txid: 2n ** 63n, id: 1n })]) {
      const res = await h.gql(PAGE, { after }, tokens.supervisor);
      expect(res.errors?.[0].message).toMatch(/事件游标无效/);
    }
  });
});
