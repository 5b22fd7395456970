// Overdue follow-ups: `softMeasures(overdue: true)` lists those whose follow-up day has passed (Asia/Shanghai; the
// day itself is not overdue) with no outcome, and the plugin's sweep announces each to its agency once — a second run
// reports nothing, and several sweeping at once report each row once between them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, unitOfWork } from '@zhifa/core';
import { testSettings, type GqlJson } from '@zhifa/testkit';
import { notifyOverdueSoftMeasuresInTx } from '../src/soft-measure-sweep.js';
import {
  createSoftWorld,
  recordOutcome,
  recordSoftMeasure,
  reminder,
  shanghaiDay,
  type SoftWorld,
} from './soft-fixtures.js';

/** The harness's clock, pinned by each test (Shanghai midnight boundaries are what is tested). */
let pinned = Date.now();
const now = () => new Date(pinned);

let w: SoftWorld;
beforeAll(async () => {
  w = await createSoftWorld({ clock: now });
});
afterAll(() => w?.h.close());

/** 00:00 and 23:59:59 of a Shanghai day (YYYY-MM-DD), as instants. */
const startOf = (day: string) => Date.parse(`${day}T00:00:00+08:00`);
const endOf = (day: string) => Date.parse(`${day}T23:59:59.999+08:00`);

const OVERDUE = `query($a: ID) { softMeasures(overdue: true, agencyId: $a, first: 100) { totalCount edges { node { id followUpOn followUpOverdue } } } }`;
const NOT_OVERDUE = `query($a: ID) { softMeasures(overdue: false, agencyId: $a, first: 100) { edges { node { id } } } }`;

async function overdueIds(token = w.tokens.officerA): Promise<string[]> {
  const res = await w.h.gql(OVERDUE, { a: w.agencyA.gid }, token);
  expect(res.errors).toBeUndefined();
  return res.data.softMeasures.edges.map((e: GqlJson) => e.node.id as string);
}

async function record(over: Record<string, unknown>): Promise<string> {
  const r = await recordSoftMeasure(w, reminder(w, over));
  expect(r.__typename, JSON.stringify(r)).toBe('MutationRecordSoftMeasureSuccess');
  return r.data.id as string;
}

describe('overdue follow-ups', () => {
  it('the follow-up day itself is not overdue, to its last second; the next day, from midnight, it is', async () => {
    const base = Date.now();
    const due = shanghaiDay(-2, new Date(base));
    pinned = base;
    const id = await record({ takenOn: shanghaiDay(-10, new Date(base)), followUpOn: due });
    pinned = endOf(due);
    expect(await overdueIds()).not.toContain(id);
    expect(
      (await w.h.gql(NOT_OVERDUE, { a: w.agencyA.gid }, w.tokens.officerA)).data.softMeasures.edges.map(
        (e: GqlJson) => e.node.id,
      ),
    ).toContain(id);
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    pinned = startOf(shanghaiDay(1, new Date(endOf(due))));
    expect(await overdueIds()).toContain(id);
    const node = (await w.h.gql(OVERDUE, { a: w.agencyA.gid }, w.tokens.officerA)).data.softMeasures.edges.find(
      (e: GqlJson) => e.node.id === id,
    ).node;
    expect(node).toMatchObject({ followUpOn: due, followUpOverdue: true });
    expect(await w.h.app.sweeps.runOnce()).toBe(1);
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    pinned = Date.now();
  });

  it('the sweep announces each overdue follow-up to its agency once; a second run reports 0; an outcome ends it', async () => {
    pinned = Date.now();
    const a = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(-3) });
    const b = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(-1) });
    const answered = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(-1) });
    const notYet = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(0) });
    const none = await record({ takenOn: shanghaiDay(-9), followUpOn: null });
    await recordOutcome(w, answered, 'COMPLIED');
    const ids = await overdueIds();
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    for (const x of [answered, notYet, none]) expect(ids).not.toContain(x);

    const since = (await w.h.db.prisma.event.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const first = await w.h.app.sweeps.runOnce();
    expect(first).toBeGreaterThanOrEqual(2);
    expect(await w.h.app.sweeps.runOnce()).toBe(0);
    const events = await w.h.db.prisma.event.findMany({
      where: { topic: 'flexibleEnforcement.softMeasureFollowUpOverdue', id: { gt: since } },
    });
    expect(events).toHaveLength(first);
    const rowOf = (gid: string) => Number(Buffer.from(gid, 'base64').toString().split(':')[1]);
    const announced = events.map((e) => (e.payload as { softMeasureId: number }).softMeasureId);
    expect(announced).toEqual(expect.arrayContaining([rowOf(a), rowOf(b)]));
    for (const x of [answered, notYet, none]) expect(announced).not.toContain(rowOf(x));
    // To the agency (and supervisors), not the enterprise: its user sees none of these events.
    for (const e of events)
      expect(e).toMatchObject({ agencyId: w.agencyA.id, enterpriseId: null, actor: 'system:soft-measure-follow-up' });
    const row = await w.h.db.prisma.softMeasure.findUniqueOrThrow({ where: { id: rowOf(a) } });
    expect(row.overdueAnnouncedAt).not.toBeNull();
    // Still overdue until an outcome is recorded; then no longer listed.
    await recordOutcome(w, a, 'NOT_COMPLIED');
    expect(await overdueIds()).not.toContain(a);
    expect(await overdueIds()).toContain(b);
  });

  it('three sweeps at once announce a row once between them', async () => {
    pinned = Date.now();
    const id = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(-2) });
    const env = {
      prisma: w.h.db.prisma,
      viewer: { kind: 'system' as const, name: 'soft-measure-follow-up' },
      guards: new CaseGuards(),
      settings: testSettings(),
      clock: now,
    };
    const sweep = () => unitOfWork(env, notifyOverdueSoftMeasuresInTx, { silent: 'may find nothing' });
    const counts = await Promise.all([sweep(), sweep(), sweep()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    const rowId = Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const events = await w.h.db.prisma.event.findMany({
      where: {
        topic: 'flexibleEnforcement.softMeasureFollowUpOverdue',
        payload: { path: ['softMeasureId'], equals: rowId },
      },
    });
    expect(events).toHaveLength(1);
  });

  it('the enterprise lists its own overdue follow-ups; other agencies’ staff see none of them', async () => {
    pinned = Date.now();
    const id = await record({ takenOn: shanghaiDay(-9), followUpOn: shanghaiDay(-4) });
    const mine = await w.h.gql(
      `{ softMeasures(overdue: true, first: 100) { edges { node { id } } } }`,
      {},
      w.tokens.enterprise,
    );
    expect(mine.data.softMeasures.edges.map((e: GqlJson) => e.node.id)).toContain(id);
    const other = await w.h.gql(`{ softMeasures(overdue: true, first: 100) { totalCount } }`, {}, w.tokens.officerB);
    expect(other.data.softMeasures.totalCount).toBe(0);
  });
});
