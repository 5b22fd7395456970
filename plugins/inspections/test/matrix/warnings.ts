// The warnings slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma. Every root field and mutation of the slice has its row.
import type { PrismaClient } from '@zhifa/core/prisma';
import type { AccessRow, MatrixWorld } from '@zhifa/testkit';

export type WarningsFixtures = Record<string, never>;

export function warningsMatrixFixtures(_w: MatrixWorld, _prisma: PrismaClient): Promise<WarningsFixtures> {
  return Promise.resolve({});
}

export const warningsRows = (_w: MatrixWorld, _f: WarningsFixtures): AccessRow[] => [];
