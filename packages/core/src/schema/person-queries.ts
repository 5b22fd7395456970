// The `people` query: staff list people of any agency, filtered by agency, role and certificate
// status (personRule, applied by the framework, decides the rows).
import type { ZhifaBuilder } from '../builder.js';
import type { Prisma } from '../db.js';
import type { CertificateStatus, PersonRole } from '../generated/prisma/enums.js';
import { parseId, type GlobalId } from '../ids.js';
import type { PersonTypes } from './person-type.js';

export function registerPersonQueries(builder: ZhifaBuilder, { PersonRoleEnum, CertificateStatusEnum }: PersonTypes) {
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
