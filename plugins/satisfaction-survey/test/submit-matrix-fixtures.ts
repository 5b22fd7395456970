// The submission part's fixtures on the authorisation matrix's shared world: an open campaign the world's survey
// organisation executes (evaluating the world's agency) and one stored response outside the call-back sample, so
// the rows' harmless inputs meet a ValidationError (submission) or SURVEY_CALLBACK_NOT_SAMPLED (call-back).
import type { PrismaClient } from '@zhifa/core/prisma';
import { gid, type MatrixWorld } from '@zhifa/testkit';
import { isCallbackSampled } from '../src/submission-rules.js';

export interface SubmissionMatrixFixtures {
  campaign: string;
  /** A response not in the call-back sample. */
  response: string;
}

export async function writeSubmissionMatrixFixtures(
  w: MatrixWorld,
  prisma: PrismaClient,
): Promise<SubmissionMatrixFixtures> {
  const campaign = await prisma.surveyCampaign.create({
    data: {
      title: '矩阵满意度调查',
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: w.justiceBureau.rowId,
      organisationId: w.surveyOrganisation.rowId,
      respondentTypes: ['PUBLIC'],
      channels: ['PHONE'],
      status: 'OPEN',
      openedAt: new Date(),
      createdBy: `person:${w.people.supervisor.rowId}`,
      units: {
        create: [
          { agencyId: w.agency.rowId, evaluated: true },
          { agencyId: w.county.rowId, evaluated: false },
        ],
      },
      questionnaires: {
        create: {
          version: 1,
          frozenAt: new Date(),
          createdBy: `person:${w.people.supervisor.rowId}`,
          items: { create: [{ code: 'Q1', position: 0, kind: 'LIKERT5', dimension: 'OVERALL', text: '总体满意度' }] },
        },
      },
    },
  });
  const key = await prisma.apiKey.findFirstOrThrow({ where: { agencyId: w.surveyOrganisation.rowId } });
  const batch = await prisma.surveyBatch.create({
    data: { campaignId: campaign.id, apiKeyId: key.id, accepted: 1, duplicates: 0 },
  });
  let k = 0;
  while (isCallbackSampled(campaign.callbackKey, `M-${k}`)) k++;
  const response = await prisma.surveyResponse.create({
    data: {
      campaignId: campaign.id,
      batchId: batch.id,
      externalId: `M-${k}`,
      respondentType: 'PUBLIC',
      agencyId: w.agency.rowId,
      townshipId: w.county.rowId,
      channel: 'PHONE',
      collectedAt: new Date('2026-03-01T02:00:00Z'),
      answers: { Q1: 'SATISFIED' },
      fingerprint: 'matrix',
      flags: [],
    },
  });
  return { campaign: gid('SurveyCampaign', campaign.id), response: gid('SurveyResponse', response.id) };
}
