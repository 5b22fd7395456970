// Certificate mutations: change an enforcement certificate's status (暂扣、收回、注销、恢复, with a
// reason) and issue a new card — the county justice bureau's or a system admin's, never on one's own
// card (rules/certificate.ts has the table) — and record its annual review (年度审验; agency admin of
// the person's agency, supervisor or system admin). Each is one unit of work with its event.
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { Person } from '../generated/prisma/client.js';
import {
  certificateChangeRefusal,
  certificateIssuerRefusal,
  FINAL_CERTIFICATE_STATUSES,
  personRecordProblems,
  reviewRefusal,
  selfReviewRefusal,
  type CertificateFields,
  type CertificateRefusal,
} from '../rules/certificate.js';
import { domainErrors, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { actorOf, isJusticeBureau, isSystemAdmin } from '../auth/viewer.js';
import { parseId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { msg, reasonText } from '../validation.js';
import { textKind } from '../input/text.js';
import type { PersonTypes } from './person-type.js';
import type { CertificateInputRef } from './person-mutations.js';
import { agencyOfPerson, assertNumberFree, guardUnique, retireNumber, throwProblems } from './person-records.js';

const PERSON = { zh: '人员', en: 'Person' };

const isSelf = (ctx: Pick<Context, 'viewer'>, p: Pick<Person, 'id'>) =>
  ctx.viewer.kind === 'person' && ctx.viewer.personId === p.id;

/** Refuse unless the viewer is the card's issuer (the justice bureau, a system admin) and not its holder. */
function assertIssuer(ctx: Pick<Context, 'viewer'>, holder: Pick<Person, 'id'>): void {
  const refusal = certificateIssuerRefusal(
    isJusticeBureau(ctx.viewer) || isSystemAdmin(ctx.viewer),
    isSelf(ctx, holder),
  );
  if (refusal) throw new ForbiddenError(refusal);
}

export function registerCertificateMutations(
  builder: ZhifaBuilder,
  { CertificateStatusEnum }: PersonTypes,
  // The input createPerson and updatePerson take (person-mutations.ts).
  CertificateInput: CertificateInputRef,
) {
  builder.mutationFields((t) => ({
    changeCertificateStatus: t.prismaField({
      type: 'Person',
      description:
        '变更执法证状态（暂扣、收回、注销、恢复），须写明理由；由县司法局（监督人员）或系统管理员办理，不得变更自己的执法证；收回、注销后不再变更 Change certificate status, with a reason: the county justice bureau (a supervisor) or a system admin, never on one’s own card; withdrawn and cancelled are final',
      authScopes: { supervisor: true },
      errors: { types: domainErrors },
      args: {
        personId: t.arg.globalID({ required: true }),
        status: t.arg({ type: CertificateStatusEnum, required: true }),
        reason: t.arg.string({
          required: true,
          description: '理由（记入事件日志）Reason, kept in the event log',
          extensions: textKind('multiline'),
          validate: reasonText(),
        }),
      },
      resolve: (query, _r, { personId, status, reason }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const before = await tx.person.findUnique({ where: { id: parseId(personId, 'Person', ['personId']) } });
          if (!before) throw new NotFoundError('Person', personId.id, PERSON);
          assertIssuer(ctx, before);
          throwRefusal(
            certificateChangeRefusal(before.certificateStatus, status, before.certificateExpiresOn, new Date()),
            'status',
          );
          // Final: the number is retired now, so that no later card brings it back.
          if (FINAL_CERTIFICATE_STATUSES.includes(status) && before.certificateNumber)
            await retireNumber(tx, before.certificateNumber, before.id, status, actorOf(uow.viewer));
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
          const self = selfReviewRefusal(isSelf(ctx, before));
          if (self) throw new ForbiddenError(self);
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

    issueCertificate: t.prismaField({
      type: 'Person',
      description:
        '换发执法证：新证号、发证日期和有效期，须写明理由（县司法局或系统管理员；不得为自己换发）。原证号停用，新证有效、未审验 Issue a new certificate — new number and dates, with a reason (the justice bureau or a system admin; never one’s own). The previous number is retired; the new card is valid and not yet reviewed',
      authScopes: { supervisor: true },
      errors: { types: domainErrors },
      args: {
        personId: t.arg.globalID({ required: true }),
        certificate: t.arg({ type: CertificateInput, required: true }),
        reason: t.arg.string({
          required: true,
          description: '理由（记入事件日志）Reason, kept in the event log',
          extensions: textKind('multiline'),
          validate: reasonText(),
        }),
      },
      resolve: (query, _r, { personId, certificate, reason }, ctx) =>
        guardUnique(
          () =>
            unitOfWork(ctx, async (uow) => {
              const { tx } = uow;
              const before = await tx.person.findUnique({ where: { id: parseId(personId, 'Person', ['personId']) } });
              if (!before) throw new NotFoundError('Person', personId.id, PERSON);
              assertIssuer(ctx, before);
              const cert: CertificateFields = { ...certificate, number: certificate.number.trim() };
              throwProblems(personRecordProblems(before.roles, cert), []);
              if (cert.number === before.certificateNumber)
                throw ValidationError.one(['certificate', 'number'], {
                  zh: '新证须使用新的执法证号',
                  en: 'a new certificate has a new number',
                });
              await assertNumberFree(tx, cert.number, before.id, ['certificate', 'number']);
              const by = actorOf(uow.viewer);
              if (before.certificateNumber)
                await retireNumber(tx, before.certificateNumber, before.id, before.certificateStatus, by);
              const person = await tx.person.update({
                ...query,
                where: { id: before.id },
                data: {
                  certificateNumber: cert.number,
                  certificateIssuedOn: cert.issuedOn,
                  certificateExpiresOn: cert.expiresOn,
                  certificateStatus: 'VALID',
                  certificateReviewYear: null,
                },
              });
              await uow.emit(
                CORE_TOPICS.certificateChanged,
                {
                  personId: person.id,
                  change: 'issued' as const,
                  certificateNumber: cert.number,
                  previousNumber: before.certificateNumber,
                  previousStatus: before.certificateStatus,
                  issuedOn: cert.issuedOn.toISOString().slice(0, 10),
                  expiresOn: cert.expiresOn.toISOString().slice(0, 10),
                  reason: reason.trim(),
                },
                { agencyId: person.agencyId },
              );
              return person;
            }),
          ['certificate', 'number'],
        ),
    }),
  }));
}

function throwRefusal(r: CertificateRefusal | null, field: string): void {
  if (!r) return;
  if (r.kind === 'RULE') throw new RuleViolation(r.rule, r);
  throw ValidationError.one([field], r);
}
