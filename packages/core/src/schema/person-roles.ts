// Role changes: who may grant or remove which role (rules/roles.ts), asked by every path that writes
// roles (createPerson, updatePerson, changePersonRoles), and the `person.rolesChanged` event each
// change writes with its reason. changePersonRoles is the justice bureau's way in: it designates
// heads, legal reviewers and supervisors of agencies it does not administer.
import { z } from 'zod';
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import type { UnitOfWork } from '../work/unit-of-work.js';
import type { Person } from '../generated/prisma/client.js';
import type { PersonRole } from '../generated/prisma/enums.js';
import { isAgencyAdminOf, isJusticeBureau, isSystemAdmin, type Viewer } from '../auth/viewer.js';
import { roleChangeRefusal, roleDiff, type RoleGranter } from '../rules/roles.js';
import { personRecordProblems } from '../rules/certificate.js';
import { domainErrors, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { unitOfWork } from '../work/unit-of-work.js';
import { parseId } from '../ids.js';
import { CORE_TOPICS } from '../topics.js';
import { msg, reasonText } from '../validation.js';
import { textKind } from '../input/text.js';
import type { PersonTypes } from './person-type.js';
import { agencyOfPerson, throwProblems } from './person-records.js';

const PERSON = { zh: '人员', en: 'Person' };

/** The reason a role change carries into the event log. */
export const roleReason = reasonText();

/** The standing a viewer has for role changes on a person of `agencyId` (rules/roles.ts). */
export function roleStanding(v: Viewer, agencyId: number): RoleGranter[] {
  const out: RoleGranter[] = [];
  if (isSystemAdmin(v)) out.push('SYSTEM_ADMIN');
  if (isJusticeBureau(v)) out.push('JUSTICE_BUREAU');
  if (v.kind === 'person' && v.agencyId === agencyId && isAgencyAdminOf(v, agencyId)) out.push('AGENCY_ADMIN');
  return out;
}

/**
 * Refuse (ForbiddenError, naming who may) a change of roles from `before` to `after` on a person of
 * `agencyId` (`personId` null for one not yet created) unless the viewer may make it.
 */
export function assertMayChangeRoles(
  ctx: Pick<Context, 'viewer'>,
  target: { id: number | null; agencyId: number },
  before: readonly PersonRole[],
  after: readonly PersonRole[],
): void {
  const v = ctx.viewer;
  const self = target.id !== null && v.kind === 'person' && v.personId === target.id;
  const refusal = roleChangeRefusal(roleStanding(v, target.agencyId), self, before, after);
  if (refusal) throw new ForbiddenError(refusal);
}

/**
 * Only a system admin edits a system admin's record at all (name and certificate too, not only the
 * roles): an agency admin who could would act on a system admin by proxy.
 */
export function assertMayEdit(ctx: Pick<Context, 'viewer'>, before: Pick<Person, 'roles'>): void {
  if (before.roles.includes('SYSTEM_ADMIN') && !isSystemAdmin(ctx.viewer))
    throw new ForbiddenError({
      zh: '只有系统管理员可以修改系统管理员',
      en: 'only a system admin may edit a system admin',
    });
}

/**
 * The `person.rolesChanged` event for a change already written (nothing when the roles are the same).
 * A change without a reason is refused: who and why go into the event log together.
 */
export async function emitRolesChanged(
  uow: UnitOfWork,
  person: Pick<Person, 'id' | 'name' | 'agencyId'>,
  before: readonly PersonRole[],
  after: PersonRole[],
  reason: string | null | undefined,
  reasonPath: string[],
): Promise<void> {
  const { granted, removed } = roleDiff(before, after);
  if (granted.length === 0 && removed.length === 0) return;
  if (!reason?.trim())
    throw ValidationError.one(reasonPath, {
      zh: '变更角色须写明理由（记入事件日志）',
      en: 'a change of roles needs a reason (kept in the event log)',
    });
  await uow.emit(
    CORE_TOPICS.personRolesChanged,
    { personId: person.id, name: person.name, from: [...before], to: after, granted, removed, reason: reason.trim() },
    { agencyId: person.agencyId },
  );
}

export function registerPersonRoles(builder: ZhifaBuilder, { PersonRoleEnum }: PersonTypes) {
  builder.mutationFields((t) => ({
    changePersonRoles: t.prismaField({
      type: 'Person',
      description:
        '变更人员角色，须写明理由（负责人、法制审核人员、监督人员由县司法局或系统管理员授予；其余由本单位管理员；任何人不得变更自己的角色）Change a person’s roles, with a reason: heads, legal reviewers and supervisors by the justice bureau or a system admin, other roles by the agency admin; nobody changes their own',
      authScopes: async (_r, args, ctx) => ({
        $any: { supervisor: true, agencyAdminOf: (await agencyOfPerson(ctx, args.personId)) ?? -1 },
      }),
      errors: { types: domainErrors },
      args: {
        personId: t.arg.globalID({ required: true }),
        roles: t.arg({
          type: [PersonRoleEnum],
          required: true,
          description: '新的全部角色 The roles the person holds afterwards',
          validate: z.array(z.string()).min(1, msg('至少一个角色', 'at least one role')),
        }),
        reason: t.arg.string({
          required: true,
          description: '理由（记入事件日志）Reason, kept in the event log',
          extensions: textKind('multiline'),
          validate: roleReason,
        }),
      },
      resolve: (query, _r, { personId, roles: asked, reason }, ctx) =>
        unitOfWork(ctx, async (uow) => {
          const { tx } = uow;
          const before = await tx.person.findUnique({ where: { id: parseId(personId, 'Person', ['personId']) } });
          if (!before) throw new NotFoundError('Person', personId.id, PERSON);
          const roles = [...new Set(asked)];
          assertMayChangeRoles(ctx, before, before.roles, roles);
          const { granted, removed } = roleDiff(before.roles, roles);
          if (granted.length === 0 && removed.length === 0)
            throw ValidationError.one(['roles'], { zh: '角色没有变化', en: 'the roles are unchanged' });
          throwProblems(
            personRecordProblems(
              roles,
              before.certificateNumber
                ? {
                    number: before.certificateNumber,
                    issuedOn: before.certificateIssuedOn!,
                    expiresOn: before.certificateExpiresOn!,
                  }
                : null,
            ),
            [],
          );
          const person = await tx.person.update({ ...query, where: { id: before.id }, data: { roles } });
          await emitRolesChanged(uow, person, before.roles, roles, reason, ['reason']);
          return person;
        }),
    }),
  }));
}
