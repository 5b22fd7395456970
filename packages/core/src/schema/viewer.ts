import type { ZhifaBuilder } from '../builder.js';
import type { Viewer } from '../auth/viewer.js';
import { isSupervisor, isSystemAdmin } from '../auth/viewer.js';

export function registerViewer(builder: ZhifaBuilder) {
  const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
    description: '当前调用者 Who is calling',
    fields: (t) => ({
      kind: t.string({
        description: '身份类别 public | person | enterprise | surveyOrg',
        resolve: (v) => v.kind,
      }),
      name: t.string({ nullable: true, resolve: (v) => ('name' in v ? v.name : null) }),
      roles: t.stringList({
        description: '人员角色 Person roles',
        resolve: (v) => (v.kind === 'person' ? v.roles : []),
      }),
      isSupervisor: t.boolean({ resolve: (v) => isSupervisor(v) }),
      isSystemAdmin: t.boolean({ resolve: (v) => isSystemAdmin(v) }),
      person: t.prismaField({
        type: 'Person',
        nullable: true,
        resolve: (query, v, _args, ctx) =>
          v.kind === 'person' ? ctx.prisma.person.findUnique({ ...query, where: { id: v.personId } }) : null,
      }),
      agency: t.prismaField({
        type: 'Agency',
        nullable: true,
        resolve: (query, v, _args, ctx) =>
          v.kind === 'person' || v.kind === 'surveyOrg'
            ? ctx.prisma.agency.findUnique({ ...query, where: { id: v.agencyId } })
            : null,
      }),
      enterprise: t.prismaField({
        type: 'Enterprise',
        nullable: true,
        resolve: (query, v, _args, ctx) =>
          v.kind === 'enterprise'
            ? ctx.prisma.enterprise.findUnique({ ...query, where: { id: v.enterpriseId } })
            : null,
      }),
    }),
  });
  builder.queryField('viewer', (t) =>
    t.field({ type: ViewerRef, description: '当前调用者 Who the caller is', resolve: (_r, _a, ctx) => ctx.viewer }),
  );
  return ViewerRef;
}
