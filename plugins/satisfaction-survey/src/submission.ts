// submitSurveyResponses' service (county plan task 13: the commissioned third party's survey data): the batch is
// checked whole against the campaign (submission-rules.ts), then written in one unit of work — the batch, its
// responses, their free text, the rollups, the campaign's counters and one event — in a number of statements that
// does not grow with the batch. Idempotent by (campaign, externalId): an identical response already stored is a
// duplicate and changes nothing, a different one is a conflict that refuses the whole batch.
import { RuleViolation, unitOfWork, ValidationError, type UnitOfWork, type WorkEnvironment } from '@zhifa/core';
import { startOfShanghaiDay } from '@zhifa/core/time';
import type { Level } from './levels.js';
import { addToRollups, type RollupDelta, type RespondentType } from './rollups.js';
import {
  checkBatch,
  type CampaignShape,
  type Channel,
  type CheckedResponse,
  type ResponseInput,
} from './submission-rules.js';
import { SURVEY_BATCH_SUBMITTED } from './topics.js';

export interface SubmitResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  flagged: number;
  batchId: number | null;
}

/**
 * 委托第三方开展满意度调查 (county plan task 13) runs while the campaign is open: not before the questionnaire is frozen
 * (draft), not after the commissioning body closed the survey (closed, published).
 */
export function notOpen(status: string) {
  return new RuleViolation('SURVEY_CAMPAIGN_NOT_OPEN', {
    zh: `调查项目当前状态为 ${status}，仅在调查中（OPEN）接受答卷（县实施方案任务13：委托第三方开展满意度调查）`,
    en: `the campaign is ${status}; responses are accepted only while it is OPEN (county plan task 13: the commissioned survey)`,
  });
}

/** Thrown inside the unit when every new row lost the race to a concurrent identical batch: roll back, report duplicates. */
class AllDuplicates extends Error {
  constructor(readonly duplicates: number) {
    super(`all ${duplicates} responses were duplicates`);
  }
}

async function loadShape(tx: UnitOfWork['tx'], campaignId: number) {
  const c = await tx.surveyCampaign.findUnique({
    where: { id: campaignId },
    select: {
      id: true,
      status: true,
      periodStart: true,
      respondentTypes: true,
      channels: true,
      minDurationSeconds: true,
      callbackKey: true,
      organisationId: true,
      units: { select: { agencyId: true, evaluated: true } },
      questionnaires: {
        where: { frozenAt: { not: null } },
        orderBy: { version: 'desc' },
        take: 1,
        select: {
          items: { select: { id: true, code: true, kind: true, dimension: true, options: true, required: true } },
        },
      },
    },
  });
  return c;
}

export async function submitSurveyResponses(
  env: WorkEnvironment,
  campaignId: number,
  responses: readonly ResponseInput[],
): Promise<SubmitResult> {
  try {
    return await unitOfWork(env, (uow) => submitResponsesIn(uow, campaignId, responses), {
      silent: 'a batch of duplicates only changes nothing: no batch, no event',
    });
  } catch (e) {
    if (e instanceof AllDuplicates)
      return { accepted: 0, duplicates: e.duplicates, rejected: 0, flagged: 0, batchId: null };
    throw e;
  }
}

/** The batch written in the caller's unit of work (the API's and the demo data's one path), acting as the unit's API key. */
export async function submitResponsesIn(uow: UnitOfWork, campaignId: number, responses: readonly ResponseInput[]) {
  const { tx } = uow;
  const c = await loadShape(tx, campaignId);
  // The scope let only the executing organisation through; the row is there.
  if (!c) throw new Error(`campaign ${campaignId} vanished`);
  if (c.status !== 'OPEN') throw notOpen(c.status);
  const shape: CampaignShape = {
    id: c.id,
    callbackKey: c.callbackKey,
    periodStartsAt: startOfShanghaiDay(c.periodStart),
    respondentTypes: c.respondentTypes,
    channels: c.channels,
    minDurationSeconds: c.minDurationSeconds,
    evaluatedAgencyIds: new Set(c.units.filter((u) => u.evaluated).map((u) => u.agencyId)),
    townshipIds: new Set(c.units.filter((u) => !u.evaluated).map((u) => u.agencyId)),
    items: c.questionnaires[0]?.items ?? [],
  };
  const { issues, rows } = checkBatch(shape, responses, uow.now);
  if (issues.length) throw new ValidationError(issues);

  // Idempotency against what is stored: one read for the whole batch.
  const stored = await tx.$queryRaw<{ externalId: string; fingerprint: string }[]>`
    SELECT "externalId", "fingerprint" FROM "SurveyResponse"
    WHERE "campaignId" = ${campaignId} AND "externalId" = ANY(${rows.map((r) => r.externalId)}::text[])`;
  const storedPrints = new Map(stored.map((s) => [s.externalId, s.fingerprint]));
  refuseConflicts(rows, storedPrints);
  let fresh = rows.filter((r) => !storedPrints.has(r.externalId));
  let duplicates = rows.length - fresh.length;
  if (fresh.length === 0) return { accepted: 0, duplicates, rejected: 0, flagged: 0, batchId: null };

  const [batch] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "SurveyBatch" ("campaignId", "apiKeyId", "accepted", "duplicates", "submittedAt")
    VALUES (${campaignId}, ${apiKeyId(uow)}, ${fresh.length}, ${duplicates}, ${uow.now})
    RETURNING "id"`;
  const inserted = await insertResponses(tx, campaignId, batch.id, fresh, uow.now);
  if (inserted.size < fresh.length) {
    // A concurrent batch with some of the same responses committed first: ours lost those rows' race.
    const lost = fresh.filter((r) => !inserted.has(r.externalId));
    const raced = await tx.$queryRaw<{ externalId: string; fingerprint: string }[]>`
      SELECT "externalId", "fingerprint" FROM "SurveyResponse"
      WHERE "campaignId" = ${campaignId} AND "externalId" = ANY(${lost.map((r) => r.externalId)}::text[])`;
    refuseConflicts(lost, new Map(raced.map((s) => [s.externalId, s.fingerprint])));
    fresh = fresh.filter((r) => inserted.has(r.externalId));
    duplicates += lost.length;
    if (fresh.length === 0) throw new AllDuplicates(duplicates);
    await tx.$executeRaw`UPDATE "SurveyBatch" SET "accepted" = ${fresh.length}, "duplicates" = ${duplicates}
      WHERE "id" = ${batch.id}`;
  }

  const texts = fresh.flatMap((r) =>
    r.answers
      .filter((a) => a.item.kind === 'FREE_TEXT')
      .map((a) => ({ r, itemId: a.item.id, dimension: a.item.dimension ?? 'OVERALL', text: a.value })),
  );
  if (texts.length)
    await tx.$executeRaw`
      INSERT INTO "SurveyFreeText" ("campaignId", "responseId", "itemId", "dimension", "agencyId", "respondentType", "text")
      SELECT ${campaignId}, r, i, d::"SurveyDimension", a, t::"SurveyRespondentType", x
      FROM unnest(${texts.map((t) => inserted.get(t.r.externalId)!)}::int[], ${texts.map((t) => t.itemId)}::int[],
        ${texts.map((t) => t.dimension)}::text[], ${texts.map((t) => t.r.agencyId)}::int[],
        ${texts.map((t) => t.r.respondentType)}::text[], ${texts.map((t) => t.text)}::text[]) AS f(r, i, d, a, t, x)`;

  await addToRollups(tx, campaignId, fresh.flatMap(rollupDeltas));

  const flagged = fresh.filter((r) => r.quality === 'FLAGGED').length;
  const sampled = fresh.filter((r) => r.sampled).length;
  // The status is asked again under the row lock: a campaign closed while this batch was checked refuses it.
  const counters = await tx.$queryRaw<{ responseCount: number }[]>`
    UPDATE "SurveyCampaign" SET "responseCount" = "responseCount" + ${fresh.length},
      "flaggedCount" = "flaggedCount" + ${flagged}, "callbackSampledCount" = "callbackSampledCount" + ${sampled}
    WHERE "id" = ${campaignId} AND "status" = 'OPEN'
    RETURNING "responseCount"`;
  if (counters.length === 0) throw notOpen('CLOSED');

  await uow.emit(
    SURVEY_BATCH_SUBMITTED,
    {
      campaignId,
      batchId: batch.id,
      accepted: fresh.length,
      duplicates,
      flagged,
      responseCount: counters[0].responseCount,
    },
    // The executing organisation sees its own batches' events; supervisors see every event.
    { agencyId: c.organisationId },
  );
  return { accepted: fresh.length, duplicates, rejected: 0, flagged, batchId: batch.id };
}

function apiKeyId(uow: UnitOfWork): number {
  if (uow.viewer.kind !== 'surveyOrg') throw new Error('only an API key submits');
  return uow.viewer.apiKeyId;
}

function refuseConflicts(rows: readonly CheckedResponse[], stored: ReadonlyMap<string, string>) {
  const conflicts = rows.filter((r) => stored.has(r.externalId) && stored.get(r.externalId) !== r.fingerprint);
  if (conflicts.length === 0) return;
  const list = conflicts.map((r) => r.index).join(', ');
  throw new RuleViolation('SURVEY_RESPONSE_CONFLICT', {
    zh: `第 ${list} 行的编号已提交过但内容不同，整批未写入；已提交的答卷不能修改（县实施方案任务13：调查数据须真实、可追溯）`,
    en: `row ${list}: the external id was submitted before with different content; nothing of the batch was written — a submitted response cannot be changed (county plan task 13: survey data must be genuine and traceable)`,
  });
}

/** Every response in one statement; returns the ids of the rows this statement wrote, by externalId. */
async function insertResponses(
  tx: UnitOfWork['tx'],
  campaignId: number,
  batchId: number,
  rows: readonly CheckedResponse[],
  now: Date,
): Promise<Map<string, number>> {
  const col = <T>(f: (r: CheckedResponse) => T) => rows.map(f);
  const written = await tx.$queryRaw<{ id: number; externalId: string }[]>`
    INSERT INTO "SurveyResponse" ("campaignId", "batchId", "externalId", "respondentType", "agencyId", "townshipId",
      "channel", "collectedAt", "durationSeconds", "answers", "fingerprint", "flags", "quality", "callbackStatus",
      "submittedAt")
    SELECT ${campaignId}, ${batchId}, e, r::"SurveyRespondentType", a, t, c::"SurveyChannel",
      (at::timestamptz AT TIME ZONE 'UTC'), d, ans::jsonb, fp, string_to_array(fl, ','), q::"SurveyQuality",
      cb::"SurveyCallbackStatus", ${now}
    FROM unnest(${col((r) => r.externalId)}::text[], ${col((r) => r.respondentType)}::text[],
      ${col((r) => r.agencyId)}::int[], ${col((r) => r.townshipId)}::int[], ${col((r) => r.channel)}::text[],
      ${col((r) => r.collectedAt.toISOString())}::text[], ${col((r) => r.durationSeconds)}::int[],
      ${col((r) => JSON.stringify(r.answersJson))}::text[], ${col((r) => r.fingerprint)}::text[],
      ${col((r) => r.flags.join(','))}::text[], ${col((r) => r.quality)}::text[],
      ${col((r) => (r.sampled ? 'PENDING' : null))}::text[]) AS n(e, r, a, t, c, at, d, ans, fp, fl, q, cb)
    ON CONFLICT ("campaignId", "externalId") DO NOTHING
    RETURNING "id", "externalId"`;
  return new Map(written.map((w) => [w.externalId, w.id]));
}

function rollupDeltas(r: CheckedResponse): RollupDelta[] {
  return r.answers
    .filter((a) => a.item.kind === 'LIKERT5')
    .map((a) => ({
      agencyId: r.agencyId,
      townshipId: r.townshipId,
      respondentType: r.respondentType,
      itemId: a.item.id,
      quality: r.quality,
      level: a.value as Level,
      count: 1 as const,
    }));
}

export type { RespondentType, Channel };
