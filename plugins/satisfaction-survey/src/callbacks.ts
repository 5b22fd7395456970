// 回访抽查: a supervisor records whether a sampled response's respondent was reached. A response not reached moves
// to the UNCONFIRMED quality class (and back to CLEAN once confirmed), with its five-level answers' rollup counts,
// in the same transaction; a FLAGGED response stays FLAGGED whatever its call-back (survey-design.md).
import { NotFoundError, RuleViolation, type UnitOfWork } from '@zhifa/core';
import { actorOf } from '@zhifa/core/auth';
import { isLevel } from './levels.js';
import { addToRollups, type Quality, type RespondentType, type RollupDelta } from './rollups.js';
import { SURVEY_CALLBACK_MARKED } from './topics.js';

export type CallbackResult = 'CONFIRMED' | 'NOT_REACHED';

interface LockedResponse {
  id: number;
  campaignId: number;
  agencyId: number;
  townshipId: number;
  respondentType: RespondentType;
  quality: Quality;
  callbackStatus: string | null;
  answers: Record<string, string>;
}

export async function markCallbackInTx(
  uow: UnitOfWork,
  responseId: number,
  status: CallbackResult,
  note: string | null,
  ref: string,
): Promise<void> {
  const { tx } = uow;
  // Locked: two supervisors marking the same response move its counts once each, in order.
  const [r] = await tx.$queryRaw<LockedResponse[]>`
    SELECT "id", "campaignId", "agencyId", "townshipId", "respondentType"::text AS "respondentType",
      "quality"::text AS "quality", "callbackStatus"::text AS "callbackStatus", "answers"
    FROM "SurveyResponse" WHERE "id" = ${responseId} FOR UPDATE`;
  if (!r) throw new NotFoundError('SurveyResponse', ref, { zh: '答卷', en: 'response' });
  if (r.callbackStatus === null)
    throw new RuleViolation('SURVEY_CALLBACK_NOT_SAMPLED', {
      zh: '该答卷未被抽中回访，不能登记回访结果（回访抽查为确定性 10% 样本，统计调查抽样惯例）',
      en: 'this response was not sampled for call-back, so no call-back result can be recorded (the deterministic 10 % call-back sample, survey sampling practice)',
    });
  const quality: Quality = r.quality === 'FLAGGED' ? 'FLAGGED' : status === 'NOT_REACHED' ? 'UNCONFIRMED' : 'CLEAN';
  await tx.surveyResponse.update({
    where: { id: r.id },
    data: { callbackStatus: status, callbackNote: note, callbackBy: actorOf(uow.viewer), callbackAt: uow.now, quality },
  });
  if (quality !== r.quality) {
    const items = await tx.surveyItem.findMany({
      where: { kind: 'LIKERT5', questionnaire: { campaignId: r.campaignId, frozenAt: { not: null } } },
      select: { id: true, code: true },
    });
    const deltas: RollupDelta[] = [];
    for (const item of items) {
      const level = r.answers[item.code];
      if (!isLevel(level)) continue;
      const cell = {
        agencyId: r.agencyId,
        townshipId: r.townshipId,
        respondentType: r.respondentType,
        itemId: item.id,
        level,
      };
      deltas.push({ ...cell, quality: r.quality, count: -1 }, { ...cell, quality, count: 1 });
    }
    await addToRollups(tx, r.campaignId, deltas);
  }
  await uow.emit(SURVEY_CALLBACK_MARKED, { campaignId: r.campaignId, responseId: r.id, status }, {});
}
