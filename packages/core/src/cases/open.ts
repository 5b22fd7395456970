import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.js';
import { assertCanActOnCase } from './actors.js';
import { caseEvent } from './events.js';

export interface OpenCaseData {
  number: string;
  agencyId: number;
  enterpriseId: number | null;
  partyDescription: string | null;
  violation: string;
  violatedProvision: string;
  penaltyProvision: string;
}

export async function openCaseInTx(uow: UnitOfWork, data: OpenCaseData): Promise<EnforcementCase> {
  const { tx, viewer } = uow;
  assertCanActOnCase(viewer, data);
  const issues: FieldIssue[] = [];
  const issue = (field: string, zh: string, en: string) => issues.push({ path: ['input', field], messageZh: zh, messageEn: en });
  if ((data.enterpriseId === null) === (data.partyDescription === null))
    issue('enterpriseId', '当事人须为一家经营主体或一名不具名自然人，二者选一', 'the party is either an enterprise or an unnamed natural person, exactly one');
  if (await tx.enforcementCase.findUnique({ where: { number: data.number }, select: { id: true } }))
    issue('number', '案号已存在', 'a case with this number exists');
  if (issues.length) throw new ValidationError(issues);

  if (!(await tx.agency.findUnique({ where: { id: data.agencyId }, select: { id: true } })))
    throw new NotFoundError('Agency', String(data.agencyId), { zh: '单位', en: 'Agency' });
  if (data.enterpriseId !== null && !(await tx.enterprise.findUnique({ where: { id: data.enterpriseId }, select: { id: true } })))
    throw new NotFoundError('Enterprise', String(data.enterpriseId), { zh: '经营主体', en: 'Enterprise' });

  let c: EnforcementCase;
  try {
    c = await tx.enforcementCase.create({
      data: { ...data, partyKind: data.enterpriseId !== null ? 'ENTERPRISE' : 'NATURAL_PERSON', stage: 'REGISTERED' },
    });
  } catch (err) {
    // Two officers registering the same number at once: the loser gets the same answer as above.
    if ((err as { code?: string }).code === 'P2002')
      throw ValidationError.one(['input', 'number'], { zh: '案号已存在', en: 'a case with this number exists' });
    throw err;
  }
  await caseEvent(uow, CORE_TOPICS.caseOpened, c, { stage: c.stage, partyKind: c.partyKind });
  return c;
}
