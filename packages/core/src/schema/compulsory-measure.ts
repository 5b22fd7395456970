import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { CompulsoryMeasure, Prisma } from '../generated/prisma/client.js';
import type { CompulsoryMeasureStatus } from '../generated/prisma/enums.js';
import { actorShownTo, canReadCase, caseRule, compulsoryMeasureRule } from '../auth/rows.js';
import { isStaff } from '../auth/viewer.js';
import { domainErrors, ForbiddenError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { nodeRowId, parseId, parseOptionalId, tryParseId, type GlobalId } from '../ids.js';
import { msg, reasonText, requiredText } from '../validation.js';
import { textKind } from '../input/text.js';
import {
  approveCompulsoryMeasureInTx,
  assertAgencyHead,
  extendCompulsoryMeasureInTx,
  measureNotFound,
  recordCompulsoryMeasureInTx,
  recordCompulsoryMeasureOnSiteInTx,
  releaseCompulsoryMeasureInTx,
} from '../cases/measures.js';
import { isApprovalLapsed, isMeasureOverdue, measureWasTaken, type OnSiteRecord } from '../rules/compulsory-measure.js';
import { shanghaiToday } from '../rules/shanghai-time.js';
import type { CoreEnums } from './enums.js';
import type { registerPerson } from './person.js';
import { asIfUnknown, caseActorScopeById, officerOfCase } from './case-scopes.js';

const MULTILINE = textKind('multiline');

/** Most officers one measure names (第18条 asks for two or more; a raid team is rarely larger). */
const MAX_MEASURE_OFFICERS = 20;

/**
 * Scope of a measure mutation done by the case's assigned officers: as officerOfCase, for the measure's
 * case. A measure whose case the caller may not see answers as an unknown measure (asIfUnknown).
 */
async function officerOfMeasure(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'CompulsoryMeasure');
  if (id === null) return { authenticated: true };
  const m = await ctx.prisma.compulsoryMeasure.findUnique({ where: { id }, select: { caseId: true } });
  if (!m) return asIfUnknown(ctx, () => measureNotFound(id));
  return caseActorScopeById(m.caseId, ctx, 'act', () => measureNotFound(id));
}

/**
 * Approving and extending a measure: the head of its case's agency, asked before the input is checked,
 * with the service's refusal (which checks again). An unknown measure, or one whose case the caller
 * may not see, answers NotFoundError alike.
 */
async function headOfMeasure(gid: GlobalId, ctx: Context) {
  const id = tryParseId(gid, 'CompulsoryMeasure');
  if (id === null) return isStaff(ctx.viewer);
  const m = await ctx.prisma.compulsoryMeasure.findUnique({
    where: { id },
    select: { case: { select: { agencyId: true, enterpriseId: true } } },
  });
  if (!m || !canReadCase(ctx.viewer, m.case)) return asIfUnknown(ctx, () => measureNotFound(id));
  if (!isStaff(ctx.viewer)) return false;
  assertAgencyHead(ctx.viewer, m.case.agencyId);
  return true;
}

/** 行政强制措施 (行政强制法): the type, its input and the mutations that take, approve, extend and release it. */
export function registerCompulsoryMeasure(
  builder: ZhifaBuilder,
  enums: CoreEnums,
  Person: ReturnType<typeof registerPerson>,
) {
  const MeasureKindEnum = enums.CompulsoryMeasureKind;
  const MeasureStatusEnum = enums.CompulsoryMeasureStatus;
  const today = (ctx: Context) => shanghaiToday(ctx.clock());

  // 现场笔录 (第18条第(七)–(九)项): read off the measure's own columns, present once the measure is taken.
  const OnSiteRecordRef = builder.objectRef<CompulsoryMeasure>('MeasureOnSiteRecord').implement({
    description: '现场笔录（行政强制法第18条第(七)–(九)项）The on-site record of a measure taken',
    fields: (t) => ({
      record: t.string({ description: '笔录内容 What the record says', resolve: (m) => m.siteRecord ?? '' }),
      partySignature: t.field({
        type: enums.MeasurePartySignature,
        description: '当事人签名情况 Signed, refused (noted) or absent (a witness signed)',
        resolve: (m) => m.partySignature ?? 'SIGNED',
      }),
      partyRefusalNote: t.exposeString('partyRefusalNote', {
        nullable: true,
        description: '拒绝签名的注明（第(八)项）How the refusal to sign is noted',
      }),
      witness: t.exposeString('witness', {
        nullable: true,
        description: '见证人（第(九)项）The witness who signed',
      }),
    }),
  });

  builder.prismaNode('CompulsoryMeasure', {
    id: { field: 'id' },
    description: '行政强制措施 Compulsory measure taken on a case (readable by whoever may read the case)',
    // Read by whoever may read its case (auth/rows.ts), on every path: node(id) of a measure on a
    // case the caller may not read is null, like an unknown id.
    rowRule: compulsoryMeasureRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      case: t.relation('case', { description: '所属案件 The case' }),
      kind: t.expose('kind', { type: MeasureKindEnum, description: '种类 Kind (第9条)' }),
      object: t.exposeString('object', { description: '对象 What was sealed, seized or frozen' }),
      isProductionEquipment: t.exposeBoolean('isProductionEquipment', {
        description: '是否生产设备 Production equipment',
      }),
      justification: t.exposeString('justification', {
        nullable: true,
        description: '审慎采取的书面理由 Written justification',
      }),
      status: t.expose('status', { type: MeasureStatusEnum, description: '状态 Status' }),
      emergency: t.exposeBoolean('emergency', {
        description: '紧急情况当场实施、事后补批（第19条）Taken in an emergency, approved afterwards',
      }),
      takenAt: t.field({
        type: 'DateTime',
        nullable: true,
        description:
          '实施时间（待批准或未获批准的为空）When it was taken; null while awaiting approval or when refused',
        resolve: (m) => (measureWasTaken(m) ? m.takenAt : null),
      }),
      recordedBy: t.string({
        description:
          '记录人（工作人员可见账号，其他人只见类别）Who recorded it: the account for staff, its kind for others',
        resolve: (m, _a, ctx) => actorShownTo(ctx.viewer, m.recordedBy),
      }),
      approvedAt: t.expose('approvedAt', {
        type: 'DateTime',
        nullable: true,
        description: '负责人批准时间 When the agency head approved it',
      }),
      approvedBy: t.string({
        nullable: true,
        description: '批准人 Who approved it (the account for staff, its kind for others)',
        resolve: (m, _a, ctx) => (m.approvedBy ? actorShownTo(ctx.viewer, m.approvedBy) : null),
      }),
      officers: t.loadableList({
        type: Person,
        description: '实施的执法人员（两名以上，第18条第(二)项）The officers who take it',
        // Key: the measure's officer ids; one query loads every measure's officers on the page
        // (personRule is the framework's: the loader reads through the field's ruled context).
        resolve: (m) => m.officerIds.join(','),
        load: async (keys: string[], ctx: Context) => {
          const idsOf = (key: string) => (key ? key.split(',').map(Number) : []);
          const ids = [...new Set(keys.flatMap(idsOf))];
          const people = ids.length
            ? await ctx.prisma.person.findMany({
                where: { id: { in: ids } },
              })
            : [];
          const byId = new Map(people.map((p) => [p.id, p]));
          return keys.map((key) => idsOf(key).flatMap((id) => byId.get(id) ?? []));
        },
      }),
      noticeDocumentNumber: t.exposeString('noticeDocumentNumber', {
        nullable: true,
        description: '查封扣押决定书/冻结通知书文号 Number of the notice served on the party',
      }),
      noticeServedOn: t.expose('noticeServedOn', {
        type: 'Date',
        nullable: true,
        description: '送达当事人日期 Day the notice was served (第24条)',
      }),
      onSiteRecord: t.field({
        type: OnSiteRecordRef,
        nullable: true,
        description:
          '现场笔录（紧急实施的随记录提交；经批准实施的当场制作后记录）The on-site record; null until the measure is taken and recorded',
        resolve: (m) => (m.siteRecord === null ? null : m),
      }),
      approvalLapsed: t.boolean({
        description:
          '紧急实施后超过 24 小时仍未批准，应当解除（第19条）Taken in an emergency and still unapproved after 24 hours: it must be released',
        resolve: (m, _a, ctx) => isApprovalLapsed(m, ctx.clock()),
      }),
      dueOn: t.expose('dueOn', {
        type: 'Date',
        nullable: true,
        description: '期限届满日（含当日；第25条）Last day in force; null until taken',
      }),
      extendedDays: t.exposeInt('extendedDays', {
        nullable: true,
        description: '延长天数（一次，≤30）Days extended (once, at most 30)',
      }),
      extensionReason: t.exposeString('extensionReason', {
        nullable: true,
        description: '延长理由 Why it was extended',
      }),
      releasedOn: t.expose('releasedOn', {
        type: 'Date',
        nullable: true,
        description: '解除日期 Day released (第28条)',
      }),
      releaseReason: t.exposeString('releaseReason', {
        nullable: true,
        description: '解除理由，或负责人不予批准的理由 Why it was released, or why approval was refused',
      }),
      releasedBy: t.string({
        nullable: true,
        description: '解除人或不予批准的负责人 Who released it, or refused it',
        resolve: (m, _a, ctx) => (m.releasedBy ? actorShownTo(ctx.viewer, m.releasedBy) : null),
      }),
      isOverdue: t.boolean({
        description: '实施中且已超过期限（北京时间）In force past its last day (Asia/Shanghai)',
        resolve: (m, _a, ctx) => isMeasureOverdue(m, ctx.clock()),
      }),
      overdueNotifiedAt: t.expose('overdueNotifiedAt', {
        type: 'DateTime',
        nullable: true,
        description: '超期已通报监督机关的时间 When supervisors were told it ran past its term',
      }),
    }),
  });

  const OnSiteRecordInput = builder.inputType('MeasureOnSiteRecordInput', {
    description: '现场笔录（行政强制法第18条第(七)–(九)项）The on-site record',
    fields: (t) => ({
      record: t.string({
        required: true,
        extensions: MULTILINE,
        description: '笔录内容：实施经过、告知事项、当事人陈述申辩 What was done, told and said on the spot',
        validate: requiredText(5000, '现场笔录', 'on-site record'),
      }),
      partySignature: t.field({
        type: enums.MeasurePartySignature,
        required: true,
        description: '当事人签名、拒绝签名（须注明）或不到场（须见证人）Signed, refused (noted) or absent (a witness)',
      }),
      partyRefusalNote: t.string({
        required: false,
        extensions: MULTILINE,
        description: '拒绝签名的注明（第(八)项）How the refusal to sign is noted',
        validate: requiredText(500, '拒绝签名的注明', 'refusal note'),
      }),
      witness: t.string({
        required: false,
        extensions: textKind('name'),
        description: '见证人姓名（当事人不到场时必填，第(九)项）The witness; required when the party is absent',
        validate: requiredText(60, '见证人', 'witness'),
      }),
    }),
  });

  const CompulsoryMeasureInput = builder.inputType('CompulsoryMeasureInput', {
    description: '行政强制措施 A compulsory measure to record (行政强制法 第18–19条)',
    fields: (t) => ({
      kind: t.field({ type: MeasureKindEnum, required: true, description: '种类 Kind' }),
      object: t.string({
        required: true,
        description: '对象 What is sealed, seized or frozen',
        extensions: MULTILINE,
        validate: requiredText(500, '对象', 'object'),
      }),
      isProductionEquipment: t.boolean({
        required: false,
        defaultValue: false,
        description: '是否生产设备 Production equipment',
      }),
      justification: t.string({
        required: false,
        extensions: MULTILINE,
        description: '审慎采取的书面理由 Written justification',
        validate: requiredText(2000, '理由', 'justification'),
      }),
      emergency: t.boolean({
        required: false,
        defaultValue: false,
        description:
          '情况紧急、已当场实施（24 小时内报告，事后补批，第19条）Taken on the spot in an emergency; otherwise it awaits the head’s approval',
      }),
      takenAt: t.field({
        type: 'DateTime',
        required: false,
        description:
          '紧急实施的时间（不早于 24 小时前）When an emergency measure was taken (within the last 24 hours); empty otherwise',
      }),
      officerIds: t.globalIDList({
        required: true,
        description: '实施的执法人员（两名以上本案承办人员）The officers who take it: two or more assigned to the case',
        validate: z
          .array(z.unknown())
          .max(MAX_MEASURE_OFFICERS, msg(`至多 ${MAX_MEASURE_OFFICERS} 人`, `at most ${MAX_MEASURE_OFFICERS} people`)),
      }),
      noticeDocumentNumber: t.string({
        required: false,
        extensions: textKind('name'),
        description:
          '查封扣押决定书/冻结通知书文号（紧急实施的填写；待批准的不填，实施时记录）Number of the decision served: with an emergency measure; none on a request awaiting approval',
        validate: requiredText(60, '文书编号', 'document number'),
      }),
      noticeServedOn: t.field({
        type: 'Date',
        required: false,
        description:
          '送达当事人日期（当场交付，第18条、第24条；紧急实施的填写）Day the decision was served: with an emergency measure',
      }),
      onSiteRecord: t.field({
        type: OnSiteRecordInput,
        required: false,
        description: '现场笔录（第18条第(七)项；紧急实施的填写）The on-site record: with an emergency measure',
      }),
    }),
  });

  const TakingInput = builder.inputType('CompulsoryMeasureTakingInput', {
    description:
      '经批准实施行政强制措施：当场送达决定书、制作现场笔录（第18条、第24条）An approved measure taken: the decision served and the on-site record',
    fields: (t) => ({
      noticeDocumentNumber: t.string({
        required: true,
        extensions: textKind('name'),
        description: '查封扣押决定书/冻结通知书文号 Number of the decision served on the party',
        validate: requiredText(60, '文书编号', 'document number'),
      }),
      noticeServedOn: t.field({
        type: 'Date',
        required: true,
        description: '送达当事人日期（当场交付，第24条）Day the decision was served on the party',
      }),
      onSiteRecord: t.field({
        type: OnSiteRecordInput,
        required: true,
        description: '现场笔录（第18条第(七)项）The on-site record',
      }),
    }),
  });

  /** The input's on-site record, trimmed; empty optional texts are absent. */
  const onSiteOf = (r: {
    record: string;
    partySignature: OnSiteRecord['partySignature'];
    partyRefusalNote?: string | null;
    witness?: string | null;
  }): OnSiteRecord => ({
    record: r.record.trim(),
    partySignature: r.partySignature,
    partyRefusalNote: r.partyRefusalNote?.trim() || null,
    witness: r.witness?.trim() || null,
  });

  builder.queryFields((t) => ({
    compulsoryMeasures: t.prismaConnection({
      type: 'CompulsoryMeasure',
      cursor: 'id',
      description: '行政强制措施列表（可查看其案件的）Compulsory measures on the cases the caller may read',
      authScopes: { authenticated: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '办案单位 Agency' }),
        status: t.arg({ type: MeasureStatusEnum, required: false, description: '状态 Status' }),
        overdue: t.arg.boolean({
          required: false,
          description: '仅超期（true）或仅未超期（false）Only overdue (true) or only not overdue (false)',
        }),
      },
      totalCount: (_parent, args, ctx) => ctx.prisma.compulsoryMeasure.count({ where: measuresWhere(ctx, args) }),
      resolve: (query, _parent, args, ctx) =>
        ctx.prisma.compulsoryMeasure.findMany({ ...query, where: measuresWhere(ctx, args), orderBy: { id: 'asc' } }),
    }),
  }));

  function measuresWhere(
    ctx: Context,
    args: { agencyId?: GlobalId | null; status?: CompulsoryMeasureStatus | null; overdue?: boolean | null },
  ): Prisma.CompulsoryMeasureWhereInput {
    // A signed-in caller with no case rights at all (a survey organisation) is refused, as for cases.
    // The rows themselves are compulsoryMeasureRule's, which the framework adds to this filter.
    if (caseRule.where(ctx.viewer) === null)
      throw new ForbiddenError({ zh: '无权查看行政强制措施', en: 'Not allowed to read compulsory measures' });
    const agencyId = parseOptionalId(args.agencyId, 'Agency', ['agencyId']);
    const day = today(ctx);
    const overdue: Prisma.CompulsoryMeasureWhereInput = { status: 'IN_FORCE', dueOn: { lt: day } };
    const notOverdue: Prisma.CompulsoryMeasureWhereInput = {
      OR: [{ status: { not: 'IN_FORCE' } }, { dueOn: null }, { dueOn: { gte: day } }],
    };
    return {
      AND: [
        agencyId === null ? {} : { case: { agencyId } },
        args.status ? { status: args.status } : {},
        args.overdue === true ? overdue : args.overdue === false ? notOverdue : {},
      ],
    };
  }

  builder.mutationFields((t) => ({
    recordCompulsoryMeasure: t.prismaField({
      type: 'CompulsoryMeasure',
      description:
        '记录行政强制措施（决定前；非紧急的待负责人批准，紧急的立即生效并事后补批）Record a compulsory measure before the decision: awaiting approval, or in force at once in an emergency',
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
            emergency: input.emergency ?? false,
            takenAt: input.takenAt ?? null,
            officerIds: input.officerIds.map((p, i) => parseId(p, 'Person', ['input', 'officerIds', i])),
            noticeDocumentNumber: input.noticeDocumentNumber?.trim() || null,
            noticeServedOn: input.noticeServedOn ?? null,
            onSiteRecord: input.onSiteRecord ? onSiteOf(input.onSiteRecord) : null,
          });
          return tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id: m.id } });
        }),
    }),
    approveCompulsoryMeasure: t.prismaField({
      type: 'CompulsoryMeasure',
      description:
        '负责人批准或不予批准行政强制措施（第18条；紧急实施的事后补批，不批准即解除，第19条）The agency head approves or refuses a measure',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => headOfMeasure(args.measureId, ctx),
      args: {
        measureId: t.arg.globalID({ required: true, description: '行政强制措施 Measure' }),
        approve: t.arg.boolean({ required: true, description: '批准 Approve (false: refuse)' }),
        reason: t.arg.string({
          required: false,
          extensions: MULTILINE,
          description: '理由（不予批准时必填）Reason; required to refuse',
          validate: reasonText(2000),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(args.measureId, 'CompulsoryMeasure', ['measureId']);
          await approveCompulsoryMeasureInTx(uow, id, args.approve, args.reason?.trim() || null);
          return uow.tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    extendCompulsoryMeasure: t.prismaField({
      type: 'CompulsoryMeasure',
      description:
        '负责人批准延长期限（一次，不超过 30 日，第25条）The agency head extends a measure once, by at most 30 days',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => headOfMeasure(args.measureId, ctx),
      args: {
        measureId: t.arg.globalID({ required: true, description: '行政强制措施 Measure' }),
        days: t.arg.int({
          required: true,
          description: '延长天数（1–30）Days to extend by (1–30)',
          validate: z
            .number()
            .int()
            .min(1, msg('至少延长 1 日', 'at least 1 day'))
            .max(3650, msg('天数不合理', 'implausible number of days')),
        }),
        reason: t.arg.string({
          required: true,
          extensions: MULTILINE,
          description: '延长理由 Why',
          validate: reasonText(2000),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(args.measureId, 'CompulsoryMeasure', ['measureId']);
          await extendCompulsoryMeasureInTx(uow, id, args.days, args.reason.trim());
          return uow.tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    recordCompulsoryMeasureOnSite: t.prismaField({
      type: 'CompulsoryMeasure',
      description:
        '经批准的行政强制措施实施时，记录当场送达的决定书和现场笔录（第18条、第24条）Record the decision served and the on-site record of an approved measure when it is taken (the case’s officers)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => officerOfMeasure(args.measureId, ctx),
      args: {
        measureId: t.arg.globalID({ required: true, description: '行政强制措施 Measure' }),
        input: t.arg({ type: TakingInput, required: true }),
      },
      resolve: (query, _root, { measureId, input }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(measureId, 'CompulsoryMeasure', ['measureId']);
          await recordCompulsoryMeasureOnSiteInTx(uow, id, {
            noticeDocumentNumber: input.noticeDocumentNumber.trim(),
            noticeServedOn: input.noticeServedOn,
            onSiteRecord: onSiteOf(input.onSiteRecord),
          });
          return uow.tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
    releaseCompulsoryMeasure: t.prismaField({
      type: 'CompulsoryMeasure',
      description: '解除行政强制措施（第28条）Release a measure (the case’s officers)',
      errors: { types: domainErrors },
      authScopes: (_root, args, ctx) => officerOfMeasure(args.measureId, ctx),
      args: {
        measureId: t.arg.globalID({ required: true, description: '行政强制措施 Measure' }),
        on: t.arg({ type: 'Date', required: true, description: '解除日期 Day released' }),
        reason: t.arg.string({
          required: true,
          extensions: MULTILINE,
          description: '解除理由 Why',
          validate: reasonText(2000),
        }),
      },
      resolve: (query, _root, args, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const id = parseId(args.measureId, 'CompulsoryMeasure', ['measureId']);
          await releaseCompulsoryMeasureInTx(uow, id, args.on, args.reason.trim());
          return uow.tx.compulsoryMeasure.findUniqueOrThrow({ ...query, where: { id } });
        }),
    }),
  }));
}
