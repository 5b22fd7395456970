// The checks of a decision beyond its matter's kinds and range (rules/decision.ts): 移送司法机关
// (rules/transfer.ts), 并处 (rules/joint-penalties.ts), the 裁量基准 tier (rules/discretion.ts) and the
// 90-day time limit (rules/deadline.ts), in that order; the first refusal wins. Pure: the decision service
// (cases/decide.ts) passes its DecisionFacts and the settings in force.
import type { CaseDecision, CaseProcedure, PenaltyKind } from '../generated/prisma/enums.js';
import type { RuleRefusal } from './case-stage.js';
import { decisionDeadlineRefusal } from './deadline.js';
import { fineRange, type MatterTerms } from './decision.js';
import { discretionRefusal, readBenchmark, type DiscretionBands } from './discretion.js';
import { jointPenaltyRefusal, type JointKinds } from './joint-penalties.js';
import { transferRefusal } from './transfer.js';

export interface DecisionMatterInput {
  decision: CaseDecision;
  penalties: readonly { kind: PenaltyKind; amountFen: bigint | null }[];
  illegalGainsFen: bigint | null;
  aggravatingFactor: string | null;
  transferredTo: string | null;
  transferDocumentNumber: string | null;
}

export interface DecisionMatterFacts {
  /** The case's matter (its benchmark the stored JSON); null for a case registered before matters existed. */
  matter: (MatterTerms & JointKinds & { benchmark: unknown }) | null;
  procedure: CaseProcedure;
  case: { deadlineOn: Date | null };
  /** The day of the decision (Asia/Shanghai, UTC midnight). */
  today: Date;
}

export function decisionMatterRefusal(
  input: DecisionMatterInput,
  facts: DecisionMatterFacts,
  bands: DiscretionBands,
): RuleRefusal | null {
  const m = facts.matter;
  const range = m ? fineRange(m, input.illegalGainsFen) : null;
  return (
    transferRefusal(input.decision, facts.procedure, input) ??
    jointPenaltyRefusal(
      input.decision,
      input.penalties.map((p) => p.kind),
      m,
    ) ??
    discretionRefusal({
      decision: input.decision,
      penalties: input.penalties,
      aggravatingFactor: input.aggravatingFactor,
      benchmark: m ? readBenchmark(m.benchmark) : null,
      range: range ?? { minFen: null, maxFen: null, fixed: true },
      bands: m ? bands : {},
    }) ??
    decisionDeadlineRefusal(facts.procedure, facts.case.deadlineOn, facts.today)
  );
}
