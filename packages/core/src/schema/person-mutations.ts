// People's mutations: create and update a person (agency admin of their agency, or system admin);
// a certificate's status, annual review and issuance are certificate-mutations.ts, role changes by
// the justice bureau person-roles.ts. Each is one unit of work with its events.
import { z } from 'zod';
import type { ZhifaBuilder, ZhifaSchemaTypes } from '../builder.js';
import { CertificateStatus } from '../generated/prisma/enums.js';
import { certificateEditRefusal, personRecordProblems, type CertificateFields } from '../rules/certificate.js';
import { domainErrors, NotFoundError, RuleViolation } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { actorOf } from '../auth/viewer.js';
import { parseId, tryParseId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { msg, requiredText } from '../validation.js';
import { textKind } from '../input/text.js';
import type { PersonTypes } from './person-type.js';
import {
  agencyOfPerson,
  assertNumberFree,
  guardUnique,
  heldACertificate,
  retireNumber,
  throwProblems,
} from './person-records.js';
import { assertMayChangeRoles, assertMayEdit, emitRolesChanged, roleReason } from './person-roles.js';

const NUMBER_PATH = ['input', 'certificate', 'number'];

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
          '执法证：原样保留，或为空则清除（证号停用）；从未持证的人员可登记首张证。换发新证或改证号、日期由县司法局办理（issueCertificate）Certificate: kept as it is, or null removes it (its number is retired); a person who never held one may register their first. A new card, number or dates is an issuance by the justice bureau (issueCertificate)',
      }),
      reason: t.string({
        required: false,
        description:
          '变更角色的理由（变更角色时必填，记入事件日志）Reason for a change of roles: required when the roles change, kept in the event log',
        extensions: textKind('multiline'),
        validate: roleReason.optional(),
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
            // The roles a new person starts with are granted by its creator: the same table decides.
            assertMayChangeRoles(ctx, { id: null, agencyId }, [], roles);
            const cert = certificateInput(input.certificate);
            throwProblems(personRecordProblems(roles, cert));
            if (cert) await assertNumberFree(tx, cert.number, null, NUMBER_PATH);
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
            assertMayEdit(ctx, before);
            assertMayChangeRoles(ctx, before, before.roles, roles);
            const cert = certificateInput(input.certificate);
            throwProblems(personRecordProblems(roles, cert));
            const edit = certificateEditRefusal(
              before,
              cert,
              !before.certificateNumber && cert !== null && (await heldACertificate(tx, before.id)),
            );
            if (edit) throw new RuleViolation(edit.rule, edit);
            if (cert) await assertNumberFree(tx, cert.number, before.id, NUMBER_PATH);
            // A removed card's number never comes back (rules/certificate.ts).
            if (!cert && before.certificateNumber)
              await retireNumber(
                tx,
                before.certificateNumber,
                before.id,
                before.certificateStatus,
                actorOf(uow.viewer),
              );
            const person = await tx.person.update({
              ...query,
              where: { id: before.id },
              data: { name: input.name.trim(), roles, ...certificateColumns(cert, before) },
            });
            await emitRolesChanged(uow, person, before.roles, roles, input.reason, ['input', 'reason']);
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
  return { CertificateInput };
}

/** The certificate input's type, for issueCertificate (certificate-mutations.ts). */
export type CertificateInputRef = ReturnType<typeof registerPersonMutations>['CertificateInput'];

function certificateInput(c: CertificateFields | null | undefined): CertificateFields | null {
  return c ? { ...c, number: c.number.trim() } : null;
}

/**
 * Certificate columns for a write. The same number keeps its status and review; a first certificate
 * is a new card: valid and not yet reviewed. No certificate clears them all.
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
