// A 从轻 / 减轻 decision citing a list item (行政处罚法 第32条, 第34条). Citing is a step before the decision:
// citeFlexibleBasis records the item, the 第32条 circumstance and the officers' finding on the 排除情形
// against a case in legal review; core's decideCase then decides, and the guard below — in the decision's
// transaction, with the case locked — judges the decision against the cited item (basis-rules.ts) and
// completes the record with the fine and what was left unimposed against the matter's maximum. A refusal
// rolls the decision back; the citation stays, to be corrected or withdrawn (citing again replaces it).
import { RuleViolation, ValidationError, type CaseGuard, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { lockCase } from '@zhifa/core/cases';
import { isInForce, listAppliesToAgency, loadAgencyScope } from '@zhifa/core/lists';
import type { EnforcementList, ListItem } from '@zhifa/core/prisma';
import { lighterAttributes, mitigatedAttributes } from './attributes.js';
import { basisRefusal, type CitedItem } from './basis-rules.js';
import { FLEXIBLE_BASIS_CITED } from './topics.js';
import { CIRCUMSTANCE_LABEL, LIGHTER_KIND, MITIGATED_KIND, type MitigationCircumstance } from './rules.js';

const FLEXIBLE_DECISIONS = ['LIGHTER', 'MITIGATED'] as const;
type FlexibleDecision = (typeof FLEXIBLE_DECISIONS)[number];

/** The item as the rule sees it: its kind's attributes, its list's domain and whether the list binds now. */
function citedItem(item: ListItem & { list: EnforcementList }, binding: boolean): CitedItem {
  if (item.list.kind === LIGHTER_KIND) {
    const a = lighterAttributes.parse(item.attributes);
    return { kind: LIGHTER_KIND, domain: item.list.domain, binding, ...a, circumstance: null };
  }
  const a = mitigatedAttributes.parse(item.attributes);
  return {
    kind: MITIGATED_KIND,
    domain: item.list.domain,
    binding,
    ...a,
    fineMinFen: null,
    fineMaxFen: null,
  };
}

export interface CiteInput {
  caseId: number;
  itemId: number;
  /** The 第32条 circumstance; a MITIGATED item's own when not given (and it must agree). */
  circumstance: MitigationCircumstance | null;
  exclusionsAbsent: boolean;
}

/** Record (or replace) the item a forthcoming 从轻 / 减轻 decision relies on. */
export async function citeFlexibleBasisInTx(uow: UnitOfWork, input: CiteInput) {
  const c = await lockCase(uow.tx, input.caseId);
  if (c.stage !== 'LEGAL_REVIEW')
    throw new RuleViolation('FLEXIBLE_CITE_STAGE', {
      zh: '只能在法制审核阶段、作出处罚决定前引用从轻、减轻处罚清单事项（行政处罚法第57条、第58条）',
      en: 'a lighter / mitigated list item is cited in legal review, before the decision (arts. 57, 58)',
    });
  const item = await uow.tx.listItem.findUnique({ where: { id: input.itemId }, include: { list: true } });
  if (!item || (item.list.kind !== LIGHTER_KIND && item.list.kind !== MITIGATED_KIND))
    throw ValidationError.one(['itemId'], {
      zh: '不是从轻或减轻处罚清单的事项',
      en: 'not an item of a lighter- or mitigated-penalty list',
    });
  const cited = citedItem(item, true);
  const circumstance = input.circumstance ?? cited.circumstance;
  if (!circumstance)
    throw ValidationError.one(['circumstance'], {
      zh: '须写明行政处罚法第32条规定的从轻情形',
      en: 'the art. 32 circumstance is required',
    });
  if (cited.circumstance && circumstance !== cited.circumstance)
    throw ValidationError.one(['circumstance'], {
      zh: `所引减轻处罚事项的情形为“${CIRCUMSTANCE_LABEL[cited.circumstance].zh}”`,
      en: `the item cited rests on ${cited.circumstance}`,
    });
  const data = {
    agencyId: c.agencyId,
    decision: item.list.kind,
    itemId: item.id,
    listId: item.listId,
    listVersion: item.list.version,
    domain: item.list.domain,
    circumstance,
    exclusionsAbsent: input.exclusionsAbsent,
    decidedBy: actorOf(uow.viewer),
    decidedAt: uow.now,
  };
  const row = await uow.tx.flexibleDecisionBasis.upsert({
    where: { caseId: c.id },
    create: { caseId: c.id, ...data },
    update: { ...data, fineFen: null, matterMaxFineFen: null, fineNotImposedFen: null, decided: false },
  });
  await uow.emit(
    FLEXIBLE_BASIS_CITED,
    {
      caseId: c.id,
      basisId: row.id,
      itemId: item.id,
      listId: item.listId,
      listVersion: item.list.version,
      decision: item.list.kind,
    },
    { agencyId: c.agencyId, enterpriseId: c.enterpriseId, caseId: c.id },
  );
  return row;
}

export const flexibleEnforcementGuard: CaseGuard = {
  name: 'flexible-enforcement',
  // Where an item is cited, its structured 第32条 circumstance replaces the decision's free text (the issue's
  // "structured circumstance replaces free text"): core's rule that a 从轻 / 减轻 decision states its circumstance
  // (CASE_MITIGATING_CIRCUMSTANCE_REQUIRED) then reads the cited one; free text beside a citation is refused.
  async prepareDecision({ uow, decision }, input) {
    if (!(FLEXIBLE_DECISIONS as readonly string[]).includes(input.decision)) return;
    const basis = await uow.tx.flexibleDecisionBasis.findUnique({
      where: { caseId: decision.case.id },
      select: {
        circumstance: true,
        listVersion: true,
        item: { select: { seq: true, list: { select: { title: true } } } },
      },
    });
    if (!basis) return;
    if (input.mitigatingCircumstance?.trim())
      throw ValidationError.one(['input', 'mitigatingCircumstance'], {
        zh: '已引用从轻、减轻处罚清单事项的，情形以所引事项的第32条情形为准，不另填写',
        en: 'a decision citing a list item takes its art. 32 circumstance from the citation; leave the free text empty',
      });
    const label = CIRCUMSTANCE_LABEL[basis.circumstance];
    return {
      mitigatingCircumstance: `${label.zh}（行政处罚法第32条；依《${basis.item.list.title}》第${basis.listVersion}版第 ${basis.item.seq} 项）`,
    };
  },
  // Every LIGHTER / MITIGATED decision costs one read of this plugin's own table; one that cites an item
  // also reads the item with its list and the agency tree. The case's matter and agency come with the decision.
  async beforeDecide({ uow, decision }, input) {
    if (!(FLEXIBLE_DECISIONS as readonly string[]).includes(input.decision)) return;
    const basis = await uow.tx.flexibleDecisionBasis.findUnique({ where: { caseId: decision.case.id } });
    if (!basis) return;
    const item = await uow.tx.listItem.findUniqueOrThrow({ where: { id: basis.itemId }, include: { list: true } });
    const scope = await loadAgencyScope(uow.tx, decision.agency.id);
    const binding = isInForce(item.list, uow.now) && listAppliesToAgency(item.list, scope);
    const refusal = basisRefusal({
      decision: input.decision as FlexibleDecision,
      fineFen: input.fineFen,
      matter: decision.matter,
      agencyDomains: decision.agency.domains,
      item: citedItem(item, binding),
      exclusionsAbsent: basis.exclusionsAbsent,
    });
    if (refusal) throw new RuleViolation(refusal.rule, { zh: refusal.zh, en: refusal.en });
    const max = decision.matter?.fineMaxFen ?? null;
    await uow.tx.flexibleDecisionBasis.update({
      where: { id: basis.id },
      data: {
        decision: input.decision,
        fineFen: input.fineFen,
        matterMaxFineFen: max,
        fineNotImposedFen: max === null ? null : max - (input.fineFen ?? 0n),
        // What the statistics count as a 从轻 / 减轻 decision (a citation alone is not one).
        decided: true,
        decidedBy: actorOf(uow.viewer),
        decidedAt: uow.now,
      },
    });
  },
};
