// The campaigns the authorisation matrix's rows act on (slice A): a published campaign of the world's survey
// organisation evaluating the world's agency, whose every lifecycle step is refused by a rule once past
// authorisation, and a harmless campaign input (its period ends before it starts).
import type { PrismaClient } from '@zhifa/core/prisma';
import { gid, type MatrixWorld } from '@zhifa/testkit';

export interface CampaignMatrixFixtures {
  /** Global id of a PUBLISHED campaign (questionnaire frozen). */
  published: string;
  input(w: MatrixWorld): Record<string, unknown>;
}

export async function campaignMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<CampaignMatrixFixtures> {
  const now = new Date();
  const c = await prisma.surveyCampaign.create({
    data: {
      title: '矩阵满意度调查',
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: w.justiceBureau.rowId,
      organisationId: w.surveyOrganisation.rowId,
      respondentTypes: ['PUBLIC', 'ENTERPRISE'],
      channels: ['PHONE'],
      status: 'PUBLISHED',
      createdBy: `person:${w.people.supervisor.rowId}`,
      openedAt: now,
      closedAt: now,
      publishedAt: now,
      units: { create: [{ agencyId: w.agency.rowId, evaluated: true }] },
      questionnaires: {
        create: {
          version: 1,
          frozenAt: now,
          createdBy: `person:${w.people.supervisor.rowId}`,
          items: { create: [{ code: 'Q1', position: 0, kind: 'LIKERT5', dimension: 'OVERALL', text: '总体满意度' }] },
        },
      },
    },
  });
  return {
    published: gid('SurveyCampaign', c.id),
    input: (world) => ({
      title: '矩阵调查',
      periodStart: '2026-02-01',
      periodEnd: '2026-01-01',
      organisationId: world.surveyOrganisation.id,
      evaluatedAgencyIds: [world.agency.id],
      townshipIds: [],
      respondentTypes: ['PUBLIC'],
      channels: ['PHONE'],
    }),
  };
}
