// flexibleListPublished over graphql-ws on a real server port: the public hears each 从轻 / 减轻 / 不予实施行政强制措施
// list version as it is published, filtered by kind and domain, and a subscriber who comes back with the cursor
// of the last publication it heard hears the rest (replay with `after`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMatter,
  gid,
  sleep,
  startTestServer,
  untilSubscribers,
  type TestServer,
  subscribeField,
} from '@zhifa/testkit';
import { flexibleEnforcementPlugin } from '../src/index.js';

let s: TestServer;
let agencyA: number;
let agencyB: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer({ plugins: [flexibleEnforcementPlugin] });
  const p = s.db.prisma;
  const agency = async (name: string, documentPrefix: string, domains: string[]) =>
    (await p.agency.create({ data: { name, kind: 'ENFORCEMENT_AGENCY', documentPrefix, domains } })).id;
  agencyA = await agency('阜宁县市场监督管理局', '阜市监', ['市场监管']);
  agencyB = await agency('盐城市阜宁生态环境局', '阜环', ['生态环境']);
  const admin = async (agencyId: number, name: string) =>
    s.token(`person:${(await p.person.create({ data: { agencyId, name, roles: ['AGENCY_ADMIN'] } })).id}`);
  tokens.adminA = await admin(agencyA, '李局长');
  tokens.adminB = await admin(agencyB, '周局长');
});
afterAll(() => s?.close());

let n = 0;
/** A draft list of `kind` with one item on a fresh matter of `domain`. */
async function draft(kind: 'LIGHTER' | 'MITIGATED' | 'NO_COMPULSORY', agencyId: number, domain: string) {
  const p = s.db.prisma;
  const matter = await createMatter(p, { domain });
  const series = await p.listSeries.create({ data: { kind } });
  const list = await p.enforcementList.create({
    data: { kind, seriesId: series.id, version: 1, title: `柔性执法清单${++n}`, domain, agencyId, status: 'DRAFT' },
  });
  const attributes = {
    LIGHTER: { fineMinFen: null, fineMaxFen: null },
    MITIGATED: { circumstance: 'ELIMINATED_HARM' },
    NO_COMPULSORY: {
      measureKind: 'SEAL_UP',
      measureTarget: null,
      measureProvision: '《中华人民共和国食品安全法》第一百一十条',
    },
  }[kind];
  await p.listItem.create({
    data: {
      listId: list.id,
      seq: 1,
      domain,
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '情节轻微的',
      attributes: { matterCode: matter.code, exclusions: null, ...attributes },
    },
  });
  return list;
}

const PREFIX = { LIGHTER: 'LighterPenalty', MITIGATED: 'MitigatedPenalty', NO_COMPULSORY: 'NoCompulsoryMeasure' };

async function publish(kind: keyof typeof PREFIX, listId: number, token: string) {
  const res = await fetch(s.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `mutation($id: ID!) { publish${PREFIX[kind]}List(id: $id) { __typename ... on Error { message } } }`,
      variables: { id: gid(`${PREFIX[kind]}List`, listId) },
    }),
  });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  expect(Object.values(body.data)[0]).toEqual({ __typename: `MutationPublish${PREFIX[kind]}ListSuccess` });
}

const SUB = `subscription($kind: FlexibleListKind, $domain: String, $after: String) {
  flexibleListPublished(kind: $kind, domain: $domain, after: $after) { cursor kind domain version
    list { __typename ... on LighterPenaltyList { id title } ... on MitigatedPenaltyList { id title }
      ... on NoCompulsoryMeasureList { id title items(first: 5) { totalCount } } } } }`;

const subscribe = (variables: Record<string, unknown>) => subscribeField(s.wsUrl, SUB, variables);

describe('flexibleListPublished (public)', () => {
  it('each publication, filtered by kind and domain, the list resolved as its own type; replay after a cursor', async () => {
    const lighter = await draft('LIGHTER', agencyA, '市场监管');
    const mitigated = await draft('MITIGATED', agencyB, '生态环境');
    const noCompulsory = await draft('NO_COMPULSORY', agencyA, '市场监管');
    const all = subscribe({});
    const market = subscribe({ domain: '市场监管' });
    const waivers = subscribe({ kind: 'NO_COMPULSORY' });
    const none = subscribe({ kind: 'MITIGATED', domain: '市场监管' });
    await untilSubscribers(s.app.events, 4);
    await publish('LIGHTER', lighter.id, tokens.adminA);
    await publish('MITIGATED', mitigated.id, tokens.adminB);
    await publish('NO_COMPULSORY', noCompulsory.id, tokens.adminA);

    const heard = await all.until(3);
    expect(heard.map((x) => [x.kind, x.domain, x.version, x.list.__typename])).toEqual([
      ['LIGHTER', '市场监管', 1, 'LighterPenaltyList'],
      ['MITIGATED', '生态环境', 1, 'MitigatedPenaltyList'],
      ['NO_COMPULSORY', '市场监管', 1, 'NoCompulsoryMeasureList'],
    ]);
    expect(heard[2].list).toMatchObject({
      id: gid('NoCompulsoryMeasureList', noCompulsory.id),
      title: noCompulsory.title,
      items: { totalCount: 1 },
    });
    expect((await market.until(2)).map((x) => x.kind)).toEqual(['LIGHTER', 'NO_COMPULSORY']);
    expect((await waivers.until(1)).map((x) => x.list.id)).toEqual([gid('NoCompulsoryMeasureList', noCompulsory.id)]);
    await sleep(200);
    expect(market.got).toHaveLength(2);
    expect(waivers.got).toHaveLength(1);
    expect(none.got).toEqual([]);

    // Back after the first publication: the two it missed, in order, then live.
    const resumed = subscribe({ after: heard[0].cursor });
    expect((await resumed.until(2)).map((x) => x.kind)).toEqual(['MITIGATED', 'NO_COMPULSORY']);
    const resumedMarket = subscribe({ after: heard[0].cursor, domain: '市场监管' });
    expect((await resumedMarket.until(1)).map((x) => x.kind)).toEqual(['NO_COMPULSORY']);
    await sleep(200);
    expect(resumedMarket.got).toHaveLength(1);
    for (const x of [all, market, waivers, none, resumed, resumedMarket]) await x.client.dispose();
  });

  it('a draft saved or an item added is not a publication', async () => {
    const all = subscribe({});
    await untilSubscribers(s.app.events, 1);
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.adminA}` },
      body: JSON.stringify({
        query: `mutation($i: LighterPenaltyListInput!) { createLighterPenaltyList(input: $i) { __typename } }`,
        variables: { i: { agencyId: gid('Agency', agencyA), title: '草稿清单', domain: '市场监管' } },
      }),
    });
    expect((await res.json()).data.createLighterPenaltyList.__typename).toBe('MutationCreateLighterPenaltyListSuccess');
    await sleep(300);
    expect(all.got).toEqual([]);
    await all.client.dispose();
  });
});
