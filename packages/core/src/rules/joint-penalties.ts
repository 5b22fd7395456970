// 并处 — penalty kinds a provision imposes together. A provision reads 处…罚款 (the fine is the penalty),
// 没收违法所得，并处…罚款 (both, always), 处警告或者罚款 (one of them), 可以并处… (optional). The matter
// records which of its kinds are mandatory and which alternative; the rest are optional. A decision
// that leaves out a mandatory kind, or every alternative, is not the penalty the provision sets
// (行政处罚法 第4条: 依法给予处罚; 第5条第2款: 与违法行为的事实、性质、情节以及社会危害程度相当). 减轻处罚
// (第32条) may go below the provision — to a lighter kind as well — so a MITIGATED decision is exempt.
// Pure.
import type { CaseDecision, PenaltyKind } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';
import { isPenalty } from './case-stage.js';
import { PENALTY_KIND_NAMES } from './names.js';

export interface JointKinds {
  penaltyProvision: string;
  penaltyKinds: readonly PenaltyKind[];
  mandatoryKinds: readonly PenaltyKind[];
  alternativeKinds: readonly PenaltyKind[];
}

const zhKinds = (ks: readonly PenaltyKind[]) => ks.map((k) => PENALTY_KIND_NAMES[k].zh).join('、');

/** What is wrong with a matter's 并处 classification (MATTER_JOINT_KINDS), each problem bilingual. */
export function jointKindsProblems(
  m: Omit<JointKinds, 'penaltyProvision'>,
): { field: 'mandatoryKinds' | 'alternativeKinds'; zh: string; en: string }[] {
  const out: { field: 'mandatoryKinds' | 'alternativeKinds'; zh: string; en: string }[] = [];
  const outside = [...m.mandatoryKinds, ...m.alternativeKinds].filter((k) => !m.penaltyKinds.includes(k));
  if (outside.length)
    out.push({
      field: m.mandatoryKinds.some((k) => outside.includes(k)) ? 'mandatoryKinds' : 'alternativeKinds',
      zh: `并处或选处的种类须为处罚种类之一：${zhKinds(outside)} 不在其中（行政处罚法第4条、第9条）`,
      en: `mandatory and alternative kinds must be among the penalty kinds: ${outside.join(', ')} is not (arts. 4, 9)`,
    });
  const both = m.mandatoryKinds.filter((k) => m.alternativeKinds.includes(k));
  if (both.length)
    out.push({
      field: 'alternativeKinds',
      zh: `${zhKinds(both)} 不能既是必处（并处）又是选处（行政处罚法第4条）`,
      en: `${both.join(', ')} cannot be both mandatory and alternative (art. 4)`,
    });
  if (m.alternativeKinds.length === 1)
    out.push({
      field: 'alternativeKinds',
      zh: '选处（“处…或者…”）须至少两种；只有一种的应列为必处（行政处罚法第4条）',
      en: 'alternatives ("… or …") come at least two; a single one is mandatory (art. 4)',
    });
  if (
    new Set(m.mandatoryKinds).size !== m.mandatoryKinds.length ||
    new Set(m.alternativeKinds).size !== m.alternativeKinds.length
  )
    out.push({
      field: new Set(m.mandatoryKinds).size !== m.mandatoryKinds.length ? 'mandatoryKinds' : 'alternativeKinds',
      zh: '并处或选处的种类重复（行政处罚法第9条）',
      en: 'a mandatory or alternative kind is listed twice (art. 9)',
    });
  return out;
}

/**
 * MISSING_JOINT_PENALTY: a penalty decision (PENALTY, LIGHTER) must impose every mandatory kind of the
 * matter and at least one of its alternatives. MITIGATED (第32条 减轻) and decisions that impose nothing
 * are not held to it. A matter recording no classification (a case before 并处 was recorded) passes.
 */
export function jointPenaltyRefusal(
  decision: CaseDecision,
  kinds: readonly PenaltyKind[],
  matter: JointKinds | null,
  of: 'decision' | 'notice' = 'decision',
): RuleRefusal | null {
  const the = of === 'decision' ? { zh: '决定', en: 'the decision' } : { zh: '拟作出的处罚', en: 'the proposal' };
  if (!matter || !isPenalty(decision) || decision === 'MITIGATED') return null;
  const missing = matter.mandatoryKinds.filter((k) => !kinds.includes(k));
  if (missing.length)
    return {
      rule: 'MISSING_JOINT_PENALTY',
      message: {
        zh: `处罚依据${matter.penaltyProvision}规定应当并处“${zhKinds(missing)}”，${the.zh}缺少该项处罚（行政处罚法第4条、第5条第2款；仅依第32条减轻处罚时可以不处）`,
        en: `the penalty provision ${matter.penaltyProvision} imposes ${missing.join(', ')} together with the others; ${the.en} leaves it out (arts. 4, 5(2); only a mitigated penalty under art. 32 may)`,
      },
    };
  if (matter.alternativeKinds.length && !matter.alternativeKinds.some((k) => kinds.includes(k)))
    return {
      rule: 'MISSING_JOINT_PENALTY',
      message: {
        zh: `处罚依据${matter.penaltyProvision}规定处“${matter.alternativeKinds.map((k) => PENALTY_KIND_NAMES[k].zh).join('”或者“')}”，${the.zh}须至少处其一（行政处罚法第4条）`,
        en: `the penalty provision ${matter.penaltyProvision} imposes one of ${matter.alternativeKinds.join(', ')}; ${the.en} imposes none (art. 4)`,
      },
    };
  return null;
}
