// CompulsoryMeasureCheck: what the no-compulsory guard found for a measure on a case (行政强制法 第16条第2款) —
// JUSTIFIED (asked for with a written reason; approved by the head, 第18条), REFUSED by the head, or WAIVED (the
// officers followed the list). The case's measureChecks, the measure's own check, and the waiver mutation.
import {
  caseIdArg,
  caseMutation,
  describedValues,
  globalId,
  inCaseUnit,
  nodeRowId,
  requiredText,
  type ZhifaBuilder,
} from '@zhifa/core';
import { actorShownTo } from '@zhifa/core/auth';
import { textKind } from '@zhifa/core/input';
import type { CompulsoryGuardOutcome } from '@zhifa/core/prisma';
import { measureCheckRule } from '../access.js';
import { waiveCompulsoryMeasureInTx } from '../measure-waiver.js';
import type { Bilingual } from '../rules.js';
import type { NoCompulsoryListRefs } from './no-compulsory-list.js';

export const NOTE_MAX = 2000;

const OUTCOME_LABEL: Record<CompulsoryGuardOutcome, Bilingual> = {
  WAIVED: { zh: '依清单不予实施', en: 'Not taken: the officers followed the list' },
  JUSTIFIED: {
    zh: '书面说明理由后申请或实施（负责人批准后记录批准人）',
    en: 'Asked for or taken with a written justification; approvedBy once the head approved',
  },
  REFUSED: { zh: '负责人不予批准', en: 'Refused by the agency head: not taken, or (an emergency one) released' },
};

export function registerMeasureChecks(builder: ZhifaBuilder, noCompulsory: NoCompulsoryListRefs): void {
  const OutcomeEnum = builder.enumType('CompulsoryGuardOutcome', {
    description: '不予实施行政强制措施清单核对结论 What the no-compulsory guard found (行政强制法第16条第2款)',
    values: describedValues(OUTCOME_LABEL),
  });

  builder.prismaNode('CompulsoryMeasureCheck', {
    id: { field: 'id' },
    nullable: true,
    description:
      '行政强制措施与不予实施清单的核对（本单位人员及监督人员）A measure checked against a no-compulsory-measure list item (the agency’s staff, supervisors)',
    rowRule: measureCheckRule,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', { description: '案件 The case' }),
      measure: t.relation('measure', {
        nullable: true,
        description: '所涉行政强制措施（依清单不予实施的为空）The measure; null when waived',
      }),
      measureKind: t.field({
        type: noCompulsory.MeasureKindEnum,
        description: '强制措施种类 Measure kind',
        // Every check names a kind a list may waive: the item it matched names it.
        resolve: (c) => c.measureKind,
      }),
      item: t.relation('item', {
        type: noCompulsory.item,
        description: '所对照的清单事项 The list item matched',
      }),
      listId: t.id({
        description: '所对照的清单版本 The list version matched',
        resolve: (c) => globalId('NoCompulsoryMeasureList', c.listId),
      }),
      listVersion: t.exposeInt('listVersion', { description: '清单版本号 List version number' }),
      outcome: t.expose('outcome', { type: OutcomeEnum, description: '结论 Outcome' }),
      justification: t.exposeString('justification', {
        nullable: true,
        description: '确需采取的书面理由（审慎采取）The written justification (JUSTIFIED, REFUSED)',
      }),
      note: t.exposeString('note', {
        nullable: true,
        description: '不予实施的说明 Why no measure was taken (WAIVED)',
      }),
      approvedBy: t.string({
        nullable: true,
        description:
          '批准或不予批准的负责人（工作人员可见账号）The head who approved or refused: the account for staff, its kind for others',
        resolve: (c, _a, ctx) => (c.approvedBy ? actorShownTo(ctx.viewer, c.approvedBy) : null),
      }),
      approvedAt: t.expose('approvedAt', {
        type: 'DateTime',
        nullable: true,
        description: '批准或不予批准的时间 When the head approved or refused',
      }),
      recordedBy: t.string({
        description: '记录人 Who recorded it: the account for staff, its kind for others',
        resolve: (c, _a, ctx) => actorShownTo(ctx.viewer, c.recordedBy),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 When it was recorded' }),
    }),
  });

  builder.prismaObjectField('EnforcementCase', 'measureChecks', (t) =>
    t.relatedConnection('compulsoryMeasureChecks', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      // The agency's working record: the party and the public are told nothing about it.
      authScopes: { staff: true },
      description:
        '行政强制措施与不予实施清单的核对（本单位人员及监督人员；先记录的在前）The no-compulsory guard’s checks on this case, oldest first (the agency’s staff, supervisors)',
      query: { orderBy: { id: 'asc' } },
    }),
  );

  builder.prismaObjectField('CompulsoryMeasure', 'noCompulsoryCheck', (t) =>
    t.relation('compulsoryMeasureCheck', {
      nullable: true,
      authScopes: { staff: true },
      description:
        '该措施与不予实施清单的核对（如有；本单位人员及监督人员）The no-compulsory guard’s check of this measure, if any (the agency’s staff, supervisors)',
    }),
  );

  builder.mutationField('waiveCompulsoryMeasure', (t) =>
    t.prismaField({
      type: 'CompulsoryMeasureCheck',
      ...caseMutation(
        'act',
        '依不予实施行政强制措施清单不采取该措施，记录在案（行政强制法第16条第2款；可采取强制措施的本案执法人员）Record that the officers followed a no-compulsory-measure item and took no measure of this kind (art. 16(2); whoever may record a measure on the case)',
      ),
      args: {
        caseId: caseIdArg(t),
        measureKind: t.arg({
          type: noCompulsory.MeasureKindEnum,
          required: true,
          description: '未采取的强制措施种类 The measure kind not taken',
        }),
        note: t.arg.string({
          required: true,
          extensions: textKind('multiline'),
          description: `不予实施的说明（上限 ${NOTE_MAX} 字）Why no measure was taken`,
          validate: requiredText(NOTE_MAX, '不予实施的说明', 'note'),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        inCaseUnit(ctx, args.caseId, async (uow, caseId) => {
          const check = await waiveCompulsoryMeasureInTx(uow, {
            caseId,
            measureKind: args.measureKind,
            note: args.note.trim(),
          });
          return uow.tx.compulsoryMeasureCheck.findUniqueOrThrow({ ...query, where: { id: check.id } });
        }),
    }),
  );
}
