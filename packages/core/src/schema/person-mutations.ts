// People's mutations: create and update a person (agency admin of their agency, or system admin);
// a certificate's status and annual review are certificate-mutations.ts. Each is one unit of work
// with its event.
import { z } from 'zod';
import type { ZhifaBuilder, ZhifaSchemaTypes } from '../builder.js';
import type { Context } from '../context.js';
import type { Db } from '../db.js';
import { CertificateStatus, type PersonRole } from '../generated/prisma/enums.js';
import { personRecordProblems, type CertificateFields, type PersonRecordProblem } from '../rules/certificate.js';
import { domainErrors, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { isSystemAdmin } from '../auth/viewer.js';
import { parseId, tryParseId, type GlobalId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { msg, requiredText } from '../validation.js';
import { textKind } from '../input/text.js';
import type { PersonTypes } from './person-type.js';

const PERSON = { zh: '人员', en: 'Person' };

export function registerPersonMutations(builder: ZhifaBuilder, { PersonRoleEnum }: PersonTypes) {
  const CertificateInput = builder.inputType('CertificateInput', {
    description: '执法证 Enforcement certificate',
    fields: (t) => ({
      number: t.string({
        required: true,
        description: '执法证号 Certificate number',
        extensions: textKind('name'),
        validate: requiredText(50, '执法证号', 'certificate number'),
      }),
      issuedOn: t.field({ type: 'Date', required: true, description: '发证日期 Issued on' }),
      expiresOn: t.field({ type: 'Date', required: true, description: '有效期至 Valid through' }),
    }),
  });

  // The name and roles both person inputs take.
  const nameAndRoles = (t: PothosSchemaTypes.InputFieldBuilder<ZhifaSchemaTypes, 'InputObject'>) => ({
    name: t.string({
      required: true,
      description: '姓名 Name',
      extensions: textKind('name'),
      validate: requiredText(50, '姓名', 'name'),
    }),
    roles: t.field({
      type: [PersonRoleEnum],
      required: true,
      description: '角色 Roles',
      validate: z.array(z.string()).min(1, msg('至少一个角色', 'at least one role')),
    }),
  });

  const CreatePersonInput = builder.inputType('CreatePersonInput', {
    description: '新建人员 A new person',
    fields: (t) => ({
      agencyId: t.globalID({ required: true, description: '所在单位 Agency' }),
      ...nameAndRoles(t),
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
      ...nameAndRoles(t),
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
  }));
}

/** The agency of a person, for authorisation; null when there is no such person. */
export async function agencyOfPerson(ctx: Context, gid: GlobalId): Promise<number | null> {
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
    certificateStatus: same ? before.certificateStatus : CertificateStatus.VALID,
    certificateReviewYear: same ? before.certificateReviewYear : null,
  };
}
