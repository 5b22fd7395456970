// 年度检查计划 (county plan task 5; 国办发〔2024〕54号): an agency's annual plan — its items, basis, subjects, scope,
// sampling ratio, frequency, method and content — drafted, filed 备案 with the county justice bureau (by 31 March;
// later filings are shown late) and then published. One plan per agency and year. A filed plan is not edited.
// Each step changes the row only from the status it read (a conditional update), so racing steps cannot both pass.
import { RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import type { InspectionMethod, InspectionPlan, InspectionPlanStatus } from '@zhifa/core/prisma';
import { planFiledLate, planStepRefusal, type PlanStep } from '../rules/catalogue.js';
import { INSPECTION_PLAN_CHANGED } from '../topics.js';
import { assertCompiles, planNotFound, publishedItemsOf, qualifiedAgency, refuse } from './common.js';

export interface PlanFields {
  itemIds: number[];
  basis: string;
  subjects: string;
  scope: string;
  samplingBasisPoints: number;
  frequencyPerYear: number;
  method: InspectionMethod;
  content: string;
}

export interface PlanInput extends PlanFields {
  agencyId: number;
  year: number;
}

const PLAN_WHAT = { zh: '年度检查计划', en: 'an annual plan' };

async function emitPlan(uow: UnitOfWork, p: InspectionPlan) {
  // Filed: the agency's and the justice bureau's (supervisors read every event); published: public.
  await uow.emit(
    INSPECTION_PLAN_CHANGED,
    { planId: p.id, agencyId: p.agencyId, year: p.year, status: p.status, late: planFiledLate(p.year, p.filedAt) },
    { agencyId: p.agencyId, public: p.status === 'PUBLISHED' },
  );
}

function planExists(year: number): RuleViolation {
  return new RuleViolation('INSPECTION_PLAN_EXISTS', {
    zh: `本单位${year}年度检查计划已存在，每个单位每年一份年度检查计划，请修改原计划（县实施方案任务5）`,
    en: `the agency already has its ${year} plan: one annual inspection plan per agency and year — edit that one (county plan task 5)`,
  });
}

export async function createInspectionPlanInTx(uow: UnitOfWork, input: PlanInput): Promise<InspectionPlan> {
  const { tx, viewer, now } = uow;
  assertCompiles(viewer, input.agencyId);
  const agency = await qualifiedAgency(uow, input.agencyId);
  const itemIds = await publishedItemsOf(uow, agency.id, input.itemIds, 'INSPECTION_PLAN_ITEMS', PLAN_WHAT);
  if (await tx.inspectionPlan.findUnique({ where: { agencyId_year: { agencyId: agency.id, year: input.year } } }))
    throw planExists(input.year);
  // The unique key (agencyId, year) settles a race between two creators: the second insert does nothing.
  const created = await tx.inspectionPlan.createManyAndReturn({
    data: [{ ...fields(input), agencyId: agency.id, year: input.year, createdBy: actorOf(viewer), createdAt: now }],
    skipDuplicates: true,
  });
  if (!created.length) throw planExists(input.year);
  const plan = created[0];
  await tx.inspectionPlanItem.createMany({ data: itemIds.map((itemId) => ({ planId: plan.id, itemId })) });
  await emitPlan(uow, plan);
  return plan;
}

function fields(f: PlanFields) {
  return {
    basis: f.basis,
    subjects: f.subjects,
    scope: f.scope,
    samplingBasisPoints: f.samplingBasisPoints,
    frequencyPerYear: f.frequencyPerYear,
    method: f.method,
    content: f.content,
  };
}

async function loadForStep(uow: UnitOfWork, id: number, step: PlanStep): Promise<InspectionPlan> {
  const plan = await uow.tx.inspectionPlan.findUnique({ where: { id } });
  if (!plan) throw planNotFound(id);
  assertCompiles(uow.viewer, plan.agencyId);
  refuse(planStepRefusal(plan.status, step));
  return plan;
}

/** Moves the plan from the status `step` starts from, writing `data`; refused when another step got there first. */
async function advance(
  uow: UnitOfWork,
  plan: InspectionPlan,
  step: PlanStep,
  data: Partial<InspectionPlan> & { status?: InspectionPlanStatus },
): Promise<InspectionPlan> {
  const done = await uow.tx.inspectionPlan.updateMany({ where: { id: plan.id, status: plan.status }, data });
  const fresh = await uow.tx.inspectionPlan.findUniqueOrThrow({ where: { id: plan.id } });
  if (done.count === 0) refuse(planStepRefusal(fresh.status, step));
  return fresh;
}

/** A draft's fields and items replaced whole. */
export async function updateInspectionPlanInTx(
  uow: UnitOfWork,
  id: number,
  input: PlanFields,
): Promise<InspectionPlan> {
  const plan = await loadForStep(uow, id, 'UPDATE');
  const itemIds = await publishedItemsOf(uow, plan.agencyId, input.itemIds, 'INSPECTION_PLAN_ITEMS', PLAN_WHAT);
  const fresh = await advance(uow, plan, 'UPDATE', fields(input));
  await uow.tx.inspectionPlanItem.deleteMany({ where: { planId: id } });
  await uow.tx.inspectionPlanItem.createMany({ data: itemIds.map((itemId) => ({ planId: id, itemId })) });
  await emitPlan(uow, fresh);
  return fresh;
}

/** 备案 with the county justice bureau; after 31 March of the plan's year it is shown late (task 5). */
export async function fileInspectionPlanInTx(uow: UnitOfWork, id: number): Promise<InspectionPlan> {
  const plan = await loadForStep(uow, id, 'FILE');
  await qualifiedAgency(uow, plan.agencyId);
  const fresh = await advance(uow, plan, 'FILE', { status: 'FILED', filedAt: uow.now, filedBy: actorOf(uow.viewer) });
  await emitPlan(uow, fresh);
  return fresh;
}

/** 向社会公布 once filed: the public reads it from then on. */
export async function publishInspectionPlanInTx(uow: UnitOfWork, id: number): Promise<InspectionPlan> {
  const plan = await loadForStep(uow, id, 'PUBLISH');
  const fresh = await advance(uow, plan, 'PUBLISH', {
    status: 'PUBLISHED',
    publishedAt: uow.now,
    publishedBy: actorOf(uow.viewer),
  });
  await emitPlan(uow, fresh);
  return fresh;
}
