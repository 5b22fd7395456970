import type { ZhifaBuilder } from '../builder.js';
import { CertificateStatus, PersonRole } from '../generated/prisma/enums.js';
import { canEnforce } from '../rules/certificate.js';

export function registerPerson(builder: ZhifaBuilder): void {
  const PersonRoleEnum = builder.enumType(PersonRole, { name: 'PersonRole', description: '人员角色 Person role' });
  const CertificateStatusEnum = builder.enumType(CertificateStatus, {
    name: 'CertificateStatus',
    description: '执法证状态 Certificate status',
  });

  builder.prismaNode('Person', {
    id: { field: 'id' },
    description: '人员 Person (token required)',
    authScopes: { authenticated: true },
    fields: (t) => ({
      name: t.exposeString('name', { description: '姓名 Name' }),
      roles: t.expose('roles', { type: [PersonRoleEnum], description: '角色 Roles' }),
      agency: t.relation('agency', { description: '所在单位 Agency' }),
      certificateNumber: t.exposeString('certificateNumber', { nullable: true, description: '执法证号 Certificate number' }),
      certificateStatus: t.expose('certificateStatus', { type: CertificateStatusEnum, nullable: true }),
      certificateIssuedOn: t.expose('certificateIssuedOn', { type: 'Date', nullable: true }),
      certificateExpiresOn: t.expose('certificateExpiresOn', { type: 'Date', nullable: true }),
      certificateReviewYear: t.exposeInt('certificateReviewYear', { nullable: true, description: '最近年度审验年份 Last annual review year' }),
      canEnforce: t.boolean({
        description: '可独立承办执法（证件有效、未过期、本年度已审验）May be assigned to enforcement actions',
        resolve: (p) => canEnforce(p, new Date()),
      }),
    }),
  });
}
