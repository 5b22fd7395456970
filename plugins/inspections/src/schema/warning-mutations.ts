// The warning's handling as mutations (warnings/workflow.ts holds the rules of each): supervisors of the justice
// bureau (行政执法协调监督) assign 交办, supervise 督办, close 销号 and return 退回; the answerable agency's officers and
// admin report rectification 整改. A caller who may not take a step is refused before the input is looked at; a
// warning the caller may not read answers as an unknown one.
import {
  asIfUnknown,
  domainErrors,
  parseId,
  requiredText,
  tryParseId,
  unitOfWork,
  type Context,
  type GlobalId,
  type ZhifaBuilder,
} from '@zhifa/core';
import { textKind } from '@zhifa/core/input';
import type { WarningStep } from '../rules/warning-workflow.js';
import { stepWarningInTx, warningNotFound } from '../warnings/workflow.js';
import { warningRule } from '../access.js';
import type { registerWarningTypes } from './inspection-warning.js';

type Side = 'supervisor' | 'agency';

async function warningScope(gid: GlobalId, ctx: Context, side: Side) {
  const id = tryParseId(gid, 'InspectionWarning');
  if (id === null) return { authenticated: true } as const;
  const w = await ctx.prisma.inspectionWarning.findUnique({ where: { id } });
  // Scopes see every row: the row rule is asked here.
  if (!w || !warningRule.can?.(ctx.viewer, w)) return asIfUnknown(ctx, () => warningNotFound(id));
  return side === 'supervisor' ? { supervisor: true } : { officerOf: w.agencyId };
}

const STEPS: { field: string; step: WarningStep; side: Side; deadline: boolean; description: string }[] = [
  {
    field: 'assignInspectionWarning',
    step: 'ASSIGN',
    side: 'supervisor',
    deadline: true,
    description:
      '交办：将预警交责任单位办理，附意见和期限（默认 ZHIFA_INSPECTIONS_WARNING_DAYS 日；监督人员）Assign the warning to the answerable agency with a comment and a deadline (default warningDays; supervisors)',
  },
  {
    field: 'superviseInspectionWarning',
    step: 'SUPERVISE',
    side: 'supervisor',
    deadline: true,
    description:
      '督办：对已交办或已督办的预警督促办理，附意见和新期限（监督人员）Supervise an assigned or supervised warning with a comment and a new deadline (supervisors)',
  },
  {
    field: 'rectifyInspectionWarning',
    step: 'RECTIFY',
    side: 'agency',
    deadline: false,
    description:
      '整改：责任单位报告整改情况（本单位执法人员及管理员）The answerable agency reports its rectification (its officers and admin)',
  },
  {
    field: 'closeInspectionWarning',
    step: 'CLOSE',
    side: 'supervisor',
    deadline: false,
    description: '销号：确认整改并销号（监督人员）Close a rectified warning (supervisors)',
  },
  {
    field: 'returnInspectionWarning',
    step: 'RETURN',
    side: 'supervisor',
    deadline: true,
    description:
      '退回：整改不到位，退回至交办或督办，附意见和新期限（监督人员）Return a rectified warning to assigned or supervised, with a comment and a new deadline (supervisors)',
  },
];

export function registerWarningMutations(builder: ZhifaBuilder, refs: ReturnType<typeof registerWarningTypes>) {
  for (const s of STEPS)
    builder.mutationField(s.field, (t) =>
      t.prismaField({
        type: refs.WarningRef,
        description: s.description,
        errors: { types: domainErrors },
        authScopes: (_root, args, ctx) => warningScope(args.warningId, ctx, s.side),
        args: {
          warningId: t.arg.globalID({ required: true, description: '检查预警 The warning' }),
          comment: t.arg.string({
            required: true,
            description: '意见（至多 2000 字）Comment, at most 2000 characters',
            extensions: textKind('multiline'),
            validate: requiredText(2000, '意见', 'comment'),
          }),
          ...(s.deadline
            ? {
                dueAt: t.arg({
                  type: 'DateTime',
                  required: false,
                  description:
                    '办理期限（晚于现在；默认 warningDays 日后）Deadline: in the future; warningDays ahead by default',
                }),
              }
            : {}),
        },
        resolve: (query, _root, args, ctx) =>
          unitOfWork(ctx, async (uow) => {
            const w = await stepWarningInTx(uow, parseId(args.warningId, 'InspectionWarning', ['warningId']), s.step, {
              comment: args.comment.trim(),
              dueAt: (args as { dueAt?: Date | null }).dueAt ?? null,
            });
            return uow.tx.inspectionWarning.findUniqueOrThrow({ ...query, where: { id: w.id } });
          }),
      }),
    );
}
