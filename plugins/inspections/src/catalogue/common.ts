// What the catalogue's services share: refusing with a rule code, the not-found errors, the agency read with its
// qualification, and who may compile (the agency's officers and admin — core's isOfficerOf, a system admin too).
import { ForbiddenError, NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { isOfficerOf, type Viewer } from '@zhifa/core/auth';
import type { Agency } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { type CatalogueRefusal } from '../rules/catalogue.js';
import { qualificationRefusal } from '../rules/qualification.js';

export function refuse(r: CatalogueRefusal | null): void {
  if (r) throw new RuleViolation(r.rule, { zh: r.zh, en: r.en });
}

export const itemNotFound = (id: number | string) =>
  new NotFoundError('InspectionItem', String(id), { zh: '检查事项', en: 'Inspection item' });
export const planNotFound = (id: number | string) =>
  new NotFoundError('InspectionPlan', String(id), { zh: '年度检查计划', en: 'Inspection plan' });
export const schemeNotFound = (id: number | string) =>
  new NotFoundError('InspectionScheme', String(id), { zh: '检查方案', en: 'Inspection scheme' });
export const agencyNotFound = (id: number | string) =>
  new NotFoundError('Agency', String(id), { zh: '单位', en: 'Agency' });

/** 谁编制、谁公示: the agency's officers and admin compile, file and publish its items, plans and schemes. */
export function compilesFor(v: Viewer, agencyId: number): boolean {
  return v.kind === 'system' || isOfficerOf(v, agencyId);
}

export const NOT_COMPILER = {
  zh: '只有本单位的执法人员和管理员可以编制、报备和公布本单位的检查事项、检查计划和检查方案（县实施方案任务5：谁编制、谁公示）',
  en: "Only the agency's officers and admin compile, file and publish its inspection items, plans and schemes (county plan task 5)",
};

export function assertCompiles(v: Viewer, agencyId: number): void {
  if (!compilesFor(v, agencyId)) throw new ForbiddenError(NOT_COMPILER);
}

/** The agency, refused unless its inspection-subject qualification is confirmed by today (task 5). */
export async function qualifiedAgency(uow: UnitOfWork, agencyId: number): Promise<Agency> {
  const agency = await uow.tx.agency.findUnique({ where: { id: agencyId } });
  if (!agency) throw agencyNotFound(agencyId);
  refuse(qualificationRefusal(agency, shanghaiToday(uow.now)));
  return agency;
}

/**
 * The items named, when every one is the agency's, published and not repealed; otherwise `rule` naming each wrong
 * one. A plan and a scheme implement items the public can read (谁编制、谁公示).
 */
export async function publishedItemsOf(
  uow: UnitOfWork,
  agencyId: number,
  itemIds: readonly number[],
  rule: string,
  what: { zh: string; en: string },
): Promise<number[]> {
  const ids = [...new Set(itemIds)];
  const rows = await uow.tx.inspectionItem.findMany({
    where: { id: { in: ids } },
    select: { id: true, agencyId: true, name: true, publishedAt: true, repealedAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wrong = ids.flatMap((id) => {
    const i = byId.get(id);
    if (!i || i.agencyId !== agencyId)
      return [{ zh: `#${id}：不是本单位的检查事项`, en: `#${id}: not an item of the agency` }];
    if (i.repealedAt) return [{ zh: `${i.name}：已废止`, en: `${i.name}: repealed` }];
    if (!i.publishedAt) return [{ zh: `${i.name}：尚未公布`, en: `${i.name}: not published` }];
    return [];
  });
  if (wrong.length)
    throw new RuleViolation(rule, {
      zh: `${what.zh}只能列入本单位已公布、未废止的检查事项（县实施方案任务5：检查事项谁编制、谁公示，未公布的不得实施检查）：${wrong.map((w) => w.zh).join('；')}`,
      en: `${what.en} lists only the agency's published, unrepealed inspection items (county plan task 5: no inspection on an unpublished item): ${wrong.map((w) => w.en).join('; ')}`,
    });
  return ids;
}
