// What a filing and a visit both check, read in the caller's transaction: the agency's qualification (task 5), the
// items (the agency's own, published and in force — 谁编制、谁公示), the scheme, and the officers (core's rule:
// two or more who may enforce, 行政处罚法 第42条).
import { CASE_SETTINGS, NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import type { Agency, InspectionScheme } from '@zhifa/core/prisma';
import { checkOfficers } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import { schemeRefusal, TASK14, type Refusal } from './rules/visit-rules.js';
import { qualificationRefusal } from './rules/qualification.js';

export function violation(r: Refusal): RuleViolation {
  return new RuleViolation(r.rule, { zh: r.zh, en: r.en });
}

export function refuse(r: Refusal | null): void {
  if (r) throw violation(r);
}

export async function qualifiedAgency(uow: UnitOfWork, agencyId: number): Promise<Agency> {
  const agency = await uow.tx.agency.findUnique({ where: { id: agencyId } });
  if (!agency) throw new NotFoundError('Agency', String(agencyId), { zh: '单位', en: 'Agency' });
  refuse(qualificationRefusal(agency, shanghaiToday(uow.now)));
  return agency;
}

/** The scheme of `agencyId` (another agency's answers as unknown), approved or urgent and pending. */
export async function usableScheme(
  uow: UnitOfWork,
  agencyId: number,
  schemeId: number,
): Promise<InspectionScheme & { items: { itemId: number }[] }> {
  const s = await uow.tx.inspectionScheme.findUnique({
    where: { id: schemeId },
    include: { items: { select: { itemId: true } } },
  });
  if (!s || s.agencyId !== agencyId)
    throw new NotFoundError('InspectionScheme', String(schemeId), { zh: '检查方案', en: 'Inspection scheme' });
  refuse(schemeRefusal(s, uow.now));
  return s;
}

/**
 * The items, each the agency's own, published and not repealed (公示 of 检查事项: an unpublished item is no basis for
 * an inspection), and — when the scheme lists items — among the scheme's.
 */
export async function checkItems(
  uow: UnitOfWork,
  agencyId: number,
  itemIds: number[],
  scheme: { items: { itemId: number }[] } | null,
): Promise<number[]> {
  const ids = [...new Set(itemIds)];
  const rows = await uow.tx.inspectionItem.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inScheme = scheme && scheme.items.length ? new Set(scheme.items.map((i) => i.itemId)) : null;
  const wrong = ids.flatMap((id) => {
    const i = byId.get(id);
    if (!i || i.agencyId !== agencyId)
      return [{ zh: `#${id}：不是本单位的检查事项`, en: `#${id}: not an item of the agency` }];
    if (!i.publishedAt || i.repealedAt)
      return [{ zh: `${i.name}：未公布或已废止`, en: `${i.name}: not published, or repealed` }];
    if (inScheme && !inScheme.has(id)) return [{ zh: `${i.name}：不在检查方案内`, en: `${i.name}: not in the scheme` }];
    return [];
  });
  if (ids.length === 0) wrong.push({ zh: '至少一项检查事项', en: 'at least one item' });
  if (wrong.length)
    throw new RuleViolation('INSPECTION_ITEMS', {
      zh: `检查事项须为本单位已公布的检查事项（谁编制、谁公示，未公布的不得作为检查依据；${TASK14.zh}）：${wrong.map((w) => w.zh).join('；')}`,
      en: `inspection items are the agency's own published items (an unpublished item is no basis for an inspection; ${TASK14.en}): ${wrong.map((w) => w.en).join('; ')}`,
    });
  return ids;
}

/** Two or more officers of the agency, every one able to enforce today (core's certificate rule, 第42条). */
export async function enforceableOfficers(uow: UnitOfWork, agencyId: number, requested: number[]): Promise<number[]> {
  const ids = [...new Set(requested)];
  const found = await uow.tx.person.findMany({ where: { id: { in: ids } } });
  const check = checkOfficers(ids, found, agencyId, uow.now, uow.settings.get(CASE_SETTINGS).reviewGraceUntil);
  if (check.eligible.length >= 2 && check.refused.length === 0) return check.eligible;
  const agencyOf = new Map(found.map((p) => [p.id, p.agencyId]));
  const reasons = check.refused.map((r) => {
    const other = agencyOf.has(r.personId) && agencyOf.get(r.personId) !== agencyId;
    const reason = other ? { zh: '不是检查单位的人员', en: 'not of the inspecting agency' } : r.reason;
    const who = r.name ?? `#${r.personId}`;
    return { zh: `${who}：${reason.zh}`, en: `${who}: ${reason.en}` };
  });
  throw new RuleViolation('INSPECTION_OFFICERS', {
    zh: `入企检查须由检查单位至少 2 名持有效执法证的执法人员进行（行政处罚法第42条；${TASK14.zh}），现有 ${check.eligible.length} 名${reasons.length ? `：${reasons.map((r) => r.zh).join('；')}` : ''}`,
    en: `an inspection is made by at least 2 officers of the agency with valid certificates (行政处罚法 art. 42; ${TASK14.en}); ${check.eligible.length} may go${reasons.length ? `: ${reasons.map((r) => r.en).join('; ')}` : ''}`,
  });
}
