// The rollup writer: deltas for the same cell merge, a cell is created on first use and added to afterwards,
// and a taken-back answer (-1) moves a count between quality classes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CaseGuards, PluginSettings, unitOfWork } from '@zhifa/core';
import { addToRollups, type RollupDelta } from '../src/rollups.js';
import { createCampaign, createWorld, type CampaignFixture, type World } from './fixtures.js';

let w: World;
let c: CampaignFixture;
beforeAll(async () => {
  w = await createWorld();
  c = await createCampaign(w);
});
afterAll(() => w?.h.close());

it('merges deltas per cell, creates cells and adds to them, and moves counts between quality classes', async () => {
  const cell = {
    agencyId: w.agencyA.id,
    townshipId: w.township.id,
    respondentType: 'PUBLIC',
    itemId: c.items.Q8,
  } as const;
  const apply = (deltas: RollupDelta[]) =>
    unitOfWork(
      {
        prisma: w.h.db.prisma,
        viewer: { kind: 'system', name: 'test' },
        guards: new CaseGuards(),
        settings: new PluginSettings(),
        clock: () => new Date(),
      },
      (uow) => addToRollups(uow.tx, c.id, deltas),
      { silent: 'the rollup writer alone, under test' },
    );
  await apply([
    { ...cell, quality: 'CLEAN', level: 'VERY_SATISFIED', count: 1 },
    { ...cell, quality: 'CLEAN', level: 'VERY_SATISFIED', count: 1 },
    { ...cell, quality: 'CLEAN', level: 'DISSATISFIED', count: 1 },
  ]);
  await apply([
    { ...cell, quality: 'CLEAN', level: 'DISSATISFIED', count: -1 },
    { ...cell, quality: 'UNCONFIRMED', level: 'DISSATISFIED', count: 1 },
    { ...cell, quality: 'CLEAN', level: 'SATISFIED', count: 1 },
  ]);
  const rows = await w.h.db.prisma.surveyRollup.findMany({ where: { campaignId: c.id }, orderBy: { quality: 'asc' } });
  expect(
    rows.map((r) => [
      r.quality,
      r.verySatisfied,
      r.satisfied,
      r.basicallySatisfied,
      r.dissatisfied,
      r.veryDissatisfied,
    ]),
  ).toEqual([
    ['CLEAN', 2, 1, 0, 0, 0],
    ['UNCONFIRMED', 0, 0, 0, 1, 0],
  ]);
});
