// The figures' share of the authorisation matrix's world: an open campaign executed by the world's survey
// organisation and evaluating the world's agency, with a few answers in its rollups (so an allowed reader gets a
// non-empty figure and ranking), written through the one rollup writer.
import { CaseGuards, PluginSettings, globalId, unitOfWork } from '@zhifa/core';
import type { PrismaClient } from '@zhifa/core/prisma';
import type { MatrixWorld } from '@zhifa/testkit';
import { addToRollups } from '../src/rollups.js';

export interface FigureMatrixFixtures {
  /** The open campaign's global id. */
  campaign: string;
}

export async function writeFigureMatrixFixtures(w: MatrixWorld, prisma: PrismaClient): Promise<FigureMatrixFixtures> {
  const c = await prisma.surveyCampaign.create({
    data: {
      title: '矩阵满意度调查',
      periodStart: new Date('2026-01-01'),
      periodEnd: new Date('2026-12-31'),
      commissioningAgencyId: w.justiceBureau.rowId,
      organisationId: w.surveyOrganisation.rowId,
      respondentTypes: ['PUBLIC'],
      channels: ['PHONE'],
      status: 'OPEN',
      createdBy: `person:${w.people.supervisor.rowId}`,
      openedAt: new Date(),
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
    include: { questionnaires: { include: { items: true } } },
  });
  const itemId = c.questionnaires[0].items[0].id;
  await unitOfWork(
    {
      prisma,
      viewer: { kind: 'system', name: 'matrix' },
      guards: new CaseGuards(),
      settings: new PluginSettings(),
      clock: () => new Date(),
    },
    (uow) =>
      addToRollups(
        uow.tx,
        c.id,
        Array.from({ length: 12 }, () => ({
          agencyId: w.agency.rowId,
          townshipId: w.county.rowId,
          respondentType: 'PUBLIC' as const,
          itemId,
          quality: 'CLEAN' as const,
          level: 'SATISFIED' as const,
          count: 1 as const,
        })),
      ),
    { silent: 'matrix fixtures written straight into the rollups' },
  );
  return { campaign: globalId('SurveyCampaign', c.id) };
}
