// The visits slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma. Every root field and mutation of the slice has its row.
import type { PrismaClient } from '@zhifa/core/prisma';
import type { AccessRow, MatrixWorld } from '@zhifa/testkit';

export type VisitsFixtures = Record<string, never>;

export function visitsMatrixFixtures(_w: MatrixWorld, _prisma: PrismaClient): Promise<VisitsFixtures> {
  return Promise.resolve({});
}

export const visitsRows = (_w: MatrixWorld, _f: VisitsFixtures): AccessRow[] => [];
