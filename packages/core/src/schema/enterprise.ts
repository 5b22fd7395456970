import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Db } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { AgencyKind, CreditRiskClass, EnterpriseKind, EnterpriseScale } from '../generated/prisma/enums.js';
import { actorShownTo, enterpriseRule } from '../auth/rows.js';
import { actorOf, isSystemAdmin, type Viewer } from '../auth/viewer.js';
import { nodeRowId, parseId, type GlobalId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { domainErrors, NotFoundError, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import { checkUscc, normaliseUscc, usccOverridable, usccProblemMessage, type UsccCheck } from '../rules/uscc.js';
import type { CoreEnums } from './enums.js';

/** Agencies whose officers keep the enterprise register: those that inspect enterprises. */
const REGISTER_KEEPERS: AgencyKind[] = ['ENFORCEMENT_AGENCY', 'TOWNSHIP', 'SUBDISTRICT'];
const TOWNSHIP_KINDS: AgencyKind[] = ['TOWNSHIP', 'SUBDISTRICT'];

/**
 * Who may create and edit enterprises: officers and agency admins of an enforcement agency,
 * township or subdistrict, and system admins. The register is shared county-wide (an enterprise is
 * inspected by several agencies), so any such agency may correct any row; every change is in the
 * event log with its actor. Auxiliaries and supervisors read but do not edit.
 */
export function maintainsEnterprises(v: Viewer): boolean {
  if (isSystemAdmin(v)) return true;
  return (
    v.kind === 'person' &&
    REGISTER_KEEPERS.includes(v.agencyKind) &&
    (v.roles.includes('OFFICER') || v.roles.includes('AGENCY_ADMIN'))
  );
}

const ENTERPRISE = { zh: '经营主体', en: 'Enterprise' };

export function registerEnterprise(builder: ZhifaBuilder, enums: CoreEnums) {
  const {
    EnterpriseKind: EnterpriseKindEnum,
    EnterpriseScale: EnterpriseScaleEnum,
    CreditRiskClass: CreditRiskClassEnum,
  } = enums;

  const EnterpriseRef = builder.prismaNode('Enterprise', {
    id: { field: 'id' },
    // Only the columns the asked fields name are loaded (case.ts says why); the name, which every
    // list shows, always, read straight off the row (loaded-columns.ts).
    select: { id: true, name: true },
    description: '经营主体 Enterprise (token required; an enterprise user sees only their own)',
    // auth/rows.ts enterpriseRule, applied by the framework on every path: node(id) of an
    // enterprise the caller may not read is null, like an unknown id (node-query.ts).
    rowRule: enterpriseRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      uscc: t.exposeString('uscc', { description: '统一社会信用代码 USCC' }),
      name: t.exposeString('name', { description: '名称 Name' }),
      kind: t.expose('kind', { type: EnterpriseKindEnum, description: '类别 Kind' }),
      legalRepresentative: t.exposeString('legalRepresentative', {
        description: '法定代表人/经营者 Legal representative',
      }),
      address: t.exposeString('address', { description: '住所 Address' }),
      township: t.relation('township', { nullable: true, description: '所在镇区/街道 Township' }),
      industry: t.exposeString('industry', { description: '行业 Industry' }),
      scale: t.expose('scale', { type: EnterpriseScaleEnum, description: '规模 Scale' }),
      employees: t.exposeInt('employees', { description: '从业人数 Employees' }),
      isKeyEnterprise: t.exposeBoolean('isKeyEnterprise', { description: '重点/龙头企业 Key enterprise' }),
      creditRiskClass: t.expose('creditRiskClass', {
        type: CreditRiskClassEnum,
        description: '信用风险分类 Credit risk class',
      }),
      usccOverrideReason: t.exposeString('usccOverrideReason', {
        nullable: true,
        description: '代码未通过校验时的人工确认理由（早期试点代码）Recorded reason a failing USCC was accepted',
      }),
      usccOverrideBy: t.string({
        nullable: true,
        select: { usccOverrideBy: true },
        description:
          '确认人（工作人员可见账号，其他人只见类别）Who accepted the failing USCC: the account for staff, its kind for others',
        resolve: (e, _a, ctx) => (e.usccOverrideBy === null ? null : actorShownTo(ctx.viewer, e.usccOverrideBy)),
      }),
      usccOverrideAt: t.expose('usccOverrideAt', {
        type: 'DateTime',
        nullable: true,
        description: '确认时间 When it was accepted',
      }),
    }),
  });

  builder.queryFields((t) => ({
    enterprises: t.prismaConnection({
      type: 'Enterprise',
      cursor: 'id',
      description:
        '经营主体列表（须登录；企业用户只见本企业）Enterprises (token required; an enterprise user sees only their own)',
      authScopes: { authenticated: true },
      args: {
        search: t.arg.string({
          required: false,
          description: '名称包含或代码前缀 Name contains, or USCC starts with',
          validate: z.string().trim().max(100, msg('检索词过长', 'search text is too long')),
        }),
        creditRiskClass: t.arg({
          type: CreditRiskClassEnum,
          required: false,
          description: '信用风险分类 Credit risk class',
        }),
        townshipId: t.arg.globalID({ required: false, description: '所在镇区/街道 Township' }),
      },
      totalCount: (_p, args, ctx) => ctx.prisma.enterprise.count({ where: enterprisesWhere(args) }),
      resolve: (query, _p, args, ctx) =>
        ctx.prisma.enterprise.findMany({ ...query, where: enterprisesWhere(args), orderBy: { id: 'asc' } }),
    }),
    enterprise: t.prismaField({
      type: 'Enterprise',
      nullable: true,
      description:
        '一个经营主体，按 id 或代码（二选一）；不存在或不可见时整个结果为空 One enterprise by id or USCC (exactly one); the whole result is null when it does not exist or is not visible',
      authScopes: { authenticated: true },
      args: {
        id: t.arg.globalID({ required: false }),
        uscc: t.arg.string({ required: false, description: '统一社会信用代码 USCC' }),
      },
      resolve: async (query, _p, args, ctx) => {
        if ((args.id == null) === (args.uscc == null))
          throw ValidationError.one(['id'], {
            zh: '请给出 id 或 uscc 之一（仅一个）',
            en: 'give exactly one of id and uscc',
          });
        const key: Prisma.EnterpriseWhereInput = args.id
          ? { id: parseId(args.id, 'Enterprise', ['id']) }
          : { uscc: normaliseUscc(args.uscc!) };
        return ctx.prisma.enterprise.findFirst({ ...query, where: key });
      },
    }),
  }));

  const UsccOverrideInput = builder.inputType('UsccOverrideInput', {
    description:
      '接受未通过国标校验的代码（仅限早期试点代码：校验位或区划码不符），理由将被记录 Accept a USCC failing the GB 32100 check (early pilot codes only); the reason is recorded',
    fields: (t) => ({
      reason: t.string({
        required: true,
        extensions: textKind('multiline'),
        description: '理由（至少 5 个字）Reason, at least 5 characters',
        validate: z.string().trim().min(5, msg('理由至少 5 个字', 'the reason needs at least 5 characters')).max(500),
      }),
    }),
  });

  const EnterpriseInput = builder.inputType('EnterpriseInput', {
    description: '经营主体信息 Enterprise fields',
    fields: (t) => ({
      uscc: t.string({ required: true, description: '统一社会信用代码（18 位）USCC, 18 characters' }),
      usccOverride: t.field({
        type: UsccOverrideInput,
        required: false,
        description: '代码未通过校验时的人工确认 Override for a code that fails the check',
      }),
      name: t.string({
        required: true,
        description: '名称 Name',
        extensions: textKind('name'),
        validate: z.string().trim().min(2, msg('名称至少 2 个字', 'name needs at least 2 characters')).max(200),
      }),
      kind: t.field({ type: EnterpriseKindEnum, required: true, description: '类别 Kind' }),
      legalRepresentative: t.string({
        required: true,
        extensions: textKind('name'),
        description: '法定代表人/经营者 Legal representative',
        validate: z.string().trim().min(1, msg('不能为空', 'must not be empty')).max(50),
      }),
      address: t.string({
        required: true,
        description: '住所 Address',
        validate: z.string().trim().min(1, msg('不能为空', 'must not be empty')).max(200),
      }),
      townshipId: t.globalID({
        required: false,
        description: '所在镇区/街道 Township (a TOWNSHIP or SUBDISTRICT agency)',
      }),
      industry: t.string({
        required: true,
        description: '行业 Industry',
        validate: z.string().trim().min(1, msg('不能为空', 'must not be empty')).max(100),
      }),
      scale: t.field({ type: EnterpriseScaleEnum, required: true, description: '规模 Scale' }),
      employees: t.int({
        required: true,
        description: '从业人数 Employees',
        validate: z.number().int().min(0, msg('不能为负数', 'must not be negative')).max(10_000_000),
      }),
      isKeyEnterprise: t.boolean({ required: false, description: '重点/龙头企业 Key enterprise (default false)' }),
      creditRiskClass: t.field({
        type: CreditRiskClassEnum,
        required: true,
        description: '信用风险分类 Credit risk class',
      }),
    }),
  });

  builder.mutationFields((t) => ({
    createEnterprise: t.prismaField({
      type: 'Enterprise',
      description:
        '登记经营主体（执法机关、镇区、街道的执法人员或管理员，系统管理员）Register an enterprise (officers/admins of enforcement agencies, townships, subdistricts; system admin)',
      authScopes: (_r, _a, ctx) => maintainsEnterprises(ctx.viewer),
      errors: { types: domainErrors },
      args: { input: t.arg({ type: EnterpriseInput, required: true }) },
      // Written without the client's selection: the whole row, whose columns the event reads (the type
      // loads only the columns asked for); Pothos loads what else the client asked of it.
      resolve: (_query, _r, { input }, ctx) =>
        guardUnique(() =>
          unitOfWork(ctx, async (uow) => {
            const { tx } = uow;
            const uscc = normaliseUscc(input.uscc);
            const override = decideOverride(uscc, input.usccOverride?.reason ?? null, null);
            await assertUsccFree(tx, uscc, null);
            const townshipId = await townshipOf(tx, input.townshipId);
            const now = new Date();
            const enterprise = await tx.enterprise.create({
              data: { ...columns(input, uscc, townshipId), ...overrideColumns(override, ctx.viewer, now) },
            });
            await uow.emit(CORE_TOPICS.enterpriseCreated, eventPayload(enterprise, override), {
              agencyId: townshipId,
              enterpriseId: enterprise.id,
            });
            return enterprise;
          }),
        ),
    }),
    updateEnterprise: t.prismaField({
      type: 'Enterprise',
      description: '修改经营主体（同登记权限）Update an enterprise (same people as registering)',
      authScopes: (_r, _a, ctx) => maintainsEnterprises(ctx.viewer),
      errors: { types: domainErrors },
      args: {
        id: t.arg.globalID({ required: true }),
        input: t.arg({ type: EnterpriseInput, required: true }),
      },
      resolve: (_query, _r, { id, input }, ctx) =>
        guardUnique(() =>
          unitOfWork(ctx, async (uow) => {
            const { tx } = uow;
            const enterpriseId = parseId(id, 'Enterprise', ['id']);
            const before = await tx.enterprise.findUnique({ where: { id: enterpriseId } });
            if (!before) throw new NotFoundError('Enterprise', String(enterpriseId), ENTERPRISE);
            const uscc = normaliseUscc(input.uscc);
            const override = decideOverride(uscc, input.usccOverride?.reason ?? null, before);
            await assertUsccFree(tx, uscc, before.id);
            const townshipId = await townshipOf(tx, input.townshipId);
            const now = new Date();
            const enterprise = await tx.enterprise.update({
              where: { id: before.id },
              data: {
                ...columns(input, uscc, townshipId),
                ...(override.kind === 'kept' ? {} : overrideColumns(override, ctx.viewer, now)),
              },
            });
            await uow.emit(
              CORE_TOPICS.enterpriseUpdated,
              { ...eventPayload(enterprise, override), previousUscc: before.uscc === uscc ? undefined : before.uscc },
              { agencyId: townshipId, enterpriseId: enterprise.id },
            );
            return enterprise;
          }),
        ),
    }),
  }));
  return EnterpriseRef;
}

type EnterpriseArgs = {
  search?: string | null;
  creditRiskClass?: CreditRiskClass | null;
  townshipId?: GlobalId | null;
};

/** The query's filters; enterpriseRule is the framework's to add. */
function enterprisesWhere(args: EnterpriseArgs): Prisma.EnterpriseWhereInput {
  const search = args.search?.trim();
  const filters: Prisma.EnterpriseWhereInput[] = [];
  if (search)
    filters.push({
      OR: [{ name: { contains: search, mode: 'insensitive' } }, { uscc: { startsWith: normaliseUscc(search) } }],
    });
  if (args.creditRiskClass) filters.push({ creditRiskClass: args.creditRiskClass });
  if (args.townshipId) filters.push({ townshipId: parseId(args.townshipId, 'Agency', ['townshipId']) });
  return { AND: filters };
}

/**
 * What to do about the code's check:
 * - `none`: the code is valid (any earlier override is cleared);
 * - `new`: the code fails and the caller overrides now (recorded with actor and time);
 * - `kept`: the code is unchanged and was accepted before; the recorded override stands.
 */
type OverrideDecision =
  | { kind: 'none' }
  | { kind: 'new'; reason: string; check: UsccCheck }
  | { kind: 'kept'; reason: string; check: UsccCheck };

function decideOverride(
  uscc: string,
  reason: string | null,
  before: { uscc: string; usccOverrideReason: string | null } | null,
): OverrideDecision {
  const check = checkUscc(uscc);
  if (check.valid) {
    if (reason !== null)
      throw ValidationError.one(['input', 'usccOverride'], {
        zh: '该代码已通过国标校验，无需人工确认',
        en: 'this USCC passes the GB 32100 check; an override is pointless',
      });
    return { kind: 'none' };
  }
  const problem = usccProblemMessage(check)!;
  if (!usccOverridable(check.problem!))
    throw ValidationError.one(['input', 'uscc'], {
      zh: reason === null ? problem.zh : `${problem.zh}（此类错误不能人工确认）`,
      en: reason === null ? problem.en : `${problem.en} (this kind of error cannot be overridden)`,
    });
  if (reason !== null) return { kind: 'new', reason: reason.trim(), check };
  if (before && before.uscc === uscc && before.usccOverrideReason)
    return { kind: 'kept', reason: before.usccOverrideReason, check };
  throw ValidationError.one(['input', 'uscc'], {
    zh: `${problem.zh}；如确为早期试点代码，请填写人工确认理由（usccOverride）`,
    en: `${problem.en}; if this is an early pilot code, give an override reason (usccOverride)`,
  });
}

function overrideColumns(d: OverrideDecision, v: Viewer, now: Date) {
  return d.kind === 'none'
    ? { usccOverrideReason: null, usccOverrideBy: null, usccOverrideAt: null }
    : { usccOverrideReason: d.reason, usccOverrideBy: actorOf(v), usccOverrideAt: now };
}

function eventPayload(e: { id: number; uscc: string; name: string }, d: OverrideDecision) {
  return {
    enterpriseId: e.id,
    uscc: e.uscc,
    name: e.name,
    usccOverride:
      d.kind === 'none'
        ? null
        : {
            reason: d.reason,
            problem: d.check.problem ?? null,
            expectedCheck: d.check.expectedCheck ?? null,
            recordedNow: d.kind === 'new',
          },
  };
}

function columns(
  input: {
    name: string;
    kind: EnterpriseKind;
    legalRepresentative: string;
    address: string;
    industry: string;
    scale: EnterpriseScale;
    employees: number;
    isKeyEnterprise?: boolean | null;
    creditRiskClass: CreditRiskClass;
  },
  uscc: string,
  townshipId: number | null,
) {
  return {
    uscc,
    name: input.name.trim(),
    kind: input.kind,
    legalRepresentative: input.legalRepresentative.trim(),
    address: input.address.trim(),
    townshipId,
    industry: input.industry.trim(),
    scale: input.scale,
    employees: input.employees,
    isKeyEnterprise: input.isKeyEnterprise ?? false,
    creditRiskClass: input.creditRiskClass,
  };
}

async function townshipOf(tx: Db, ref: GlobalId | null | undefined): Promise<number | null> {
  if (!ref) return null;
  const id = parseId(ref, 'Agency', ['input', 'townshipId']);
  const agency = await tx.agency.findUnique({ where: { id }, select: { id: true, kind: true } });
  if (!agency) throw new NotFoundError('Agency', String(id), { zh: '镇区/街道', en: 'Township' });
  if (!TOWNSHIP_KINDS.includes(agency.kind))
    throw ValidationError.one(['input', 'townshipId'], {
      zh: '所在镇区须为镇区或街道单位',
      en: 'the township must be a TOWNSHIP or SUBDISTRICT agency',
    });
  return agency.id;
}

const USCC_TAKEN = { zh: '该统一社会信用代码已登记', en: 'an enterprise with this USCC is already registered' };

async function assertUsccFree(tx: Db, uscc: string, self: number | null): Promise<void> {
  const holder = await tx.enterprise.findUnique({ where: { uscc }, select: { id: true } });
  if (holder && holder.id !== self) throw ValidationError.one(['input', 'uscc'], USCC_TAKEN);
}

/** Two concurrent registrations can both pass the check above; the unique index then decides. */
async function guardUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw ValidationError.one(['input', 'uscc'], USCC_TAKEN);
    throw err;
  }
}
