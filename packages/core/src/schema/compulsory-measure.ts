import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import { actorShownTo } from '../auth/rows.js';
import { domainErrors } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { parseId } from '../ids.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import { recordCompulsoryMeasureInTx } from '../cases/measures.js';
import type { CoreEnums } from './enums.js';
import { officerOfCase } from './case-scopes.js';

const MULTILINE = textKind('multiline');
const text = (max: number, zh: string, en: string) =>
  z.string().trim().min(1, msg(`${zh}不能为空`, `${en} must not be empty`)).max(max, msg(`${zh}过长`, `${en} is too long`));

/** 行政强制措施 (行政强制法): the type, its input and the mutations that take, approve, extend and release it. */
export function registerCompulsoryMeasure(builder: ZhifaBuilder, enums: CoreEnums) {
  const MeasureKindEnum = enums.CompulsoryMeasureKind;
  builder.prismaObject('CompulsoryMeasure', {
    description: '行政强制措施 Compulsory measure taken on a case',
    fields: (t) => ({
      id: t.exposeID('id', { description: '编号 Id' }),
      case: t.relation('case', { description: '所属案件 The case' }),
      kind: t.expose('kind', { type: MeasureKindEnum, description: '种类 Kind' }),
      object: t.exposeString('object', { description: '对象 What was sealed, seized or frozen' }),
      isProductionEquipment: t.exposeBoolean('isProductionEquipment', { description: '是否生产设备 Production equipment' }),
      justification: t.exposeString('justification', { nullable: true, description: '审慎采取的书面理由 Written justification' }),
      takenAt: t.expose('takenAt', { type: 'DateTime', description: '采取时间 When it was taken' }),
      recordedBy: t.string({
        description: '记录人（工作人员可见账号，其他人只见类别）Who recorded it: the account for staff, its kind for others',
        resolve: (m, _a, ctx) => actorShownTo(ctx.viewer, m.recordedBy),
      }),
    }),
  });

  const CompulsoryMeasureInput = builder.inputType('CompulsoryMeasureInput', {
    description: '行政强制措施 A compulsory measure to record',
    fields: (t) => ({
      kind: t.field({ type: MeasureKindEnum, required: true, description: '种类 Kind' }),
      object: t.string({ required: true, description: '对象 What is sealed, seized or frozen', extensions: MULTILINE, validate: text(500, '对象', 'object') }),
      isProductionEquipment: t.boolean({ required: false, defaultValue: false, description: '是否生产设备 Production equipment' }),
      justification: t.string({
        required: false,
        extensions: MULTILINE,
        description: '审慎采取的书面理由 Written justification',
        validate: text(2000, '理由', 'justification'),
      }),
    }),
  });

  builder.mutationFields((t) => ({
    recordCompulsoryMeasure: t.prismaField({
      type: 'CompulsoryMeasure',
      description: '记录行政强制措施（决定前）Record a compulsory measure, before the decision',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => officerOfCase(args.caseId, ctx),
      args: {
        caseId: t.arg.globalID({ required: true, description: '案件 Case' }),
        input: t.arg({ type: CompulsoryMeasureInput, required: true }),
      },
      resolve: (query, _root, { caseId: gid, input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const m = await recordCompulsoryMeasureInTx(uow, parseId(gid, 'EnforcementCase', ['caseId']), {
            kind: input.kind,
            object: input.object.trim(),
            isProductionEquipment: input.isProductionEquipment ?? false,
            justification: input.justification?.trim() || null,
          });
          return tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
  }));
}
