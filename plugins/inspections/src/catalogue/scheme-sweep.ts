// Urgent schemes whose approval deadline passed undecided, announced to their agency once (county plan task 5: an
// urgent inspection is approved afterwards within the set time). Run by the server beside core's measure sweep
// (ZhifaPlugin.sweeps); a conditional update marks the rows it announces, so several instances sweeping at once
// announce each row once between them.
import type { PluginSweep, UnitOfWork } from '@zhifa/core';
import { emitScheme } from './schemes.js';

export async function announceOverdueSchemeApprovalsInTx(uow: UnitOfWork): Promise<number> {
  const { tx, now } = uow;
  const marked = await tx.inspectionScheme.updateManyAndReturn({
    where: { status: 'PENDING', urgent: true, approvalDueAt: { lt: now }, overdueAnnouncedAt: null },
    data: { overdueAnnouncedAt: now },
  });
  for (const s of marked.sort((a, b) => a.id - b.id)) await emitScheme(uow, s, 'OVERDUE');
  return marked.length;
}

export const schemeApprovalSweep: PluginSweep = {
  name: 'inspection-scheme-approval',
  run: announceOverdueSchemeApprovalsInTx,
  silent: 'a sweep that finds no urgent scheme past its approval deadline writes nothing',
};
