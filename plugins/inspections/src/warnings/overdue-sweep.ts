// Overdue warnings, announced once per deadline (county plan task 15: a warning assigned 交办 or supervised 督办 with a
// deadline is followed up; one whose deadline passed without the agency's report 整改 is the supervisor's to escalate).
// Run by the server beside core's measure sweep (ZhifaPlugin.sweeps), as core's notifyOverdueMeasuresInTx does it: a
// conditional update marks the rows it announces, so several instances sweeping at once announce each one once; a new
// deadline (督办, 退回) clears the mark, so it may be announced again when it passes too.
import type { PluginSweep, UnitOfWork } from '@zhifa/core';
import { INSPECTION_WARNING_OVERDUE } from '../topics.js';

/** Every assigned or supervised warning past its deadline (strictly: the deadline's instant itself is still in time). */
export async function announceOverdueWarningsInTx(uow: UnitOfWork): Promise<number> {
  const { tx, now } = uow;
  const marked = await tx.inspectionWarning.updateManyAndReturn({
    where: { status: { in: ['ASSIGNED', 'SUPERVISED'] }, dueAt: { lt: now }, overdueAnnouncedAt: null },
    data: { overdueAnnouncedAt: now },
  });
  for (const w of marked.sort((a, b) => a.id - b.id))
    await uow.emit(
      INSPECTION_WARNING_OVERDUE,
      { warningId: w.id, rule: w.rule, agencyId: w.agencyId, status: w.status, dueAt: w.dueAt!.toISOString() },
      { agencyId: w.agencyId },
    );
  return marked.length;
}

export const warningOverdueSweep: PluginSweep = {
  name: 'inspection-warning-overdue',
  run: announceOverdueWarningsInTx,
  silent: 'a sweep that finds no warning past its deadline writes nothing',
};
