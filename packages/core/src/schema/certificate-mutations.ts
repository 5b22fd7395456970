// Certificate mutations: change an enforcement certificate's status (暂扣、收回、注销、恢复, with a
// reason) and record its annual review (年度审验); agency admin of the person's agency, supervisor
// or system admin. Each is one unit of work with its event.
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import { certificateChangeRefusal, reviewRefusal, type CertificateRefusal } from '../rules/certificate.js';
import { domainErrors, NotFoundError, RuleViolation, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { parseId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { CASE_SETTINGS } from '../case-settings.js';
import { msg } from '../validation.js';
import { textKind } from '../input/text.js';
import type { PersonTypes } from './person-type.js';
import { agencyOfPerson } from './person-mutations.js';

const PERSON = { zh: '人员', en: 'Person' };

export function registerCertificateMutations(builder: ZhifaBuilder, { CertificateStatusEnum }: PersonTypes) {
  builder.mutationFields((t) => ({
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
}

function throwRefusal(r: CertificateRefusal | null, field: string): void {
  if (!r) return;
  if (r.kind === 'RULE') throw new RuleViolation(r.rule, r);
  throw ValidationError.one([field], r);
}
