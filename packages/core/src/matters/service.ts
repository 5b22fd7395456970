// Writing enforcement matters 行政执法事项: one function per change, each inside the caller's unit of
// work, shared by the GraphQL mutations (schema/matter.ts) and the CSV import (matters/import.ts).
//
// Lifecycle: created as a draft (staff see it) → published (public, 行政处罚法 第34条: 裁量基准应当向社会
// 公布; cases may be opened on it) → withdrawn (unpublished, with a reason: a repealed provision;
// no new case may be opened on it, cases already opened keep it). A published matter may still be
// corrected: a case copies its provisions when opened and is decided against the matter as it then
// stands (第37条: the rule in force applies, a lighter new one too). Its code is fixed once
// published, since other lists (non-penalty items' matterCode) and spreadsheets refer to it.
import type { Db } from '../db.js';
import type { EnforcementMatter } from '../generated/prisma/client.js';
import { ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../errors.js';
import { canMaintainMatter, mayMaintainMatters } from '../auth/rows.js';
import type { Viewer } from '../auth/viewer.js';
import { CORE_TOPICS } from '../topics.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import { matterProblems, publicationRefusal, type MatterFields } from '../rules/matter.js';
import { benchmarkJson, readBenchmark } from '../rules/discretion.js';

export type MatterVia = 'api' | 'csv';

const WHAT = { zh: '执法事项', en: 'Enforcement matter' };

export const MAINTAINERS_ONLY = {
  zh: '执法事项由县司法局监督人员、系统管理员或监管领域相符的单位管理员维护',
  en: 'Enforcement matters are maintained by the county justice bureau’s supervisors, system admins, or admins of an agency of the matter’s domain',
};

/** The domains of the viewer's own agency (for an agency admin's right to maintain a matter). */
export async function viewerAgencyDomains(db: Db, v: Viewer): Promise<string[]> {
  if (v.kind !== 'person') return [];
  const a = await db.agency.findUnique({ where: { id: v.agencyId }, select: { domains: true } });
  return a?.domains ?? [];
}

/** Refuses anyone who may maintain no matter at all (checked before any input is read). */
export function assertMayMaintainMatters(v: Viewer): void {
  if (!mayMaintainMatters(v)) throw new ForbiddenError(MAINTAINERS_ONLY);
}

export function assertMayMaintain(v: Viewer, domain: string, domains: readonly string[]): void {
  if (!canMaintainMatter(v, domain, domains))
    throw new ForbiddenError({
      zh: `无权维护监管领域“${domain}”的执法事项（本单位监管领域：${domains.join('、') || '无'}）`,
      en: `Not allowed to maintain matters of the domain "${domain}" (your agency's domains: ${domains.join(', ') || 'none'})`,
    });
}

/** A matter's problems as one RuleViolation (the first problem's code, every message). */
export function refuseIncoherentMatter(m: MatterFields): void {
  const problems = matterProblems(m);
  if (!problems.length) return;
  throw new RuleViolation(problems[0].rule, {
    zh: problems.map((p) => p.zh).join('；'),
    en: problems.map((p) => p.en).join('; '),
  });
}

const CODE_TAKEN = { zh: '该事项编码已被使用', en: 'this matter code is taken' };

/** The columns written for a matter's fields. */
export function matterColumns(m: MatterFields) {
  return {
    code: m.code,
    name: m.name,
    domain: m.domain,
    agencyKinds: [...new Set(m.agencyKinds)],
    violatedProvision: m.violatedProvision,
    penaltyProvision: m.penaltyProvision,
    penaltyKinds: [...m.penaltyKinds],
    fineMinFen: m.fineMinFen,
    fineMaxFen: m.fineMaxFen,
    gainsMultipleMin: m.gainsMultipleMin,
    gainsMultipleMax: m.gainsMultipleMax,
    limitationYears: m.limitationYears,
    fallbackBelowFen: m.fallbackBelowFen,
    mandatoryKinds: [...new Set(m.mandatoryKinds)],
    alternativeKinds: [...new Set(m.alternativeKinds)],
    benchmark: benchmarkJson(m.benchmark),
  };
}

/** The fields of a stored matter, for comparison and export. */
export function matterFieldsOf(m: EnforcementMatter): MatterFields {
  return {
    code: m.code,
    name: m.name,
    domain: m.domain,
    agencyKinds: m.agencyKinds,
    violatedProvision: m.violatedProvision,
    penaltyProvision: m.penaltyProvision,
    penaltyKinds: m.penaltyKinds,
    fineMinFen: m.fineMinFen,
    fineMaxFen: m.fineMaxFen,
    gainsMultipleMin: m.gainsMultipleMin,
    gainsMultipleMax: m.gainsMultipleMax,
    limitationYears: m.limitationYears,
    fallbackBelowFen: m.fallbackBelowFen,
    mandatoryKinds: m.mandatoryKinds,
    alternativeKinds: m.alternativeKinds,
    benchmark: readBenchmark(m.benchmark),
  };
}

/** Names of the fields that differ (sets compare as sets). */
export function changedMatterFields(before: MatterFields, after: MatterFields): (keyof MatterFields)[] {
  // The benchmark is a list of objects: compared by its stored form, tiers in their fixed order.
  const same = (a: unknown, b: unknown, k: keyof MatterFields) =>
    k === 'benchmark'
      ? JSON.stringify(benchmarkJson(before.benchmark)) === JSON.stringify(benchmarkJson(after.benchmark))
      : Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && new Set(a).size === new Set<unknown>([...(a as unknown[]), ...(b as unknown[])]).size
        : a === b;
  return (Object.keys(before) as (keyof MatterFields)[]).filter((k) => !same(before[k], after[k], k));
}

function scope(uow: UnitOfWork, m: { published: boolean }) {
  return { agencyId: uow.viewer.kind === 'person' ? uow.viewer.agencyId : null, public: m.published };
}

function payload(m: EnforcementMatter, via: MatterVia) {
  return { matterId: m.id, code: m.code, name: m.name, domain: m.domain, published: m.published, via };
}

function uniqueCode(err: unknown, path: (string | number)[]): never {
  if ((err as { code?: string }).code === 'P2002') throw ValidationError.one(path, CODE_TAKEN);
  throw err;
}

/** Create a draft. `domains`: the viewer's agency domains (viewerAgencyDomains). */
export async function createMatterInTx(
  uow: UnitOfWork,
  data: MatterFields,
  domains: readonly string[],
  via: MatterVia,
  codePath: (string | number)[] = ['input', 'code'],
) {
  assertMayMaintain(uow.viewer, data.domain, domains);
  refuseIncoherentMatter(data);
  if (await uow.tx.enforcementMatter.findUnique({ where: { code: data.code }, select: { id: true } }))
    throw ValidationError.one(codePath, CODE_TAKEN);
  const m = await uow.tx.enforcementMatter.create({ data: matterColumns(data) }).catch((e) => uniqueCode(e, codePath));
  await uow.emit(CORE_TOPICS.matterCreated, payload(m, via), scope(uow, m));
  return m;
}

/** Load a matter for a change, under a row lock: two concurrent changes apply one after the other. */
async function lockMatter(tx: Db, id: number): Promise<EnforcementMatter> {
  await tx.$queryRaw`SELECT id FROM "EnforcementMatter" WHERE id = ${id} FOR UPDATE`;
  const m = await tx.enforcementMatter.findUnique({ where: { id } });
  if (!m) throw new NotFoundError('EnforcementMatter', String(id), WHAT);
  return m;
}

/** Replace a matter's fields; returns the matter and what changed (nothing changed: no write, but the event still records who saved it). */
export async function updateMatterInTx(
  uow: UnitOfWork,
  id: number,
  data: MatterFields,
  domains: readonly string[],
  via: MatterVia,
  codePath: (string | number)[] = ['input', 'code'],
) {
  const before = await lockMatter(uow.tx, id);
  assertMayMaintain(uow.viewer, before.domain, domains);
  assertMayMaintain(uow.viewer, data.domain, domains);
  refuseIncoherentMatter(data);
  if (before.published && data.code !== before.code)
    throw new RuleViolation('MATTER_CODE_FIXED', {
      zh: `已公布的执法事项编码不能修改（${before.code}）；如需新编码，请新建事项并撤回原事项（行政处罚法第34条）`,
      en: `a published matter keeps its code (${before.code}); for a new code create a new matter and withdraw this one (art. 34)`,
    });
  if (
    data.code !== before.code &&
    (await uow.tx.enforcementMatter.findUnique({ where: { code: data.code }, select: { id: true } }))
  )
    throw ValidationError.one(codePath, CODE_TAKEN);
  const changed = changedMatterFields(matterFieldsOf(before), data);
  const m = changed.length
    ? await uow.tx.enforcementMatter
        .update({ where: { id }, data: matterColumns(data) })
        .catch((e) => uniqueCode(e, codePath))
    : before;
  await uow.emit(CORE_TOPICS.matterUpdated, { ...payload(m, via), changed }, scope(uow, m));
  return { matter: m, changed };
}

/** Publish (cases may be opened on it; public) or withdraw (no new cases; stays readable by staff). */
export async function setMatterPublishedInTx(
  uow: UnitOfWork,
  id: number,
  publish: boolean,
  domains: readonly string[],
  reason: string | null,
) {
  const before = await lockMatter(uow.tx, id);
  assertMayMaintain(uow.viewer, before.domain, domains);
  const refusal = publicationRefusal(before, publish);
  if (refusal) throw new RuleViolation(refusal.rule, refusal);
  // Published again after a correction: the coherence rules may have been tightened meanwhile.
  if (publish) refuseIncoherentMatter(matterFieldsOf(before));
  const m = await uow.tx.enforcementMatter.update({
    where: { id },
    data: publish ? { published: true, publishedAt: uow.now } : { published: false },
  });
  if (publish) await uow.emit(CORE_TOPICS.matterPublished, payload(m, 'api'), { ...scope(uow, m), public: true });
  // A withdrawal is public too: the public saw the matter and should see it go.
  else
    await uow.emit(
      CORE_TOPICS.matterUnpublished,
      { ...payload(m, 'api'), reason: reason ?? '' },
      { ...scope(uow, m), public: true },
    );
  return m;
}
