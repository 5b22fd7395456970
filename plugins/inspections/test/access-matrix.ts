// This plugin's access policy (@zhifa/testkit's matrix.ts explains the outcomes and the shared world), found by
// test/auth/authorisation-matrix.test.ts. One file per slice under matrix/, each with its fixtures and rows.
import { defineAuthorisationMatrix } from '@zhifa/testkit';
import { catalogueMatrixFixtures, catalogueRows } from './matrix/catalogue.js';
import { visitsMatrixFixtures, visitsRows } from './matrix/visits.js';
import { warningsMatrixFixtures, warningsRows } from './matrix/warnings.js';
import { drawsMatrixFixtures, drawsRows } from './matrix/draws.js';

export const authorisationMatrix = defineAuthorisationMatrix(
  async (world, prisma) => ({
    catalogue: await catalogueMatrixFixtures(world, prisma),
    visits: await visitsMatrixFixtures(world, prisma),
    warnings: await warningsMatrixFixtures(world, prisma),
    draws: await drawsMatrixFixtures(world, prisma),
  }),
  (w, f) => [
    ...catalogueRows(w, f.catalogue),
    ...visitsRows(w, f.visits),
    ...warningsRows(w, f.warnings),
    ...drawsRows(w, f.draws),
  ],
);
