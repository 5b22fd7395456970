// Overdue follow-ups of soft measures, announced to their agency once (county plan task 7: a soft measure is
// followed up; one left without an outcome past its day is the agency's to chase). Run by the server beside core's
// measure sweep (ZhifaPlugin.sweeps), as core's notifyOverdueMeasuresInTx does it: a conditional update marks the
// rows it announces, so several instances sweeping at once announce each row once between them.
import type { PluginSweep, UnitOfWork } from '@zhifa/core';
import { shanghaiToday } from '@zhifa/core/time';
import { ref } from './soft-measures.js';
import { SOFT_MEASURE_FOLLOW_UP_OVERDUE } from './topics.js';

/** The sweep's work: every measure whose follow-up day has passed (Asia/Shanghai) with no outcome, not yet announced. */
export async function notifyOverdueSoftMeasuresInTx(uow: UnitOfWork): Promise<number> {
  const { tx, now } = uow;
  const marked = await tx.softMeasure.updateManyAndReturn({
    where: { followUpOn: { lt: shanghaiToday(now) }, outcome: null, overdueAnnouncedAt: null },
    data: { overdueAnnouncedAt: now },
  });
  for (const m of marked.sort((a, b) => a.id - b.id))
    // The agency's working matter (supervisors see every event), not the enterprise's: scoped to the agency and case.
    await uow.emit(
      SOFT_MEASURE_FOLLOW_UP_OVERDUE,
      { ...ref(m), followUpOn: m.followUpOn!.toISOString().slice(0, 10) },
      { agencyId: m.agencyId, caseId: m.caseId },
    );
  return marked.length;
}

export const softMeasureFollowUpSweep: PluginSweep = {
  name: 'soft-measure-follow-up',
  run: notifyOverdueSoftMeasuresInTx,
  silent: 'a sweep that finds no soft measure past its follow-up day writes nothing',
};
