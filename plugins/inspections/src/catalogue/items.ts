// 检查事项 (county plan task 5; 国办发〔2024〕54号): an agency with a confirmed inspection-subject qualification
// compiles its items, each tied to enforcement matters it may enforce (行政处罚法 第17条: 在法定职权范围内), publishes
// them (谁编制、谁公示; by 15 April, later ones are shown late) and repeals them. A published item is not edited: a
// change is a repeal and a new item. Each step checks the row it read and changes it conditionally, so two
// requests racing to publish one item publish it once.
import { RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import type { InspectionItem } from '@zhifa/core/prisma';
import { itemPublishedLate, itemStepRefusal } from '../rules/catalogue.js';
import { INSPECTION_ITEM_CHANGED } from '../topics.js';
import { assertCompiles, itemNotFound, qualifiedAgency, refuse } from './common.js';

/** At most this many matters per item (an item is one line of the published catalogue, not a whole list). */
export const MAX_ITEM_MATTERS = 20;

export interface ItemInput {
  agencyId: number;
  name: string;
  basis: string;
  year: number;
  matterIds: number[];
}

async function emitItem(uow: UnitOfWork, i: InspectionItem, action: 'CREATED' | 'PUBLISHED' | 'REPEALED') {
  // A published item is public (谁编制、谁公示); a draft is the agency's working paper.
  await uow.emit(
    INSPECTION_ITEM_CHANGED,
    { itemId: i.id, agencyId: i.agencyId, action, late: itemPublishedLate(i.year, i.publishedAt) },
    { agencyId: i.agencyId, public: i.publishedAt !== null },
  );
}

export async function createInspectionItemInTx(uow: UnitOfWork, input: ItemInput): Promise<InspectionItem> {
  const { tx, viewer, now } = uow;
  assertCompiles(viewer, input.agencyId);
  const matterIds = [...new Set(input.matterIds)];
  if (matterIds.length < 1 || matterIds.length > MAX_ITEM_MATTERS)
    throw ValidationError.one(['input', 'matterIds'], {
      zh: `须列明 1 至 ${MAX_ITEM_MATTERS} 项行政执法事项`,
      en: `name from 1 to ${MAX_ITEM_MATTERS} enforcement matters`,
    });
  const agency = await qualifiedAgency(uow, input.agencyId);
  const matters = await tx.enforcementMatter.findMany({ where: { id: { in: matterIds } } });
  const byId = new Map(matters.map((m) => [m.id, m]));
  const wrong = matterIds.flatMap((id) => {
    const m = byId.get(id);
    if (!m) return [{ zh: `#${id}：不存在`, en: `#${id}: no such matter` }];
    if (!m.published) return [{ zh: `${m.code}：尚未公布`, en: `${m.code}: not published` }];
    if (!agencyMayEnforce(agency, m))
      return [{ zh: `${m.code}：不属${agency.name}的执法领域`, en: `${m.code}: not of ${agency.name}'s domains` }];
    return [];
  });
  const domains = [...new Set(matters.map((m) => m.domain))];
  if (!wrong.length && domains.length > 1)
    wrong.push({
      zh: `事项分属多个领域（${domains.join('、')}），一个检查事项只属一个监管领域`,
      en: `the matters span several domains (${domains.join(', ')}); an item belongs to one domain`,
    });
  if (wrong.length)
    throw new RuleViolation('INSPECTION_ITEM_MATTER', {
      zh: `检查事项须对应${agency.name}有权实施的已公布行政执法事项（行政处罚法第17条：在法定职权范围内实施；县实施方案任务5）：${wrong.map((w) => w.zh).join('；')}`,
      en: `an inspection item names published enforcement matters ${agency.name} may enforce (art. 17: within its statutory powers; county plan task 5): ${wrong.map((w) => w.en).join('; ')}`,
    });
  const item = await tx.inspectionItem.create({
    data: {
      agencyId: agency.id,
      name: input.name,
      basis: input.basis,
      domain: domains[0],
      year: input.year,
      createdBy: actorOf(viewer),
      createdAt: now,
      matters: { create: matterIds.map((matterId) => ({ matterId })) },
    },
  });
  await emitItem(uow, item, 'CREATED');
  return item;
}

async function step(uow: UnitOfWork, id: number, which: 'PUBLISH' | 'REPEAL'): Promise<InspectionItem> {
  const { tx, viewer, now } = uow;
  const item = await tx.inspectionItem.findUnique({ where: { id } });
  if (!item) throw itemNotFound(id);
  assertCompiles(viewer, item.agencyId);
  refuse(itemStepRefusal(item, which));
  if (which === 'PUBLISH') await qualifiedAgency(uow, item.agencyId);
  const data =
    which === 'PUBLISH' ? { publishedAt: now, publishedBy: actorOf(viewer) } : { repealedAt: now as Date | null };
  const done = await tx.inspectionItem.updateMany({
    where: { id, repealedAt: null, ...(which === 'PUBLISH' ? { publishedAt: null } : {}) },
    data,
  });
  const fresh = await tx.inspectionItem.findUniqueOrThrow({ where: { id } });
  if (done.count === 0) refuse(itemStepRefusal(fresh, which));
  await emitItem(uow, fresh, which === 'PUBLISH' ? 'PUBLISHED' : 'REPEALED');
  return fresh;
}

/** 谁编制、谁公示: the compiling agency publishes; after 15 April of the item's year it is shown late. */
export function publishInspectionItemInTx(uow: UnitOfWork, id: number): Promise<InspectionItem> {
  return step(uow, id, 'PUBLISH');
}

/** Repealed items stay readable (what was inspected on them stays explained) but no plan or scheme takes them. */
export function repealInspectionItemInTx(uow: UnitOfWork, id: number): Promise<InspectionItem> {
  return step(uow, id, 'REPEAL');
}
