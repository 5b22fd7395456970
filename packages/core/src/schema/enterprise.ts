import type { ZhifaBuilder } from '../builder.js';
import { CreditRiskClass, EnterpriseKind, EnterpriseScale } from '../generated/prisma/enums.js';
import { canReadEnterprise } from '../auth/rows.js';

export function registerEnterprise(builder: ZhifaBuilder): void {
  const EnterpriseKindEnum = builder.enumType(EnterpriseKind, { name: 'EnterpriseKind', description: '经营主体类别 Enterprise kind' });
  const EnterpriseScaleEnum = builder.enumType(EnterpriseScale, { name: 'EnterpriseScale', description: '企业规模 Scale' });
  const CreditRiskClassEnum = builder.enumType(CreditRiskClass, {
    name: 'CreditRiskClass',
    description: '企业信用风险分类 Credit risk class: A 低 · B 一般 · C 较高 · D 高',
  });

  builder.prismaNode('Enterprise', {
    id: { field: 'id' },
    description: '经营主体 Enterprise (token required; an enterprise user sees only their own)',
    authScopes: (e, ctx) => canReadEnterprise(ctx.viewer, e),
    fields: (t) => ({
      uscc: t.exposeString('uscc', { description: '统一社会信用代码 USCC' }),
      name: t.exposeString('name', { description: '名称 Name' }),
      kind: t.expose('kind', { type: EnterpriseKindEnum }),
      legalRepresentative: t.exposeString('legalRepresentative', { description: '法定代表人/经营者 Legal representative' }),
      address: t.exposeString('address', { description: '住所 Address' }),
      township: t.relation('township', { nullable: true, description: '所在镇区/街道 Township' }),
      industry: t.exposeString('industry', { description: '行业 Industry' }),
      scale: t.expose('scale', { type: EnterpriseScaleEnum }),
      employees: t.exposeInt('employees', { description: '从业人数 Employees' }),
      isKeyEnterprise: t.exposeBoolean('isKeyEnterprise', { description: '重点/龙头企业 Key enterprise' }),
      creditRiskClass: t.expose('creditRiskClass', { type: CreditRiskClassEnum }),
      usccOverrideReason: t.exposeString('usccOverrideReason', {
        nullable: true,
        description: '代码未通过校验时的人工确认理由（早期试点代码）Recorded reason a failing USCC was accepted',
      }),
      usccOverrideBy: t.exposeString('usccOverrideBy', { nullable: true }),
      usccOverrideAt: t.expose('usccOverrideAt', { type: 'DateTime', nullable: true }),
    }),
  });
}
