// 程序步骤 (行政处罚法): the CaseStep type, `EnforcementCase.steps`, and the mutations that record each
// step — 事先告知, 陈述申辩, 听证申请, 听证, 法制审核, 集体讨论, 送达 — and extend the deadline. The
// rules are rules/procedure.ts; the services cases/steps.ts; who acts auth/rows.ts canActOnCase.
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type {
  CaseStepKind,
  CaseStepOutcome,
  DeadlineSuspensionReason,
  HearingClosedReason,
  PenaltyKind,
} from '../generated/prisma/enums.js';
import { actorShownTo, caseStepRule } from '../auth/rows.js';
import { isStaff } from '../auth/viewer.js';
import { ValidationError } from '../errors.js';
import { parseId, type GlobalId } from '../ids.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import { msg, requiredText as text } from '../validation.js';
import { textKind } from '../input/text.js';
import { CASE_STEP_OUTCOME_NAMES } from '../rules/names.js';
import {
  convertToGeneralProcedureInTx,
  extendCaseDeadlineInTx,
  MAX_EXTENSION_DAYS,
  MAX_SUSPENSION_DAYS,
  recordDeadlineSuspensionInTx,
  recordCollectiveDiscussionInTx,
  recordHearingInTx,
  recordHearingNoticeInTx,
  recordHearingRequestInTx,
  recordLegalReviewInTx,
  recordNoticeInTx,
  recordServiceInTx,
  recordStatementInTx,
} from '../cases/steps.js';
import { readProposal } from '../cases/procedure.js';
import type { CoreEnums } from './enums.js';
import { caseIdArg, caseMutation, inCaseUnit } from './case-scopes.js';
import type { PenaltyInputRef } from './penalty-input.js';
import type { CaseAction } from '../auth/rows.js';

const MULTILINE = textKind('multiline');
/** An outcome the step admits, or a ValidationError naming those it does. */
function outcomeOf<O extends CaseStepOutcome>(outcome: CaseStepOutcome, allowed: readonly O[]): O {
  if ((allowed as readonly CaseStepOutcome[]).includes(outcome)) return outcome as O;
  throw ValidationError.one(['input', 'outcome'], {
    zh: `此步骤的结果须为：${allowed.map((o) => `${o}（${CASE_STEP_OUTCOME_NAMES[o].zh}）`).join('、')}`,
    en: `this step's outcome is one of ${allowed.join(', ')}`,
  });
}

const trimmed = (s: string | null | undefined) => s?.trim() || null;

/**
 * Steps taken with the party, whose notes the party may read. The others — 法制审核 opinions, 集体讨论
 * conclusions, extension reasons — are the agency's internal records: staff only.
 */
const PARTY_FACING_STEPS: readonly CaseStepKind[] = [
  'NOTICE',
  'STATEMENT',
  'HEARING_REQUEST',
  'HEARING_NOTICE',
  'HEARING',
  'SERVICE',
  'PROCEDURE_CONVERSION',
];

export function registerCaseStep(builder: ZhifaBuilder, enums: CoreEnums, PenaltyInput: PenaltyInputRef) {
  const ProposedPenalty = builder
    .objectRef<{ kind: PenaltyKind; amountFen: bigint | null }>('ProposedPenalty')
    .implement({
      description: '拟作出的处罚（事先告知）A penalty proposed in the prior notice',
      fields: (t) => ({
        kind: t.field({ type: enums.PenaltyKind, description: '种类 Kind', resolve: (p) => p.kind }),
        amountFen: t.field({
          type: 'Fen',
          nullable: true,
          description: '金额（分）Amount in fen',
          resolve: (p) => p.amountFen,
        }),
      }),
    });

  builder.prismaObject('CaseStep', {
    rowRule: caseStepRule,
    description:
      '程序步骤 A procedure step of a case (行政处罚法: 事先告知、陈述申辩、听证、法制审核、集体讨论、送达、期限延长)',
    fields: (t) => ({
      id: t.exposeID('id', { description: '编号 Id' }),
      case: t.relation('case', { description: '所属案件 The case' }),
      kind: t.expose('kind', { type: enums.CaseStepKind, description: '步骤 Kind' }),
      on: t.expose('on', { type: 'Date', description: '日期 Day it took place' }),
      outcome: t.expose('outcome', { type: enums.CaseStepOutcome, nullable: true, description: '结果 Outcome' }),
      documentNumber: t.exposeString('documentNumber', { nullable: true, description: '文书编号 Document number' }),
      note: t.string({
        nullable: true,
        description:
          '理由、笔录或摘要（法制审核、集体讨论、期限延长为内部记录，仅工作人员可见）Reasons, record or summary; of the internal steps (review, discussion, extension) staff only',
        resolve: (s, _a, ctx) => (PARTY_FACING_STEPS.includes(s.kind) || isStaff(ctx.viewer) ? s.note : null),
      }),
      days: t.exposeInt('days', {
        nullable: true,
        description: '延长天数（期限延长）或不计入的天数（期限中止）Days added (extension) or not counted (suspension)',
      }),
      suspendedFor: t.expose('suspendedFor', {
        type: enums.DeadlineSuspensionReason,
        nullable: true,
        description: '不计入办案期限的事由（期限中止）Why the days are not counted (suspension)',
      }),
      discussion: t.string({
        nullable: true,
        description:
          '决定继续延期的集体讨论结论（内部记录，仅工作人员可见）The heads’ collective discussion deciding a further extension; staff only',
        resolve: (s, _a, ctx) => (isStaff(ctx.viewer) ? s.discussion : null),
      }),
      newFacts: t.exposeString('newFacts', {
        nullable: true,
        description:
          '加重的重新告知所依据的新事实（第45条第2款；事先告知）New facts a heavier re-notice rests on (notice only)',
      }),
      hearingOn: t.expose('hearingOn', {
        type: 'Date',
        nullable: true,
        description: '听证日期（第64条第二项；听证通知）Day the hearing is set for (hearing notice only)',
      }),
      place: t.exposeString('place', {
        nullable: true,
        description: '听证地点（听证通知）Where the hearing is held (hearing notice only)',
      }),
      presidingOfficer: t.relation('presidingOfficer', {
        nullable: true,
        description: '听证主持人（第64条第四项：行政机关指定的非本案调查人员；听证）Presiding officer (hearing only)',
      }),
      publicHearing: t.exposeBoolean('publicHearing', {
        nullable: true,
        description: '是否公开举行（第64条第三项；听证）Whether held in public (hearing only)',
      }),
      closedReason: t.expose('closedReason', {
        type: enums.HearingClosedReason,
        nullable: true,
        description: '不公开举行的理由（听证）Why not in public (hearing only)',
      }),
      proposedPenalties: t.field({
        type: [ProposedPenalty],
        nullable: true,
        description: '拟作出的处罚（事先告知）Penalties proposed (notice only)',
        resolve: (s) =>
          readProposal(s)?.penalties.map((p) => ({
            kind: p.kind,
            amountFen: p.amountFen === null ? null : BigInt(p.amountFen),
          })) ?? null,
      }),
      hearingOffered: t.boolean({
        nullable: true,
        description: '是否告知听证权利（第63条；事先告知）Whether the notice offered a hearing (notice only)',
        resolve: (s) => readProposal(s)?.hearingOffered ?? null,
      }),
      actor: t.string({
        description:
          '记录人（工作人员可见账号，其他人只见类别）Who recorded it: the account for staff, its kind for others',
        resolve: (s, _a, ctx) => actorShownTo(ctx.viewer, s.actor),
      }),
      recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间 When recorded' }),
    }),
  });

  builder.prismaObjectField('EnforcementCase', 'hearingRecord', (t) =>
    t.relation('hearingStep', {
      nullable: true,
      description:
        '决定所依据的听证（第65条：根据听证笔录作出决定）The hearing whose record the decision rests on, when one was held',
    }),
  );

  builder.prismaObjectField('EnforcementCase', 'steps', (t) =>
    t.relatedConnection('steps', {
      cursor: 'id',
      totalCount: true,
      description: '程序步骤（按记录先后）Procedure steps, in the order recorded',
      query: { orderBy: { id: 'asc' } },
    }),
  );

  /** An input type for one step: its day, document number and note, and the step's own fields. */
  const stepInput = <F extends object>(
    name: string,
    description: string,
    note: { required: boolean; zh: string; en: string },
    extra: (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => F,
  ) =>
    builder.inputType(name, {
      description,
      fields: (t) => ({
        on: t.field({ type: 'Date', required: true, description: '日期（不晚于今天，不早于立案日）Day it took place' }),
        documentNumber: t.string({
          required: false,
          extensions: textKind('name'),
          description: '文书编号 Document number',
          validate: text(60, '文书编号', 'document number'),
        }),
        note: t.string({
          required: note.required,
          extensions: MULTILINE,
          description: `${note.zh} ${note.en}`,
          validate: text(4000, '说明', 'note'),
        }),
        ...extra(t),
      }),
    });

  const RecordNoticeInput = stepInput(
    'RecordNoticeInput',
    '事先告知 Prior notice (第44条)',
    { required: false, zh: '告知的事实、理由、依据摘要', en: 'Facts, reasons and basis notified' },
    (t) => ({
      proposedPenalties: t.field({
        type: [PenaltyInput],
        required: true,
        description: '拟作出的处罚（按事项的处罚种类与幅度核对）Penalties proposed, checked against the matter',
      }),
      newFacts: t.string({
        required: false,
        extensions: MULTILINE,
        description:
          '新查明的事实（第45条第2款：重新告知较前次更重的，须写明）New facts, required for a re-notice heavier than the last',
        validate: text(2000, '新的事实', 'new facts'),
      }),
      illegalGainsFen: t.field({
        type: 'Fen',
        required: false,
        description: '已查明的违法所得（分；按倍数确定罚款时）Illegal gains established, in fen',
      }),
      mitigatingCircumstance: t.string({
        required: false,
        extensions: MULTILINE,
        description: '减轻处罚情形（第32条；罚款低于下限时必填）Mitigating circumstance, for a fine below the minimum',
        validate: text(2000, '减轻情形', 'mitigating circumstance'),
      }),
    }),
  );
  const RecordStatementInput = stepInput(
    'RecordStatementInput',
    '陈述、申辩 Statement (第45条)',
    { required: false, zh: '陈述申辩要点及复核意见', en: 'Statement and its assessment' },
    (t) => ({
      outcome: t.field({ type: enums.CaseStepOutcome, required: true, description: 'RECEIVED 已收到 / WAIVED 放弃' }),
    }),
  );
  const RecordHearingRequestInput = stepInput(
    'RecordHearingRequestInput',
    '听证申请 Hearing request (第64条)',
    { required: false, zh: '说明', en: 'Note' },
    (t) => ({
      outcome: t.field({ type: enums.CaseStepOutcome, required: true, description: 'REQUESTED 申请 / WAIVED 放弃' }),
    }),
  );
  const RecordHearingNoticeInput = stepInput(
    'RecordHearingNoticeInput',
    '听证通知 Notice of the hearing (第64条第二项：举行听证的七日前通知时间、地点)',
    { required: false, zh: '说明', en: 'Note' },
    (t) => ({
      hearingOn: t.field({
        type: 'Date',
        required: true,
        description: '听证日期（通知日后至少七日）Day of the hearing, at least 7 days after the party is told',
      }),
      place: t.string({
        required: true,
        description: '听证地点 Where',
        validate: text(200, '听证地点', 'place'),
      }),
    }),
  );
  const RecordHearingInput = stepInput(
    'RecordHearingInput',
    '听证 Hearing (第64条)',
    {
      required: true,
      zh: '听证笔录（必填；第64条第八项，决定依据，第65条）',
      en: 'Record of the hearing (required; the decision rests on it, art. 65)',
    },
    (t) => ({
      presidingOfficerId: t.globalID({
        required: true,
        description:
          '听证主持人（第64条第四项：本单位指定的非本案调查人员）Presiding officer: designated by the agency, not one who investigated',
      }),
      public: t.boolean({
        required: true,
        description: '是否公开举行（第64条第三项）Held in public',
      }),
      closedReason: t.field({
        type: enums.HearingClosedReason,
        required: false,
        description: '不公开的理由（不公开时必填）Why not in public (required when not public)',
      }),
    }),
  );
  const RecordLegalReviewInput = stepInput(
    'RecordLegalReviewInput',
    '法制审核 Legal review (第58条)',
    { required: false, zh: '审核意见（退回必填理由）', en: 'Opinion (reasons required when returned)' },
    (t) => ({
      outcome: t.field({
        type: enums.CaseStepOutcome,
        required: true,
        description: 'APPROVED 同意 / RETURNED 退回补充调查',
      }),
    }),
  );
  const RecordCollectiveDiscussionInput = stepInput(
    'RecordCollectiveDiscussionInput',
    '集体讨论 Collective discussion (第57条第2款)',
    { required: true, zh: '讨论结论（必填）', en: 'Conclusion (required)' },
    () => ({}),
  );
  const RecordServiceInput = stepInput(
    'RecordServiceInput',
    '送达 Service of the decision (第61条)',
    { required: false, zh: '送达方式、受送达人', en: 'How and to whom served' },
    () => ({}),
  );

  const RecordDeadlineSuspensionInput = stepInput(
    'RecordDeadlineSuspensionInput',
    '不计入办案期限的时间 Time not counted in the deadline (第60条: 听证、鉴定、公告)',
    { required: false, zh: '说明（如鉴定机构、公告方式）', en: 'Details' },
    (t) => ({
      reason: t.field({ type: enums.DeadlineSuspensionReason, required: true, description: '事由 Reason' }),
      days: t.int({
        required: true,
        description: `自该日起不计入的天数（1–${MAX_SUSPENSION_DAYS}）Days not counted from that day`,
        validate: z
          .number()
          .int()
          .min(1, msg('至少 1 天', 'at least 1 day'))
          .max(MAX_SUSPENSION_DAYS, msg('天数过多', 'too many days')),
      }),
    }),
  );

  builder.mutationFields((t) => {
    const field = <I>(
      description: string,
      action: CaseAction,
      input:
        | typeof RecordNoticeInput
        | typeof RecordStatementInput
        | typeof RecordHearingInput
        | typeof RecordHearingNoticeInput
        | typeof RecordServiceInput
        | typeof RecordDeadlineSuspensionInput,
      record: (uow: UnitOfWork, caseId: number, input: I) => Promise<{ step: { id: number } }>,
    ) =>
      t.prismaField({
        type: 'CaseStep',
        ...caseMutation(action, description),
        args: { caseId: caseIdArg(t), input: t.arg({ type: input, required: true }) },
        resolve: (query, _root, args, ctx) =>
          inCaseUnit(ctx, args.caseId, async (uow, id) => {
            const { step } = await record(uow, id, args.input as I);
            return uow.tx.caseStep.findUniqueOrThrow({ ...query, where: { id: step.id } });
          }),
      });

    type Common = { on: Date; documentNumber?: string | null; note?: string | null };
    const common = (i: Common) => ({ on: i.on, documentNumber: trimmed(i.documentNumber), note: trimmed(i.note) });

    return {
      recordNotice: field<
        Common & {
          proposedPenalties: { kind: PenaltyKind; amountFen?: bigint | null }[];
          newFacts?: string | null;
          illegalGainsFen?: bigint | null;
          mitigatingCircumstance?: string | null;
        }
      >(
        '事先告知（第44条；本案承办人员；告知是否享有听证权利，第63条）Record the prior notice of the proposed penalties (assigned officers)',
        'act',
        RecordNoticeInput,
        (uow, id, i) =>
          recordNoticeInTx(uow, id, {
            ...common(i),
            proposedPenalties: i.proposedPenalties.map((p) => ({ kind: p.kind, amountFen: p.amountFen ?? null })),
            newFacts: trimmed(i.newFacts),
            illegalGainsFen: i.illegalGainsFen ?? null,
            mitigatingCircumstance: trimmed(i.mitigatingCircumstance),
          }),
      ),
      recordStatement: field<Common & { outcome: CaseStepOutcome }>(
        '陈述、申辩（第45条；本案承办人员）Record the party’s statement or its waiver (assigned officers)',
        'act',
        RecordStatementInput,
        (uow, id, i) =>
          recordStatementInTx(uow, id, {
            ...common(i),
            outcome: outcomeOf(i.outcome, ['RECEIVED', 'WAIVED'] as const),
          }),
      ),
      recordHearingRequest: field<Common & { outcome: CaseStepOutcome }>(
        '听证申请或放弃（第64条：告知后五日内；本案承办人员）Record a hearing request or waiver, within 5 days of the notice (assigned officers)',
        'act',
        RecordHearingRequestInput,
        (uow, id, i) =>
          recordHearingRequestInTx(uow, id, {
            ...common(i),
            outcome: outcomeOf(i.outcome, ['REQUESTED', 'WAIVED'] as const),
          }),
      ),
      recordHearingNotice: field<Common & { hearingOn: Date; place: string }>(
        '听证通知（第64条第二项：听证七日前告知时间、地点；本案承办人员）Record the notice of the hearing’s time and place, 7 days before (assigned officers)',
        'act',
        RecordHearingNoticeInput,
        (uow, id, i) =>
          recordHearingNoticeInTx(uow, id, { ...common(i), hearingOn: i.hearingOn, place: i.place.trim() }),
      ),
      recordHearing: field<
        Common & {
          note: string;
          presidingOfficerId: GlobalId;
          public: boolean;
          closedReason?: HearingClosedReason | null;
        }
      >(
        '听证（第64条：通知七日后举行，非本案调查人员主持，公开或依法不公开；须有听证笔录，第65条；本案承办人员）Record the hearing held, with its presiding officer and record (assigned officers)',
        'act',
        RecordHearingInput,
        (uow, id, i) =>
          recordHearingInTx(uow, id, {
            ...common(i),
            note: i.note.trim(),
            presidingOfficerId: parseId(i.presidingOfficerId, 'Person', ['input', 'presidingOfficerId']),
            publicHearing: i.public,
            closedReason: i.closedReason ?? null,
          }),
      ),
      recordLegalReview: field<Common & { outcome: CaseStepOutcome }>(
        '法制审核（第58条；本单位法制审核人员，非本案承办人员；退回则回到调查取证）Record the legal review (the agency’s legal reviewers; a return sends the case back to investigation)',
        'review',
        RecordLegalReviewInput,
        (uow, id, i) =>
          recordLegalReviewInTx(uow, id, {
            ...common(i),
            outcome: outcomeOf(i.outcome, ['APPROVED', 'RETURNED'] as const),
          }),
      ),
      recordCollectiveDiscussion: field<Common & { note: string }>(
        '集体讨论（第57条第2款；本单位负责人）Record the collective discussion (the agency head)',
        'head',
        RecordCollectiveDiscussionInput,
        (uow, id, i) => recordCollectiveDiscussionInTx(uow, id, { ...common(i), note: i.note.trim() }),
      ),
      recordService: field<Common>(
        '送达（第61条：决定后七日内；本案承办人员）Record service of the decision, within 7 days (assigned officers)',
        'act',
        RecordServiceInput,
        (uow, id, i) => recordServiceInTx(uow, id, common(i)),
      ),
      recordDeadlineSuspension: field<Common & { reason: DeadlineSuspensionReason; days: number }>(
        '记录不计入办案期限的时间（第60条：听证、鉴定、公告；本案承办人员；决定前、期限届满前）Record time not counted in the deadline: a hearing, appraisal or public notice (assigned officers, before the decision and while the limit runs)',
        'act',
        RecordDeadlineSuspensionInput,
        (uow, id, i) => recordDeadlineSuspensionInTx(uow, id, { ...common(i), reason: i.reason, days: i.days }),
      ),
      convertToGeneralProcedure: t.prismaField({
        type: 'CaseStep',
        ...caseMutation(
          'act',
          '简易程序转为普通程序（第51条：当场只能警告或小额罚款，其他处理须转普通程序，由负责人决定，第57条；本案承办人员；决定前）Convert a simple-procedure case to the general procedure (assigned officers, before the decision)',
        ),
        args: {
          caseId: caseIdArg(t),
          reason: t.arg.string({
            required: true,
            extensions: MULTILINE,
            description: '转换理由 Reason',
            validate: text(2000, '转换理由', 'reason'),
          }),
        },
        resolve: (query, _root, args, ctx) =>
          inCaseUnit(ctx, args.caseId, async (uow, id) => {
            const { step } = await convertToGeneralProcedureInTx(uow, id, args.reason.trim());
            return uow.tx.caseStep.findUniqueOrThrow({ ...query, where: { id: step.id } });
          }),
      }),
      extendCaseDeadline: t.prismaField({
        type: 'CaseStep',
        ...caseMutation(
          'head',
          '延长办案期限（第60条；本单位负责人；决定前；负责人批准一次至多 30 日，继续延期须集体讨论）Extend the case’s time limit (the agency head, before the decision: once by up to ZHIFA_CASE_EXTENSION_DAYS alone, further after collective discussion)',
        ),
        args: {
          caseId: caseIdArg(t),
          days: t.arg.int({
            required: true,
            description: `延长天数（1–${MAX_EXTENSION_DAYS}）Days to add`,
            validate: z
              .number()
              .int()
              .min(1, msg('延长天数至少 1 天', 'at least 1 day'))
              .max(MAX_EXTENSION_DAYS, msg('延长天数过多', 'too many days')),
          }),
          reason: t.arg.string({
            required: true,
            extensions: MULTILINE,
            description: '延长理由 Reason',
            validate: text(2000, '延长理由', 'reason'),
          }),
          discussion: t.arg.string({
            required: false,
            extensions: MULTILINE,
            description:
              '负责人集体讨论决定继续延期的结论（第二次及以后的延期、期限届满后的延期必填）The heads’ collective discussion deciding the extension (required from the second one, or after the limit ended)',
            validate: text(2000, '集体讨论结论', 'collective discussion'),
          }),
        },
        resolve: (query, _root, args, ctx) =>
          inCaseUnit(ctx, args.caseId, async (uow, id) => {
            const { step } = await extendCaseDeadlineInTx(
              uow,
              id,
              args.days,
              args.reason.trim(),
              args.discussion?.trim() || null,
            );
            return uow.tx.caseStep.findUniqueOrThrow({ ...query, where: { id: step.id } });
          }),
      }),
    };
  });
}
