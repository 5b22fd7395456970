// 检查事项 through the API (county plan task 5): compiled by a qualified agency's staff on matters it may enforce,
// published by the compiling agency (on time to 15 April 23:59 Shanghai, late from 16 April 00:00), repealed; every
// refusal typed, bilingual and writing nothing; drafts the agency's, published items public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, expectTyped, gid, type GqlJson } from '@zhifa/testkit';
import { INSPECTION_ERR } from './fixtures.js';
import {
  createClockedWorld,
  createItem,
  eventsOf,
  itemStep,
  writesNothing,
  type ClockedWorld,
} from './catalogue-helpers.js';

let w: ClockedWorld;
beforeAll(async () => {
  w = await createClockedWorld();
});
afterAll(() => w?.h.close());

const tk = () => ({ officerA: w.h.token(`person:${w.people.officerA.id}`), adminA: w.tokens.adminA });

describe('compiling an item', () => {
  it('an officer compiles a draft on the agency’s matter: the domain comes from the matter; an event to the agency only', async () => {
    w.at('2026-03-10T02:00:00Z');
    const item = expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess').data;
    expect(item).toMatchObject({
      domain: '市场监管',
      year: 2026,
      publishedAt: null,
      publishedLate: false,
      matters: [{ matter: { id: w.matterA.gid } }],
      agency: { id: w.agencyA.gid },
    });
    const ev = (await eventsOf(w, 'inspections.itemChanged')).at(-1)!;
    expect(ev).toMatchObject({ agencyId: w.agencyA.id, public: false, payload: { action: 'CREATED', late: false } });
    // A draft is the agency's: the public does not see it, another agency's officer neither, a supervisor does.
    const q = `query($a: ID!) { inspectionItems(agencyId: $a, year: 2026) { totalCount edges { node { id } } } }`;
    const ids = async (token?: string) =>
      ((await w.h.gql(q, { a: w.agencyA.gid }, token)).data.inspectionItems.edges as GqlJson[]).map((e) => e.node.id);
    expect(await ids()).not.toContain(item.id);
    expect(await ids(w.tokens.officerB)).not.toContain(item.id);
    expect(await ids(w.tokens.supervisor)).toContain(item.id);
    expect(await ids(tk().adminA)).toContain(item.id);
  });

  it('refuses a matter of another domain, an unpublished one, and matters of two domains; nothing written', async () => {
    const other = await writesNothing(w, () => createItem(w, tk().officerA, { matterIds: [w.matterB.gid] }));
    expectTyped(other, 'RuleViolation', { rule: 'INSPECTION_ITEM_MATTER', zh: '第17条', en: 'art. 17' });
    const draft = await createMatter(w.h.db.prisma, { published: false });
    expectTyped(
      await writesNothing(w, () => createItem(w, tk().officerA, { matterIds: [gid('EnforcementMatter', draft.id)] })),
      'RuleViolation',
      { rule: 'INSPECTION_ITEM_MATTER', zh: '尚未公布' },
    );
    await w.h.db.prisma.agency.update({ where: { id: w.agencyA.id }, data: { domains: ['市场监管', '食品安全'] } });
    try {
      const food = await createMatter(w.h.db.prisma, { domain: '食品安全' });
      expectTyped(
        await writesNothing(w, () =>
          createItem(w, tk().officerA, { matterIds: [w.matterA.gid, gid('EnforcementMatter', food.id)] }),
        ),
        'RuleViolation',
        { rule: 'INSPECTION_ITEM_MATTER', en: 'several domains' },
      );
    } finally {
      await w.h.db.prisma.agency.update({ where: { id: w.agencyA.id }, data: { domains: ['市场监管'] } });
    }
  });

  it('refuses an empty list of matters and a bad year as input', async () => {
    const none = await writesNothing(w, () => createItem(w, tk().officerA, { matterIds: [] }));
    expect(expectTyped(none, 'ValidationError').issues[0].path).toEqual(['input', 'matterIds']);
    const year = await writesNothing(w, () => createItem(w, tk().officerA, { year: 1999 }));
    expectTyped(year, 'ValidationError');
  });

  it('needs the inspection-subject qualification confirmed by today (task 5): today allowed, tomorrow refused', async () => {
    w.at('2026-03-10T02:00:00Z');
    const p = w.h.db.prisma;
    try {
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: null } });
      expectTyped(await writesNothing(w, () => createItem(w, tk().officerA)), 'RuleViolation', {
        rule: 'INSPECTION_AGENCY_NOT_QUALIFIED',
        zh: '行政检查主体资格',
        en: 'qualification',
      });
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: new Date('2026-03-11') } });
      expectTyped(await writesNothing(w, () => createItem(w, tk().officerA)), 'RuleViolation', {
        rule: 'INSPECTION_AGENCY_NOT_QUALIFIED',
      });
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: new Date('2026-03-10') } });
      expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess');
    } finally {
      await p.agency.update({ where: { id: w.agencyA.id }, data: { inspectionQualifiedOn: new Date('2025-03-31') } });
    }
  });

  it('only the agency’s officers and admin compile: another agency’s officer, an auxiliary, a head, a supervisor and the public are refused', async () => {
    for (const token of [
      w.tokens.officerB,
      w.tokens.auxiliaryA,
      w.h.token(`person:${w.headA.id}`),
      w.tokens.supervisor,
    ])
      expectTyped(await writesNothing(w, () => createItem(w, token)), 'ForbiddenError');
    expectTyped(await writesNothing(w, () => createItem(w, '')), 'UnauthenticatedError');
    expectTyped(await createItem(w, tk().adminA), 'MutationCreateInspectionItemSuccess');
  });
});

describe('publishing and repealing', () => {
  it('15 April 23:59 Shanghai is on time, 16 April 00:00 is late; the published item is public and its event too', async () => {
    const a = expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess').data;
    const b = expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess').data;
    w.at('2026-04-15T15:59:59.999Z');
    const onTime = expectTyped(
      await itemStep(w, 'publishInspectionItem', a.id, tk().officerA),
      'MutationPublishInspectionItemSuccess',
    );
    expect(onTime.data).toMatchObject({ publishedAt: '2026-04-15T15:59:59.999Z', publishedLate: false });
    w.at('2026-04-15T16:00:00.000Z');
    const late = expectTyped(
      await itemStep(w, 'publishInspectionItem', b.id, tk().adminA),
      'MutationPublishInspectionItemSuccess',
    );
    expect(late.data.publishedLate).toBe(true);
    const ev = (await eventsOf(w, 'inspections.itemChanged')).filter((e) => e.payload.action === 'PUBLISHED');
    expect(ev.map((e) => [e.public, e.payload.late])).toEqual([
      [true, false],
      [true, true],
    ]);
    const pub = await w.h.gql(`query($i: ID!) { node(id: $i) { ... on InspectionItem { id publishedLate } } }`, {
      i: b.id,
    });
    expect(pub.data.node).toEqual({ id: b.id, publishedLate: true });
    const list = await w.h.gql(`{ inspectionItems(published: true, first: 100) { edges { node { id } } } }`);
    expect((list.data.inspectionItems.edges as GqlJson[]).map((e) => e.node.id)).toEqual(
      expect.arrayContaining([a.id, b.id, w.itemA.gid, w.itemB.gid]),
    );
  });

  it('publishes once, repeals once; a repealed item is not published again; nothing written by a refusal', async () => {
    w.at('2026-04-01T02:00:00Z');
    const i = expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess').data;
    expectTyped(
      await itemStep(w, 'publishInspectionItem', i.id, tk().officerA),
      'MutationPublishInspectionItemSuccess',
    );
    expectTyped(
      await writesNothing(w, () => itemStep(w, 'publishInspectionItem', i.id, tk().officerA)),
      'RuleViolation',
      { rule: 'INSPECTION_ITEM_STATE', zh: '已公布' },
    );
    const repealed = expectTyped(
      await itemStep(w, 'repealInspectionItem', i.id, tk().officerA),
      'MutationRepealInspectionItemSuccess',
    );
    expect(repealed.data.repealedAt).toBe('2026-04-01T02:00:00.000Z');
    for (const f of ['publishInspectionItem', 'repealInspectionItem'] as const)
      expectTyped(await writesNothing(w, () => itemStep(w, f, i.id, tk().officerA)), 'RuleViolation', {
        rule: 'INSPECTION_ITEM_STATE',
        zh: '已废止',
      });
  });

  it('another agency’s officer: a published item is refused, a draft is unknown; the public is unauthenticated', async () => {
    const draft = expectTyped(await createItem(w, tk().officerA), 'MutationCreateInspectionItemSuccess').data;
    expectTyped(
      await writesNothing(w, () => itemStep(w, 'publishInspectionItem', w.itemA.gid, w.tokens.officerB)),
      'ForbiddenError',
    );
    expectTyped(
      await writesNothing(w, () => itemStep(w, 'publishInspectionItem', draft.id, w.tokens.officerB)),
      'NotFoundError',
    );
    expectTyped(await writesNothing(w, () => itemStep(w, 'repealInspectionItem', w.itemA.gid)), 'UnauthenticatedError');
    const res = await w.h.gql(
      `mutation { publishInspectionItem(itemId: "nonsense") { ${INSPECTION_ERR} } }`,
      {},
      tk().officerA,
    );
    expect(res.data.publishInspectionItem.__typename).toBe('ValidationError');
  });
});
