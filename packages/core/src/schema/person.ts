import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import { Prisma, type Db } from '../db.js';
import { CertificateStatus, PersonRole } from '../generated/prisma/enums.js';
import {
  canEnforce,
  certificateChangeRefusal,
  enforceBlocker,
  ENFORCE_BLOCKER_MESSAGES,
  personRecordProblems,
  reviewRefusal,
  type CertificateFields,
  type CertificateRefusal,
  type EnforceBlocker,
  type PersonRecordProblem,
} from '../rules/certificate.js';
import { domainErrors, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { isSystemAdmin } from '../auth/viewer.js';
import { nodeRowId, parseId, tryParseId, type GlobalId } from '../ids.js';
import { canReadPersonRecord, personRule } from '../auth/rows.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import { describedValues } from './enum-values.js';

const ROLE_ZH: Record<PersonRole, string> = {
  OFFICER: '执法人员',
  AUXILIARY: '辅助人员（不得独立执法，不持执法证）',
  SUPERVISOR: '监督人员',
  SPECIAL_SUPERVISOR: '特邀行政执法监督员',
  AGENCY_ADMIN: '单位管理员',
  SYSTEM_ADMIN: '系统管理员',
  LEGAL_REVIEWER: '法制审核人员（行政处罚法第58条）',
  AGENCY_HEAD: '行政机关负责人（行政处罚法第57条）',
};

const STATUS_ZH: Record<CertificateStatus, string> = {
  VALID: '有效',
  SUSPENDED: '暂扣',
  WITHDRAWN: '收回',
  CANCELLED: '注销',
  EXPIRED: '过期',
};

const PERSON = { zh: '人员', en: 'Person' };

export function registerPerson(builder: ZhifaBuilder) {
  const PersonRoleEnum = builder.enumType(PersonRole, {
    name: 'PersonRole',
    description: '人员角色 Person role',
    values: describedValues(ROLE_ZH),
  });
  const CertificateStatusEnum = builder.enumType(CertificateStatus, {
    name: 'CertificateStatus',
    description: '执法证状态 Certificate status',
    values: describedValues(STATUS_ZH),
  });
  const EnforceBlockerCode = builder.enumType('EnforceBlockerCode', {
    description: '不能执法的原因代码 Why a person may not enforce',
    values: describedValues(ENFORCE_BLOCKER_MESSAGES) as Record<EnforceBlocker, { description: string }>,
  });
  const EnforceBlockerRef = builder.objectRef<EnforceBlocker>('EnforceBlocker').implement({
    description: '不能承办执法的原因 Why a person may not be assigned to enforcement actions',
    fields: (t) => ({
      code: t.field({ type: EnforceBlockerCode, description: '原因代码 Reason code', resolve: (b) => b }),
      message: t.string({ description: '中文说明 Message in Chinese', resolve: (b) => ENFORCE_BLOCKER_MESSAGES[b].zh }),
      messageEn: t.string({ description: 'English message', resolve: (b) => ENFORCE_BLOCKER_MESSAGES[b].en }),
    }),
  });

  // Fields of the whole record: staff only (rows.ts, canReadPersonRecord). Nullable, so that an
  // enterprise user who asks for them gets a FORBIDDEN error at the field, not a lost officer list.
  const record = { nullable: true, authScopes: recordScope } as const;

  const PersonRef = builder.prismaNode('Person', {
    id: { field: 'id' },
    description:
      '人员（工作人员可见全部；企业用户仅可见本企业案件承办人员的姓名和执法证号）Person: staff see everyone; an enterprise user sees only the name and certificate number of the officers on its own cases',
    // One row rule (rows.ts, personRule), applied by the framework on every path: node(id) loads
    // only visible rows, and so does every list of people.
    rowRule: personRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      name: t.exposeString('name', { description: '姓名 Name' }),
      roles: t.expose('roles', {
        ...record,
        type: [PersonRoleEnum],
        description: '角色（限工作人员）Roles (staff only)',
      }),
      agency: t.relation('agency', { ...record, description: '所在单位（限工作人员）Agency (staff only)' }),
      certificateNumber: t.exposeString('certificateNumber', {
        nullable: true,
        description: '执法证号 Certificate number',
      }),
      certificateStatus: t.expose('certificateStatus', {
        ...record,
        type: CertificateStatusEnum,
        description: '执法证状态（限工作人员）Certificate status (staff only)',
      }),
      certificateIssuedOn: t.expose('certificateIssuedOn', {
        ...record,
        type: 'Date',
        description: '发证日期（限工作人员）Issued on (staff only)',
      }),
      certificateExpiresOn: t.expose('certificateExpiresOn', {
        ...record,
        type: 'Date',
        description: '有效期至（当日有效；限工作人员）Valid through this date (staff only)',
      }),
      certificateReviewYear: t.exposeInt('certificateReviewYear', {
        ...record,
        description: '最近年度审验年份（限工作人员）Last annual review year (staff only)',
      }),
      canEnforce: t.boolean({
        ...record,
        description:
          '可独立承办执法（证件有效、未过期、本年度已审验或上年度审验仍在宽限期内；限工作人员）May be assigned to enforcement actions: valid, unexpired, reviewed this year or last year within the grace period (staff only)',
        resolve: (p, _args, ctx) => canEnforce(p, ctx.clock(), ctx.settings.get(CASE_SETTINGS).reviewGraceUntil),
      }),
      enforceBlocker: t.field({
        ...record,
        type: EnforceBlockerRef,
        description:
          '不能承办执法的原因，可以时为空（限工作人员）Why not, or null when the person may enforce (staff only)',
        resolve: (p, _args, ctx) => enforceBlocker(p, ctx.clock(), ctx.settings.get(CASE_SETTINGS).reviewGraceUntil),
      }),
    }),
  });

  // Listing people is for agency staff only. Supervisors need every agency; other staff may list
  // any agency too, on purpose: names and certificate details are what officers show on duty
  // (亮证执法) and what the county publishes (执法人员公示), so a per-agency wall would protect nothing.
  builder.prismaObjectField('Agency', 'people', (t) =>
    t.relatedConnection('people', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { staff: true },
      description: '本单位人员（限工作人员）People of this agency (staff only)',
      query: { orderBy: { id: 'asc' as const } },
    }),
  );

  builder.queryField('people', (t) =>
    t.prismaConnection({
      type: 'Person',
      cursor: 'id',
      description: '人员列表（限工作人员，可查看任一单位）People, for staff of any agency',
      authScopes: { staff: true },
      args: {
        agencyId: t.arg.globalID({ required: false, description: '所在单位 Agency' }),
        role: t.arg({ type: PersonRoleEnum, required: false, description: '角色 Role held' }),
        certificateStatus: t.arg({
          type: CertificateStatusEnum,
          required: false,
          description: '执法证状态 Certificate status',
        }),
      },
      totalCount: async (_p, args, ctx) => ctx.prisma.person.count({ where: peopleWhere(args) }),
      resolve: async (query, _p, args, ctx) =>
        ctx.prisma.person.findMany({ ...query, where: peopleWhere(args), orderBy: { id: 'asc' } }),
    }),
  );

  const CertificateInput = builder.inputType('CertificateInput', {
    description: '执法证 Enforcement certificate',
    fields: (t) => ({
      number: t.string({
        required: true,
        description: '执法证号 Certificate number',
        extensions: textKind('name'),
        validate: z.string().trim().min(1, msg('执法证号不能为空', 'certificate number must not be empty')).max(50),
      }),
      issuedOn: t.field({ type: 'Date', required: true, description: '发证日期 Issued on' }),
      expiresOn: t.field({ type: 'Date', required: true, description: '有效期至 Valid through' }),
    }),
  });

  const personFields = {
    name: z
      .string()
      .trim()
      .min(1, msg('姓名不能为空', 'name must not be empty'))
      .max(50, msg('姓名过长', 'name is too long')),
    roles: z.array(z.string()).min(1, msg('至少一个角色', 'at least one role')),
  };

  const CreatePersonInput = builder.inputType('CreatePersonInput', {
    description: '新建人员 A new person',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '所在单位 Agency' }),
      name: t.string({
        required: true,
        description: '姓名 Name',
        extensions: textKind('name'),
        validate: personFields.name,
      }),
      roles: t.field({
        type: [PersonRoleEnum],
        required: true,
        description: '角色 Roles',
        validate: personFields.roles,
      }),
      certificate: t.field({
        type: CertificateInput,
        required: false,
        description:
          '执法证（执法人员必填，辅助人员不得填写；新证为有效、未审验）Certificate: required for officers, never for auxiliaries',
      }),
    }),
  });

  const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
    description:
      '修改人员（状态和审验另行登记）Update a person; certificate status and review change only through their own mutations',
    fields: (t) => ({
      name: t.string({
        required: true,
        description: '姓名 Name',
        extensions: textKind('name'),
        validate: personFields.name,
      }),
      roles: t.field({
        type: [PersonRoleEnum],
        required: true,
        description: '角色 Roles',
        validate: personFields.roles,
      }),
      certificate: t.field({
        type: CertificateInput,
        required: false,
        description:
          '执法证；为空则清除。换新证号视为新证（有效、未审验）Certificate; null removes it. A new number is a new certificate (valid, not yet reviewed)',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    createPerson: t.prismaField({
      type: 'Person',
      description: '新建人员（本单位管理员或系统管理员）Create a person (agency admin of that agency, or system admin)',
      authScopes: (_r, args) => ({ agencyAdminOf: tryParseId(args.input.agencyId, 'Agency') ?? -1 }),
      errors: { types: domainErrors },
      args: { input: t.arg({ type: CreatePersonInput, required: true }) },
      resolve: (query, _r, { input }, ctx) =>
        guardUnique(() =>
          unitOfWork(ctx, async (uow) => {
            const { tx } = uow;
            const agencyId = parseId(input.agencyId, 'Agency', ['input', 'agencyId']);
            if (!(await tx.agency.findUnique({ where: { id: agencyId } })))
              throw new NotFoundError('Agency', input.agencyId.id, { zh: '单位', en: 'Agency' });
            const roles = [...new Set(input.roles)];
            assertMayGrant(ctx, roles, []);
            const cert = certificateInput(input.certificate);
            throwProblems(personRecordProblems(roles, cert));
            if (cert) await assertNumberFree(tx, cert.number, null);
            const person = await tx.person.create({
              ...query,
              data: {
                agencyId,
                name: input.name.trim(),
                roles,
                ...certificateColumns(cert, null),
              },
            });
            await uow.emit(
              CORE_TOPICS.personCreated,
              { personId: person.id, name: person.name, roles, certificateNumber: cert?.number ?? null },
              { agencyId },
            );
            return person;
          }),
        ),
    }),

    updatePerson: t.prismaField({
      type: 'Person',
      description:
        '修改人员（本单位管理员或系统管理员）Update a person (agency admin of their agency, or system admin)',
      authScopes: async (_r, args, ctx) => ({ agencyAdminOf: (await agencyOfPerson(ctx, args.id)) ?? -1 }),
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true }),
        input: t.arg({ type: UpdatePersonInput, required: true }),
      },
      resolve: (query, _r, { id, input }, ctx) =>
        guardUnique(() =>
          unitOfWork(ctx, async (uow) => {
            const { tx } = uow;
            const before = await tx.person.findUnique({ where: { id: parseId(id, 'Person', ['id']) } });
            if (!before) throw new NotFoundError('Person', id.id, PERSON);
            const roles = [...new Set(input.roles)];
            assertMayGrant(ctx, roles, before.roles);
            const cert = certificateInput(input.certificate);
            throwProblems(personRecordProblems(roles, cert));
            if (cert) await assertNumberFree(tx, cert.number, before.id);
            const person = await tx.person.update({
              ...query,
              where: { id: before.id },
              data: { name: input.name.trim(), roles, ...certificateColumns(cert, before) },
            });
            await uow.emit(
              CORE_TOPICS.personUpdated,
              {
                personId: person.id,
                name: person.name,
                roles,
                certificateNumber: person.certificateNumber,
                previousCertificateNumber: before.certificateNumber,
              },
              { agencyId: person.agencyId },
            );
            return person;
          }),
        ),
    }),

    changeCertificateStatus: t.prismaField({
      type: 'Person',
      description:
        '变更执法证状态（暂扣、收回、注销、恢复），须写明理由 Change certificate status, with a reason (agency admin, supervisor or system admin)',
      authScopes: async (_r, args, ctx) => ({
        $any: { supervisor: true, agencyAdminOf: (await agencyOfPerson(ctx, args.personId)) ?? -1 },
      }),
      errors: { types: domainErrors },
      args: {
        personId: t.arg.globalID({ required: true }),
        status: t.arg({ type: CertificateStatusEnum, required: true }),
        reason: t.arg.string({
          required: true,
          description: '理由（记入事件日志）Reason, kept in the event log',
          extensions: textKind('multiline'),
          validate: z
            .string()
            .trim()
            .min(2, msg('请写明理由', 'give a reason'))
            .max(500, msg('理由过长', 'reason is too long')),
        }),
      },
      resolve: (query, _r, { personId, status, reason }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const before = await tx.person.findUnique({ where: { id: parseId(personId, 'Person', ['personId']) } });
          if (!before) throw new NotFoundError('Person', personId.id, PERSON);
          throwRefusal(
            certificateChangeRefusal(before.certificateStatus, status, before.certificateExpiresOn, new Date()),
            'status',
          );
          const person = await tx.person.update({
            ...query,
            where: { id: before.id },
            data: { certificateStatus: status },
          });
          await uow.emit(
            CORE_TOPICS.certificateChanged,
            {
              personId: person.id,
              change: 'status' as const,
              certificateNumber: person.certificateNumber,
              from: before.certificateStatus,
              to: status,
              reason: reason.trim(),
            },
            { agencyId: person.agencyId },
          );
          return person;
        }),
    }),

    recordCertificateReview: t.prismaField({
      type: 'Person',
      description:
        '登记执法证年度审验 Record the annual review of a certificate (agency admin, supervisor or system admin)',
      authScopes: async (_r, args, ctx) => ({
        $any: { supervisor: true, agencyAdminOf: (await agencyOfPerson(ctx, args.personId)) ?? -1 },
      }),
      errors: { types: domainErrors },
      args: {
        personId: t.arg.globalID({ required: true }),
        year: t.arg.int({
          required: true,
          description: '审验年度（北京时间）Review year, Asia/Shanghai',
          validate: z
            .number()
            .int()
            .min(2000, msg('年度不合理', 'implausible year'))
            .max(2100, msg('年度不合理', 'implausible year')),
        }),
      },
      resolve: (query, _r, { personId, year }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const before = await tx.person.findUnique({ where: { id: parseId(personId, 'Person', ['personId']) } });
          if (!before) throw new NotFoundError('Person', personId.id, PERSON);
          throwRefusal(reviewRefusal(before, year, uow.now, uow.settings.get(CASE_SETTINGS).reviewGraceUntil), 'year');
          const person = await tx.person.update({
            ...query,
            where: { id: before.id },
            data: { certificateReviewYear: year },
          });
          await uow.emit(
            CORE_TOPICS.certificateChanged,
            {
              personId: person.id,
              change: 'review' as const,
              certificateNumber: person.certificateNumber,
              from: before.certificateReviewYear,
              to: year,
            },
            { agencyId: person.agencyId },
          );
          return person;
        }),
    }),
  }));
  return PersonRef;
}

/** The query's filters; personRule is the framework's to add. */
function peopleWhere(args: {
  agencyId?: GlobalId | null;
  role?: PersonRole | null;
  certificateStatus?: CertificateStatus | null;
}): Prisma.PersonWhereInput {
  return {
    AND: [
      args.agencyId ? { agencyId: parseId(args.agencyId, 'Agency', ['agencyId']) } : {},
      args.certificateStatus ? { certificateStatus: args.certificateStatus } : {},
      args.role ? { roles: { has: args.role } } : {},
    ],
  };
}

function recordScope(_parent: unknown, _args: unknown, ctx: Context): boolean {
  return canReadPersonRecord(ctx.viewer);
}

/** The agency of a person, for authorisation; null when there is no such person. */
async function agencyOfPerson(ctx: Context, gid: GlobalId): Promise<number | null> {
  const n = tryParseId(gid, 'Person');
  if (n === null) return null;
  const p = await ctx.prisma.person.findUnique({ where: { id: n }, select: { agencyId: true } });
  return p?.agencyId ?? null;
}

/**
 * An agency admin manages their own staff but must not mint or demote system admins: that would
 * turn an agency admin into a system admin by proxy.
 */
function assertMayGrant(ctx: Context, roles: PersonRole[], before: PersonRole[]): void {
  if (isSystemAdmin(ctx.viewer)) return;
  if (roles.includes('SYSTEM_ADMIN') || before.includes('SYSTEM_ADMIN'))
    throw new ForbiddenError({
      zh: '只有系统管理员可以授予、修改或撤销系统管理员',
      en: 'only a system admin may grant, edit or revoke a system admin',
    });
}

function throwProblems(problems: PersonRecordProblem[]): void {
  if (problems.length === 0) return;
  const rule = problems.find((p) => p.kind === 'RULE');
  if (rule) throw new RuleViolation(rule.rule, rule);
  throw new ValidationError(problems.map((p) => ({ path: ['input', ...p.path], messageZh: p.zh, messageEn: p.en })));
}

function throwRefusal(r: CertificateRefusal | null, field: string): void {
  if (!r) return;
  if (r.kind === 'RULE') throw new RuleViolation(r.rule, r);
  throw ValidationError.one([field], r);
}

const NUMBER_TAKEN = { zh: '执法证号已被他人使用', en: 'this certificate number belongs to someone else' };

async function assertNumberFree(tx: Db, number: string, self: number | null): Promise<void> {
  const holder = await tx.person.findUnique({ where: { certificateNumber: number }, select: { id: true } });
  if (holder && holder.id !== self) throw ValidationError.one(['input', 'certificate', 'number'], NUMBER_TAKEN);
}

/** Two concurrent writers can both pass the check above; the unique index then decides. */
async function guardUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002')
      throw ValidationError.one(['input', 'certificate', 'number'], NUMBER_TAKEN);
    throw err;
  }
}

function certificateInput(c: CertificateFields | null | undefined): CertificateFields | null {
  return c ? { ...c, number: c.number.trim() } : null;
}

/**
 * Certificate columns for a write. The same number keeps its status and review; a new number (or
 * a first certificate) is a new card: valid and not yet reviewed. No certificate clears them all.
 */
function certificateColumns(
  cert: CertificateFields | null,
  before: {
    certificateNumber: string | null;
    certificateStatus: CertificateStatus | null;
    certificateReviewYear: number | null;
  } | null,
) {
  if (!cert)
    return {
      certificateNumber: null,
      certificateStatus: null,
      certificateIssuedOn: null,
      certificateExpiresOn: null,
      certificateReviewYear: null,
    };
  const same = before?.certificateNumber === cert.number;
  return {
    certificateNumber: cert.number,
    certificateIssuedOn: cert.issuedOn,
    certificateExpiresOn: cert.expiresOn,
    certificateStatus: same ? before!.certificateStatus : CertificateStatus.VALID,
    certificateReviewYear: same ? before!.certificateReviewYear : null,
  };
}
