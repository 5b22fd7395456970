// The Person type (人员): why a person may not enforce, the record fields only staff
// read, and `Agency.people`. Who sees which person is personRule (auth/rows.ts), which the
// framework applies on every path.
import type { ZhifaBuilder } from '../builder.js';
import type { Context } from '../context.js';
import { canEnforce, enforceBlocker, ENFORCE_BLOCKER_MESSAGES, type EnforceBlocker } from '../rules/certificate.js';
import { nodeRowId } from '../ids.js';
import { canReadPersonRecord, personRule } from '../auth/rows.js';
import { CASE_SETTINGS } from '../case-settings.js';
import type { CoreEnums } from './enums.js';

/** Person (its enums are schema/enums.ts) and `Agency.people`; the refs its query and mutations use. */
export function registerPersonType(builder: ZhifaBuilder, enums: CoreEnums) {
  const { PersonRole: PersonRoleEnum, CertificateStatus: CertificateStatusEnum, EnforceBlockerCode } = enums;
  const EnforceBlockerRef = builder.objectRef<EnforceBlocker>('EnforceBlocker').implement({
    description: '不能承办执法的原因 Why a person may not be assigned to enforcement actions',
    fields: (t) => ({
      code: t.field({ type: EnforceBlockerCode, description: '原因代码 Reason code', resolve: (b) => b }),
      message: t.string({ description: '中文说明 Message in Chinese', resolve: (b) => ENFORCE_BLOCKER_MESSAGES[b].zh }),
      messageEn: t.string({ description: 'English message', resolve: (b) => ENFORCE_BLOCKER_MESSAGES[b].en }),
    }),
  });

  // Fields of the whole record: staff only (rows.ts, canReadPersonRecord). Nullable, so that an
  // enterprise user who asks for them gets a FORBIDDEN error at the field, not a lost officer list.

  const record = { nullable: true, authScopes: recordScope } as const;

  const PersonRef = builder.prismaNode('Person', {
    id: { field: 'id' },
    description:
      '人员（工作人员可见全部；企业用户仅可见本企业案件承办人员的姓名和执法证号）Person: staff see everyone; an enterprise user sees only the name and certificate number of the officers on its own cases',
    // One row rule (rows.ts, personRule), applied by the framework on every path: node(id) loads
    // only visible rows, and so does every list of people.
    rowRule: personRule,
    nullable: true,
    findUnique: (id) => ({ id: nodeRowId(id) }),
    fields: (t) => ({
      name: t.exposeString('name', { description: '姓名 Name' }),
      roles: t.expose('roles', {
        ...record,
        type: [PersonRoleEnum],
        description: '角色（限工作人员）Roles (staff only)',
      }),
      agency: t.relation('agency', { ...record, description: '所在单位（限工作人员）Agency (staff only)' }),
      certificateNumber: t.exposeString('certificateNumber', {
        nullable: true,
        description: '执法证号 Certificate number',
      }),
      certificateStatus: t.expose('certificateStatus', {
        ...record,
        type: CertificateStatusEnum,
        description: '执法证状态（限工作人员）Certificate status (staff only)',
      }),
      certificateIssuedOn: t.expose('certificateIssuedOn', {
        ...record,
        type: 'Date',
        description: '发证日期（限工作人员）Issued on (staff only)',
      }),
      certificateExpiresOn: t.expose('certificateExpiresOn', {
        ...record,
        type: 'Date',
        description: '有效期至（当日有效；限工作人员）Valid through this date (staff only)',
      }),
      certificateReviewYear: t.exposeInt('certificateReviewYear', {
        ...record,
        description: '最近年度审验年份（限工作人员）Last annual review year (staff only)',
      }),
      canEnforce: t.boolean({
        ...record,
        description:
          '可独立承办执法（证件有效、未过期、本年度已审验或上年度审验仍在宽限期内；限工作人员）May be assigned to enforcement actions: valid, unexpired, reviewed this year or last year within the grace period (staff only)',
        resolve: (p, _args, ctx) => canEnforce(p, ctx.clock(), ctx.settings.get(CASE_SETTINGS).reviewGraceUntil),
      }),
      enforceBlocker: t.field({
        ...record,
        type: EnforceBlockerRef,
        description:
          '不能承办执法的原因，可以时为空（限工作人员）Why not, or null when the person may enforce (staff only)',
        resolve: (p, _args, ctx) => enforceBlocker(p, ctx.clock(), ctx.settings.get(CASE_SETTINGS).reviewGraceUntil),
      }),
    }),
  });

  // Listing people is for agency staff only. Supervisors need every agency; other staff may list
  // any agency too, on purpose: names and certificate details are what officers show on duty
  // (亮证执法) and what the county publishes (执法人员公示), so a per-agency wall would protect nothing.
  builder.prismaObjectField('Agency', 'people', (t) =>
    t.relatedConnection('people', {
      cursor: 'id',
      totalCount: true,
      nullable: true,
      authScopes: { staff: true },
      description: '本单位人员（限工作人员）People of this agency (staff only)',
      query: { orderBy: { id: 'asc' as const } },
    }),
  );
  return { PersonRef, PersonRoleEnum, CertificateStatusEnum };
}

export type PersonTypes = ReturnType<typeof registerPersonType>;

function recordScope(_parent: unknown, _args: unknown, ctx: Context): boolean {
  return canReadPersonRecord(ctx.viewer);
}
