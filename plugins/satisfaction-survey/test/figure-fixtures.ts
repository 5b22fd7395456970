// Answers written straight into the rollups (the submission part's job once merged) through the one rollup writer,
// inside a unit of work: figures are read from the rollups alone.
import { CaseGuards, PluginSettings, unitOfWork } from '@zhifa/core';
import type { Level } from '../src/levels.js';
import { addToRollups, type Quality, type RespondentType, type RollupDelta } from '../src/rollups.js';
import type { CampaignFixture, World } from './fixtures.js';

export interface Answers {
  agencyId: number;
  townshipId: number;
  respondentType?: RespondentType;
  quality?: Quality;
  /** Level per item code (five-level items only). */
  answers: Record<string, Level>;
  /** How many respondents answered so. */
  times?: number;
}

/** Every item of the standard questionnaire answered at `level`. */
export function all(level: Level, codes = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8']): Record<string, Level> {
  return Object.fromEntries(codes.map((c) => [c, level]));
}

export async function writeAnswers(w: World, c: CampaignFixture, rows: readonly Answers[]): Promise<void> {
  const deltas: RollupDelta[] = [];
  for (const r of rows)
    for (let i = 0; i < (r.times ?? 1); i++)
      for (const [code, level] of Object.entries(r.answers))
        deltas.push({
          agencyId: r.agencyId,
          townshipId: r.townshipId,
          respondentType: r.respondentType ?? 'PUBLIC',
          itemId: c.items[code],
          quality: r.quality ?? 'CLEAN',
          level,
          count: 1,
        });
  await unitOfWork(
    {
      prisma: w.h.db.prisma,
      viewer: { kind: 'system', name: 'test' },
      guards: new CaseGuards(),
      settings: new PluginSettings(),
      clock: () => new Date(),
    },
    (uow) => addToRollups(uow.tx, c.id, deltas),
    { silent: 'test data written straight into the rollups' },
  );
}
