// This plugin's access policy (@zhifa/testkit's matrix.ts explains the outcomes and the shared world),
// found by test/auth/authorisation-matrix.test.ts: each of the three list kinds' operations with core's
// list policy (published lists public, drafts the issuing agency's staff and supervisors).
import {
  defineAuthorisationMatrix,
  listKindAccessRows,
  mutationRow as mutation,
  writeListMatrixFixtures,
} from '@zhifa/testkit';
import { LIGHTER_KIND, MITIGATED_KIND, NO_COMPULSORY_KIND } from '../src/rules.js';
import { softMeasureMatrixFixtures, softMeasureRows } from './matrix/soft-measures.js';
import { invitationMatrixFixtures, invitationRows } from './matrix/invitations.js';
import { measureRows, writeMeasureMatrixFixtures } from './matrix/measures.js';
import { statsMatrixFixtures, statsRows } from './matrix/stats.js';

const item = {
  violation: '未按规定公示营业执照',
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
  applicableConditions: '主动消除违法行为危害后果的',
};

const KINDS = [
  { kind: LIGHTER_KIND, typePrefix: 'LighterPenalty', attributes: {} },
  { kind: MITIGATED_KIND, typePrefix: 'MitigatedPenalty', attributes: { circumstance: 'ELIMINATED_HARM' } },
  {
    kind: NO_COMPULSORY_KIND,
    typePrefix: 'NoCompulsoryMeasure',
    attributes: { measureKind: 'SEAL_UP', measureProvision: '《中华人民共和国食品安全法》第一百一十条' },
  },
] as const;

export const authorisationMatrix = defineAuthorisationMatrix(
  async (world, prisma) => {
    const fixtures = [];
    for (const k of KINDS)
      fixtures.push(
        await writeListMatrixFixtures(prisma, world, {
          kind: k.kind,
          typePrefix: k.typePrefix,
          domain: '市场监管',
          item: { ...item, attributes: { matterCode: world.matter.code, exclusions: null, ...k.attributes } },
        }),
      );
    await statsMatrixFixtures(world, prisma);
    return Object.assign(fixtures, {
      softMeasures: await softMeasureMatrixFixtures(world, prisma),
      invitations: await invitationMatrixFixtures(world, prisma),
      measures: await writeMeasureMatrixFixtures(world, prisma),
    });
  },
  (w, lists) => [
    ...softMeasureRows(w, lists.softMeasures),
    ...invitationRows(w, lists.invitations),
    ...KINDS.flatMap((k, i) =>
      listKindAccessRows(k.typePrefix, w, lists[i], {
        ...item,
        attributes: { matterCode: w.matter.code, ...k.attributes },
      }),
    ),
    //                                       public enterprise officer otherOfficer agencyAdmin supervisor surveyOrg systemAdmin legalReviewer agencyHead
    // Citing an item shapes the decision: whoever decides the case (the agency head in the general procedure,
    // 行政处罚法 第57条; core's 'decide'). The world's case is only REGISTERED, so an allowed caller meets
    // FLEXIBLE_CITE_STAGE and nothing is written.
    mutation(
      'citeFlexibleBasis',
      'DENY   DENY       DENY    none         DENY        DENY       none      allow  DENY  allow',
      `mutation($c: ID!, $i: ID!) { citeFlexibleBasis(caseId: $c, itemId: $i, exclusionsAbsent: true) { __typename } }`,
      { c: w.case.id, i: lists[0].published.item.id },
    ),
    ...measureRows(w, lists.measures),
    ...statsRows(w),
  ],
);
