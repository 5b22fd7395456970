// Exemptions 免于评估 (county plan task 7: 存在重大风险隐患、制假售假、危害人身安全 are not weighed against their economic
// effect): recorded with a reason by the agency head before the decision, one per case, withdrawn by the head while the
// case is undecided. The services behind recordImpactExemption / withdrawImpactExemption, and the demo data's.
import { RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { assertCaseActor, lockCase } from '@zhifa/core/cases';
import type { EnforcementCase, ImpactExemptionGround } from '@zhifa/core/prisma';
import { EXEMPTION_GROUND_NAMES } from './names.js';
import { IMPACT_EXEMPTION_RECORDED, IMPACT_EXEMPTION_WITHDRAWN } from './topics.js';
import { assertOpenEnterpriseCase } from './triggers.js';

export async function recordExemptionInTx(
  uow: UnitOfWork,
  caseId: number,
  input: { ground: ImpactExemptionGround; reason: string },
): Promise<void> {
  const c = await lockCase(uow.tx, caseId);
  await assertCaseActor(uow, c, 'head');
  assertOpenEnterpriseCase(c, { zh: '记录免于评估', en: 'recording an exemption' });
  const existing = await uow.tx.impactExemption.findUnique({ where: { caseId } });
  if (existing)
    throw new RuleViolation('IMPACT_EXEMPTION_EXISTS', {
      zh: `本案已记录免于评估（${EXEMPTION_GROUND_NAMES[existing.ground].zh}），须先撤回（县实施方案任务7）`,
      en: `The case is already exempt (${EXEMPTION_GROUND_NAMES[existing.ground].en}); withdraw it first (county plan task 7)`,
    });
  const reason = input.reason.trim();
  await uow.tx.impactExemption.create({
    data: { caseId, ground: input.ground, reason, recordedBy: actorOf(uow.viewer), recordedAt: uow.now },
  });
  await uow.emit(
    IMPACT_EXEMPTION_RECORDED,
    { caseId, number: c.number, agencyId: c.agencyId, ground: input.ground, reason },
    { agencyId: c.agencyId, caseId },
  );
}

export async function withdrawExemptionInTx(uow: UnitOfWork, caseId: number): Promise<EnforcementCase> {
  const c = await lockCase(uow.tx, caseId);
  await assertCaseActor(uow, c, 'head');
  assertOpenEnterpriseCase(c, { zh: '撤回免于评估', en: 'withdrawing an exemption' });
  const existing = await uow.tx.impactExemption.findUnique({ where: { caseId } });
  if (!existing)
    throw new RuleViolation('IMPACT_EXEMPTION_MISSING', {
      zh: '本案未记录免于评估，无可撤回（县实施方案任务7）',
      en: 'The case has no exemption to withdraw (county plan task 7)',
    });
  await uow.tx.impactExemption.delete({ where: { caseId } });
  await uow.emit(
    IMPACT_EXEMPTION_WITHDRAWN,
    { caseId, number: c.number, agencyId: c.agencyId, ground: existing.ground, reason: existing.reason },
    { agencyId: c.agencyId, caseId },
  );
  return c;
}
