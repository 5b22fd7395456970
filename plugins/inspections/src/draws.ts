// 双随机、一公开 (county plan task 6; 国办发〔2024〕54号): an agency qualified to inspect (行政检查主体资格, task 5)
// draws enterprises of its jurisdiction for a matter it enforces, weighted by credit risk class (drawWeights), and
// two officers who may enforce for each (行政处罚法 第42条); the seed and the pools are stored so anyone can
// recompute the draw (rules/draw.ts), and the result is published afterwards (一公开).
import { qualificationRefusal } from './rules/qualification.js';
import { randomBytes } from 'node:crypto';
import { CASE_SETTINGS, NotFoundError, RuleViolation, ValidationError, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import type { Agency, CreditRiskClass, Db, InspectionDraw, Prisma } from '@zhifa/core/prisma';
import { canEnforce } from '@zhifa/core/rules';
import { shanghaiToday } from '@zhifa/core/time';
import {
  drawRefusal,
  drawSample,
  MAX_DRAW_COUNT,
  MAX_DRAW_POOL,
  OFFICERS_PER_ENTERPRISE,
  type DrawnEnterprise,
} from './rules/draw.js';
import { storedDrawWeights } from './rules/setting-values.js';
import { inspectionsSettings } from './settings.js';
import { INSPECTION_DRAW_CHANGED } from './topics.js';

/** The pool's filter: within the agency's jurisdiction, optionally one township, one industry, some credit classes. */
export interface DrawFilter {
  townshipId?: number | null;
  industry?: string | null;
  creditRiskClasses?: CreditRiskClass[] | null;
}

export interface DrawRequest {
  agencyId: number;
  matterId: number;
  enterpriseCount: number;
  filter: DrawFilter;
  /** Demo data only: a seed from the demo's own PRNG, so the demo is the same on every machine. The API never sets it. */
  seed?: string;
}

/** Agencies whose jurisdiction is one area: their enterprises are those registered in it (Enterprise.townshipId). */
const AREA_KINDS = ['TOWNSHIP', 'SUBDISTRICT', 'MANAGEMENT_COMMITTEE'];

/** A county agency's pool is the county; a township's (街道, 管委会) its own area. */
export function jurisdictionWhere(agency: Pick<Agency, 'id' | 'kind'>): Prisma.EnterpriseWhereInput {
  return AREA_KINDS.includes(agency.kind) ? { townshipId: agency.id } : {};
}

export function drawNotFound(id: number | string): NotFoundError {
  return new NotFoundError('InspectionDraw', String(id), { zh: '抽查', en: 'Draw' });
}

function refuse(rule: string, zh: string, en: string): never {
  throw new RuleViolation(rule, { zh, en });
}

/** Qualified to inspect on `today` (rules/qualification.ts). */
export function assertQualified(agency: Pick<Agency, 'name' | 'inspectionQualifiedOn'>, today: Date): void {
  const r = qualificationRefusal(agency, today);
  if (r) refuse(r.rule, r.zh, r.en);
}

async function poolWhere(tx: Db, agency: Agency, filter: DrawFilter): Promise<Prisma.EnterpriseWhereInput> {
  const where: Prisma.EnterpriseWhereInput[] = [jurisdictionWhere(agency)];
  if (filter.townshipId != null) {
    const township = await tx.agency.findUnique({ where: { id: filter.townshipId } });
    if (!township || !AREA_KINDS.includes(township.kind))
      throw ValidationError.one(['filter', 'townshipId'], { zh: '不是镇区、街道或管委会', en: 'not a township area' });
    if (AREA_KINDS.includes(agency.kind) && township.id !== agency.id)
      throw ValidationError.one(['filter', 'townshipId'], {
        zh: '镇区只能在本辖区内抽取',
        en: 'a township draws from its own area only',
      });
    where.push({ townshipId: township.id });
  }
  if (filter.industry) where.push({ industry: filter.industry });
  if (filter.creditRiskClasses?.length) where.push({ creditRiskClass: { in: filter.creditRiskClasses } });
  return { AND: where };
}

/** The agency's officers who may enforce today (core's certificate rule), by id. */
async function enforceableOfficers(uow: UnitOfWork, agencyId: number): Promise<number[]> {
  const people = await uow.tx.person.findMany({
    where: { agencyId, roles: { has: 'OFFICER' } },
    orderBy: { id: 'asc' },
  });
  const grace = uow.settings.get(CASE_SETTINGS).reviewGraceUntil;
  return people.filter((p) => canEnforce(p, uow.now, grace)).map((p) => p.id);
}

/** Draw `enterpriseCount` enterprises and two officers each; stored with the seed and the pools, not yet public. */
export async function drawInspectionSampleInTx(uow: UnitOfWork, input: DrawRequest): Promise<InspectionDraw> {
  const { tx, now } = uow;
  if (!Number.isInteger(input.enterpriseCount) || input.enterpriseCount < 1 || input.enterpriseCount > MAX_DRAW_COUNT)
    throw ValidationError.one(['enterpriseCount'], {
      zh: `抽取户数须为 1–${MAX_DRAW_COUNT} 的整数`,
      en: `the number of enterprises is an integer from 1 to ${MAX_DRAW_COUNT}`,
    });
  const industry = input.filter.industry?.trim() || null;
  if (industry && industry.length > 50)
    throw ValidationError.one(['filter', 'industry'], { zh: '过长（至多 50 字）', en: 'too long (at most 50)' });
  const filter: DrawFilter = {
    townshipId: input.filter.townshipId ?? null,
    industry,
    creditRiskClasses: input.filter.creditRiskClasses?.length
      ? [...new Set(input.filter.creditRiskClasses)].sort()
      : null,
  };
  const agency = await tx.agency.findUnique({ where: { id: input.agencyId } });
  if (!agency) throw new NotFoundError('Agency', String(input.agencyId), { zh: '单位', en: 'Agency' });
  assertQualified(agency, shanghaiToday(now));
  const matter = await tx.enforcementMatter.findUnique({ where: { id: input.matterId } });
  if (!matter) throw new NotFoundError('EnforcementMatter', String(input.matterId), { zh: '执法事项', en: 'Matter' });
  if (!matter.published || !agencyMayEnforce(agency, matter))
    refuse(
      'INSPECTION_DRAW_MATTER',
      `抽查事项须为${agency.name}依法可以实施的已公布行政执法事项，${matter.code}不是（国办发〔2024〕54号：在法定职责范围内实施检查；方案任务6）`,
      `a draw is for a published matter ${agency.name} enforces (its kind and domains); ${matter.code} is not (国办发〔2024〕54号; county plan task 6)`,
    );
  const where = await poolWhere(tx, agency, filter);
  const poolSize = await tx.enterprise.count({ where });
  // A pool above the cap is refused before it is read.
  const officers = await enforceableOfficers(uow, agency.id);
  const refusal = drawRefusal(input.enterpriseCount, poolSize, officers.length);
  if (refusal) throw new RuleViolation(refusal.rule, refusal.message);
  const pool = await tx.enterprise.findMany({
    where,
    select: { id: true, creditRiskClass: true },
    orderBy: { id: 'asc' },
    take: MAX_DRAW_POOL,
  });
  // Rows written between the count and the read are in the pool; rows deleted are not (judged again on what was read).
  const again = drawRefusal(input.enterpriseCount, pool.length, officers.length);
  if (again) throw new RuleViolation(again.rule, again.message);
  const weights = uow.settings.get(inspectionsSettings).drawWeights;
  const seed = input.seed ?? randomBytes(32).toString('hex');
  const drawn = drawSample({
    seed,
    weights,
    enterprises: pool,
    officers,
    count: input.enterpriseCount,
    officersPerEnterprise: OFFICERS_PER_ENTERPRISE,
  });
  const draw = await tx.inspectionDraw.create({
    data: {
      agencyId: agency.id,
      matterId: matter.id,
      seed,
      weights: { ...weights },
      enterprisePool: pool.map((e) => e.id),
      enterprisePoolClasses: pool.map((e) => e.creditRiskClass).join(''),
      filter: { ...filter },
      officerPool: officers,
      enterpriseCount: input.enterpriseCount,
      officersPerEnterprise: OFFICERS_PER_ENTERPRISE,
      drawnBy: actorOf(uow.viewer),
      drawnAt: now,
    },
  });
  await tx.inspectionDrawEnterprise.createMany({ data: drawn.map((d) => ({ drawId: draw.id, ...d })) });
  await uow.emit(
    INSPECTION_DRAW_CHANGED,
    { drawId: draw.id, agencyId: agency.id, matterId: matter.id, action: 'DRAWN' },
    { agencyId: agency.id },
  );
  return draw;
}

/** 一公开: the draw is published (public from now on); once. */
export async function publishInspectionDrawInTx(uow: UnitOfWork, drawId: number): Promise<InspectionDraw> {
  const done = await uow.tx.inspectionDraw.updateMany({
    where: { id: drawId, publishedAt: null },
    data: { publishedAt: uow.now },
  });
  const draw = await uow.tx.inspectionDraw.findUnique({ where: { id: drawId } });
  if (!draw) throw drawNotFound(drawId);
  if (done.count === 0)
    refuse(
      'INSPECTION_DRAW_PUBLISHED',
      '该次抽查结果已公开，不能再次公开或更改（方案任务6：一公开）',
      'the draw is published already; a published draw is not published again or changed (county plan task 6)',
    );
  await uow.emit(
    INSPECTION_DRAW_CHANGED,
    { drawId: draw.id, agencyId: draw.agencyId, matterId: draw.matterId, action: 'PUBLISHED' },
    { agencyId: draw.agencyId, public: true },
  );
  return draw;
}

export interface DrawReplay {
  /** The draw recomputed from its stored seed, weights and pools. */
  recomputed: DrawnEnterprise[];
  /** Whether it equals the stored result, enterprise by enterprise and officer by officer. */
  reproduced: boolean;
}

/** Recompute a stored draw from its inputs (any party can do the same with rules/draw.ts's recipe). */
export function replayDraw(
  draw: Pick<
    InspectionDraw,
    | 'seed'
    | 'weights'
    | 'enterprisePool'
    | 'enterprisePoolClasses'
    | 'officerPool'
    | 'enterpriseCount'
    | 'officersPerEnterprise'
  >,
  stored: readonly DrawnEnterprise[],
): DrawReplay {
  const classes = draw.enterprisePoolClasses;
  const recomputed =
    classes.length === draw.enterprisePool.length
      ? drawSample({
          seed: draw.seed,
          weights: storedDrawWeights(draw.weights),
          enterprises: draw.enterprisePool.map((id, i) => ({ id, creditRiskClass: classes[i] as CreditRiskClass })),
          officers: draw.officerPool,
          count: draw.enterpriseCount,
          officersPerEnterprise: draw.officersPerEnterprise,
        })
      : [];
  const key = (d: DrawnEnterprise) => `${d.position}:${d.enterpriseId}:${d.creditRiskClass}:${d.officerIds.join('/')}`;
  const sorted = [...stored].sort((a, b) => a.position - b.position);
  const reproduced = recomputed.length === sorted.length && recomputed.every((d, i) => key(d) === key(sorted[i]));
  return { recomputed, reproduced };
}
