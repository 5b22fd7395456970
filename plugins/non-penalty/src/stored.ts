// The JSON a NonPenaltyDecision stores (the facts as entered, the evaluation at decision time), with
// typed encoders and decoders: what is written is checked by the type, what is read back is parsed
// by the same shape, so a row written by an older version fails loudly instead of leaking `any`.
import { z } from 'zod';
import type { Prisma } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { NON_PENALTY_CONDITIONS, NON_PENALTY_ITEM_KINDS, type NonPenaltyFacts } from './rules.js';
import type { CaseEvaluation } from './evaluation.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const day = (d: Date) => d.toISOString().slice(0, 10);
const fromDay = (v: string) => new Date(`${v}T00:00:00Z`);

const storedFacts = z.object({
  minorViolation: z.boolean().nullable(),
  noHarm: z.boolean().nullable(),
  minorHarm: z.boolean().nullable(),
  noSubjectiveFault: z.boolean().nullable(),
  correctionOrderedOn: isoDay.nullable(),
  correctedOn: isoDay.nullable(),
  officerVerifiedFirstOffence: z.boolean().nullable(),
});

const storedEvaluation = z.object({
  eligible: z.boolean(),
  itemKind: z.enum(NON_PENALTY_ITEM_KINDS),
  conditions: z.array(
    z.object({
      code: z.enum(NON_PENALTY_CONDITIONS),
      status: z.enum(['PASS', 'FAIL', 'PENDING']),
      passed: z.boolean(),
      reasonZh: z.string(),
      reasonEn: z.string(),
      priorCaseIds: z.array(z.number().int()),
    }),
  ),
  correctionDeadline: isoDay.nullable(),
  lookbackFrom: isoDay,
  /** Absent on evaluations stored before the window was anchored on the violation: it ended on the day evaluated. */
  lookbackUntil: isoDay.optional(),
  lookbackYears: z.number().int(),
  creditCheckRequired: z.boolean().optional(),
  evaluatedAt: z.iso.datetime(),
});

export function factsJson(f: NonPenaltyFacts): Prisma.InputJsonObject {
  const stored: z.input<typeof storedFacts> = {
    minorViolation: f.minorViolation ?? null,
    noHarm: f.noHarm ?? null,
    minorHarm: f.minorHarm ?? null,
    noSubjectiveFault: f.noSubjectiveFault ?? null,
    correctionOrderedOn: f.correctionOrderedOn ? day(f.correctionOrderedOn) : null,
    correctedOn: f.correctedOn ? day(f.correctedOn) : null,
    officerVerifiedFirstOffence: f.officerVerifiedFirstOffence ?? null,
  };
  return stored;
}

export function factsFromJson(j: Prisma.JsonValue): NonPenaltyFacts {
  const o = storedFacts.parse(j);
  return {
    ...o,
    correctionOrderedOn: o.correctionOrderedOn === null ? null : fromDay(o.correctionOrderedOn),
    correctedOn: o.correctedOn === null ? null : fromDay(o.correctedOn),
  };
}

export function evaluationJson(e: CaseEvaluation): Prisma.InputJsonObject {
  const stored: z.input<typeof storedEvaluation> = {
    eligible: e.eligible,
    itemKind: e.itemKind,
    conditions: e.conditions.map((c) => ({
      code: c.code,
      status: c.status,
      passed: c.passed,
      reasonZh: c.reasonZh,
      reasonEn: c.reasonEn,
      priorCaseIds: c.priorCaseIds ?? [],
    })),
    correctionDeadline: e.correctionDeadline ? day(e.correctionDeadline) : null,
    lookbackFrom: day(e.lookbackFrom),
    lookbackUntil: day(e.lookbackUntil),
    lookbackYears: e.lookbackYears,
    ...(e.creditCheckRequired === null ? {} : { creditCheckRequired: e.creditCheckRequired }),
    evaluatedAt: e.evaluatedAt.toISOString(),
  };
  return stored;
}

export function evaluationFromJson(j: Prisma.JsonValue): CaseEvaluation {
  const o = storedEvaluation.parse(j);
  return {
    ...o,
    correctionDeadline: o.correctionDeadline === null ? null : fromDay(o.correctionDeadline),
    lookbackFrom: fromDay(o.lookbackFrom),
    lookbackUntil: o.lookbackUntil === undefined ? shanghaiToday(new Date(o.evaluatedAt)) : fromDay(o.lookbackUntil),
    evaluatedAt: new Date(o.evaluatedAt),
    creditCheckRequired: o.creditCheckRequired ?? null,
  };
}

const itemKind = z.enum(NON_PENALTY_ITEM_KINDS);

/** NonPenaltyDecision.itemKind is a plain column (core's schema knows no plugin enums); read it back typed. */
export function itemKindFromColumn(value: string) {
  return itemKind.parse(value);
}
