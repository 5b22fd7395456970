// 立案: a case is opened on a published enforcement matter the agency may enforce, for a violation
// still within its limitation period, and numbered from the agency's 立案 sequence.
import type { UnitOfWork } from '../work/unit-of-work.js';
import { CORE_TOPICS } from '../topics.js';
import type { EnforcementCase } from '../generated/prisma/client.js';
import type { CaseProcedure } from '../generated/prisma/enums.js';
import { NotFoundError, RuleViolation, ValidationError, type FieldIssue } from '../errors.js';
import { actorOf } from '../auth/viewer.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { AGENCY_KIND_NAMES } from '../rules/names.js';
import {
  addDays,
  caseLimitationYears,
  defaultLimitationFacts,
  limitationRefusal,
  violationInFuture,
} from '../rules/limitation.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import { assertCanActOnCase } from './actors.js';
import { caseEvent } from './events.js';
import { nextDocumentNumber } from './numbers.js';
import { refuse } from './refuse.js';

export interface OpenCaseData {
  agencyId: number;
  matterId: number;
  enterpriseId: number | null;
  partyDescription: string | null;
  /** Day the violation occurred, or ended if it continued (UTC midnight of the Shanghai day). */
  violationOn: Date;
  /** The facts found; the case's `violation` (the matter's name when absent). */
  facts: string | null;
  procedure: CaseProcedure;
  serious: boolean;
  /** 第36条 发现 (UTC midnight of the Shanghai day); null: the registration day. */
  discoveredOn?: Date | null;
  /** 第36条 facts; null: the matter's default (its 5 years presume both). */
  endangersSafety?: boolean | null;
  harmFollowed?: boolean | null;
}

/** Whether `agency` may enforce `matter`: its kind is one the matter names and the matter's domain is one of its own (行政处罚法第17条、第22条). */
export function agencyMayEnforce(
  agency: { kind: string; domains: string[] },
  matter: { agencyKinds: string[]; domain: string },
): boolean {
  return matter.agencyKinds.includes(agency.kind) && agency.domains.includes(matter.domain);
}

export async function openCaseInTx(uow: UnitOfWork, data: OpenCaseData): Promise<EnforcementCase> {
  const { tx, viewer, now } = uow;
  assertCanActOnCase(viewer, data);
  const issues: FieldIssue[] = [];
  const issue = (field: string, zh: string, en: string) =>
    issues.push({ path: ['input', field], messageZh: zh, messageEn: en });
  if ((data.enterpriseId === null) === (data.partyDescription === null))
    issue(
      'enterpriseId',
      '当事人须为一家经营主体或一名不具名自然人，二者选一',
      'the party is either an enterprise or an unnamed natural person, exactly one',
    );
  if (violationInFuture(data.violationOn, now))
    issue('violationOn', '违法行为发生日期不能晚于今天', 'the violation cannot have happened after today');
  const today = shanghaiToday(now);
  const discoveredOn = data.discoveredOn ?? today;
  if (discoveredOn.getTime() > today.getTime())
    issue('discoveredOn', '发现日期不能晚于今天（立案日）', 'the violation cannot be discovered after today');
  else if (discoveredOn.getTime() < data.violationOn.getTime())
    issue('discoveredOn', '发现日期不能早于违法行为发生日期', 'the violation cannot be discovered before it happened');
  if (issues.length) throw new ValidationError(issues);

  const agency = await tx.agency.findUnique({ where: { id: data.agencyId } });
  if (!agency) throw new NotFoundError('Agency', String(data.agencyId), { zh: '单位', en: 'Agency' });
  if (
    data.enterpriseId !== null &&
    !(await tx.enterprise.findUnique({ where: { id: data.enterpriseId }, select: { id: true } }))
  )
    throw new NotFoundError('Enterprise', String(data.enterpriseId), { zh: '经营主体', en: 'Enterprise' });
  const matter = await tx.enforcementMatter.findUnique({ where: { id: data.matterId } });
  if (!matter)
    throw new NotFoundError('EnforcementMatter', String(data.matterId), {
      zh: '行政执法事项',
      en: 'Enforcement matter',
    });

  if (!matter.published)
    throw new RuleViolation('MATTER_NOT_PUBLISHED', {
      zh: `行政执法事项“${matter.name}”（${matter.code}）尚未公布，不能据以立案（行政处罚法第5条第3款：未经公布的，不得作为行政处罚的依据；第34条）`,
      en: `The enforcement matter ${matter.code} (${matter.name}) is not published; no case may be opened on it (art. 5(3): unpublished rules are no basis for a penalty; art. 34)`,
    });
  if (!agencyMayEnforce(agency, matter))
    throw new RuleViolation('MATTER_NOT_OF_AGENCY', {
      zh: `${agency.name}无权办理“${matter.name}”：该事项属“${matter.domain}”领域，由${matter.agencyKinds.map((k) => AGENCY_KIND_NAMES[k]).join('、')}实施（行政处罚法第17条、第22条：在法定职权范围内实施）`,
      en: `${agency.name} may not enforce ${matter.code}: the matter is of the domain ${matter.domain}, enforced by ${matter.agencyKinds.join(', ')} (arts. 17, 22: within the agency's statutory powers)`,
    });
  // 第36条: the case's own facts decide 2 or 5 years; the matter's limitation is the default.
  const defaults = defaultLimitationFacts(matter.limitationYears);
  const limitation = {
    endangersSafety: data.endangersSafety ?? defaults.endangersSafety,
    harmFollowed: data.harmFollowed ?? defaults.harmFollowed,
  };
  refuse(limitationRefusal(data.violationOn, caseLimitationYears(limitation), discoveredOn));

  const number = await nextDocumentNumber(tx, agency, 'REGISTRATION', now);
  const { decisionDays } = uow.settings.get(CASE_SETTINGS);
  const c = await tx.enforcementCase.create({
    data: {
      number,
      agencyId: agency.id,
      partyKind: data.enterpriseId !== null ? 'ENTERPRISE' : 'NATURAL_PERSON',
      enterpriseId: data.enterpriseId,
      partyDescription: data.partyDescription,
      matterId: matter.id,
      violation: data.facts ?? matter.name,
      violatedProvision: matter.violatedProvision,
      penaltyProvision: matter.penaltyProvision,
      violationOn: data.violationOn,
      procedure: data.procedure,
      serious: data.serious,
      discoveredOn,
      ...limitation,
      stage: 'REGISTERED',
      registeredAt: now,
      registeredBy: actorOf(viewer),
      // 第60条: decided within 90 days of 立案 (the day itself not counted); 简易程序 is decided on the spot.
      deadlineOn: data.procedure === 'GENERAL' ? addDays(today, decisionDays) : null,
    },
  });
  await caseEvent(uow, CORE_TOPICS.caseOpened, c, {
    stage: c.stage,
    partyKind: c.partyKind,
    matterId: matter.id,
    procedure: c.procedure,
    violationOn: data.violationOn.toISOString().slice(0, 10),
  });
  return c;
}
