// The overdue sweep: an assigned or supervised warning whose deadline passed without the agency's report is announced
// once (INSPECTION_WARNING_OVERDUE to the answerable agency) — at the deadline's instant it is still in time, 1 ms
// later overdue; a second sweep announces nothing; a new deadline (督办) may be announced again; a reported
// (RECTIFIED) warning is never announced. `overdue` on the type reads the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gid } from '@zhifa/testkit';
import { stepWarningInTx } from '../src/warnings/workflow.js';
import { at, createWarningWorld, recordVisit, visitOf, work, type WarningWorld } from './warning-helpers.js';

const DAY = 86_400_000;
let now = at('2026-12-01T02:00:00Z');
let w: WarningWorld;
let late: number;
let reported: number;
beforeAll(async () => {
  w = await createWarningWorld({ warningDays: 10 }, () => now);
  late = (await recordVisit(w, visitOf(w, 'A', at('2026-11-20T02:00:00Z')))).warningIds[0];
  reported = (await recordVisit(w, visitOf(w, 'B', at('2026-11-20T03:00:00Z'), { enterpriseId: w.enterprise2.id })))
    .warningIds[0];
  for (const id of [late, reported]) await work(w, (uow) => stepWarningInTx(uow, id, 'ASSIGN', { comment: '交办' }));
  await work(w, (uow) => stepWarningInTx(uow, reported, 'RECTIFY', { comment: '已整改' }));
});
afterAll(() => w?.h.close());

const announced = () =>
  w.h.db.prisma.event.findMany({ where: { topic: 'inspections.warningOverdue' }, orderBy: { id: 'asc' } });
const overdue = async () =>
  (
    await w.h.gql(
      `query($id: ID!) { node(id: $id) { ... on InspectionWarning { overdue dueAt } } }`,
      {
        id: gid('InspectionWarning', late),
      },
      w.tokens.supervisor,
    )
  ).data.node as { overdue: boolean; dueAt: string };

describe('the overdue sweep', () => {
  it('announces a passed deadline once, to the answerable agency; the deadline itself is in time', async () => {
    const due = now.getTime() + 10 * DAY;
    now = new Date(due);
    await w.h.app.sweeps.runOnce();
    expect(await announced()).toEqual([]);
    expect(await overdue()).toMatchObject({ overdue: false, dueAt: new Date(due).toISOString() });
    now = new Date(due + 1);
    await w.h.app.sweeps.runOnce();
    await w.h.app.sweeps.runOnce();
    const events = await announced();
    expect(events.map((e) => [e.agencyId, e.payload])).toEqual([
      [
        w.agencyA.id,
        {
          warningId: late,
          rule: 'UNFILED',
          agencyId: w.agencyA.id,
          status: 'ASSIGNED',
          dueAt: new Date(due).toISOString(),
        },
      ],
    ]);
    expect((await overdue()).overdue).toBe(true);
  });

  it('a new deadline (督办) is announced again when it passes; a reported warning never', async () => {
    await work(w, (uow) => stepWarningInTx(uow, late, 'SUPERVISE', { comment: '督办' }));
    expect((await overdue()).overdue).toBe(false);
    await w.h.app.sweeps.runOnce();
    expect(await announced()).toHaveLength(1);
    now = new Date(now.getTime() + 10 * DAY + 1);
    await w.h.app.sweeps.runOnce();
    const events = await announced();
    expect(events.map((e) => (e.payload as { status: string; warningId: number }).status)).toEqual([
      'ASSIGNED',
      'SUPERVISED',
    ]);
    expect(events.every((e) => (e.payload as { warningId: number }).warningId === late)).toBe(true);
  });
});
