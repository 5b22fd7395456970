// Who may grant or remove each role (separation of powers). Pure: the caller's standing is passed in.
//
// The powers the law splits must not meet in one hand by a grant the hand makes itself. 行政处罚法
// 第57条 gives the decision to the agency head (行政机关负责人), 第58条 the legal review to reviewers who
// did not investigate, 行政强制法 第18条 the approval of a measure to the head; the county plan (tasks 8
// and 12: 行政执法协调监督, 特邀行政执法监督员) puts supervision with the county justice bureau (县司法局).
// If an agency's own admin could make anyone — itself included — head, reviewer or supervisor, it could
// investigate, review, approve and decide its own case. So those roles are designated from outside the
// agency: by the justice bureau (a SUPERVISOR of a JUSTICE_BUREAU agency; a 司法所 supervises but
// designates no one) or by a system admin.
//
// | role                                  | agency admin (own agency) | justice bureau supervisor | system admin |
// |---------------------------------------|---------------------------|---------------------------|--------------|
// | OFFICER, AUXILIARY, AGENCY_ADMIN      | grant / remove            | —                         | grant / remove |
// | AGENCY_HEAD, LEGAL_REVIEWER           | —                         | grant / remove            | grant / remove |
// | SUPERVISOR, SPECIAL_SUPERVISOR        | —                         | grant / remove            | grant / remove |
// | SYSTEM_ADMIN                          | —                         | —                         | grant / remove |
//
// And for every role and every caller, a system admin included: nobody changes their own roles
// (ROLE_SELF_CHANGE) — a grant to oneself is the one a second pair of eyes exists to stop.
// A removal needs the same standing as a grant: taking a head's role away is as much the bureau's
// decision as giving it. Every change is a `person.rolesChanged` event with the actor and a reason.
import type { PersonRole } from '../generated/prisma/enums.js';

/** The standing a caller has for role changes on one person. */
export type RoleGranter = 'AGENCY_ADMIN' | 'JUSTICE_BUREAU' | 'SYSTEM_ADMIN';

export const ROLE_GRANTERS: Readonly<Record<PersonRole, readonly RoleGranter[]>> = {
  OFFICER: ['AGENCY_ADMIN', 'SYSTEM_ADMIN'],
  AUXILIARY: ['AGENCY_ADMIN', 'SYSTEM_ADMIN'],
  AGENCY_ADMIN: ['AGENCY_ADMIN', 'SYSTEM_ADMIN'],
  AGENCY_HEAD: ['JUSTICE_BUREAU', 'SYSTEM_ADMIN'],
  LEGAL_REVIEWER: ['JUSTICE_BUREAU', 'SYSTEM_ADMIN'],
  SUPERVISOR: ['JUSTICE_BUREAU', 'SYSTEM_ADMIN'],
  SPECIAL_SUPERVISOR: ['JUSTICE_BUREAU', 'SYSTEM_ADMIN'],
  SYSTEM_ADMIN: ['SYSTEM_ADMIN'],
};

const ROLE_NAMES: Readonly<Record<PersonRole, { zh: string; en: string }>> = {
  OFFICER: { zh: '执法人员', en: 'OFFICER' },
  AUXILIARY: { zh: '辅助人员', en: 'AUXILIARY' },
  AGENCY_ADMIN: { zh: '单位管理员', en: 'AGENCY_ADMIN' },
  AGENCY_HEAD: { zh: '行政机关负责人', en: 'AGENCY_HEAD' },
  LEGAL_REVIEWER: { zh: '法制审核人员', en: 'LEGAL_REVIEWER' },
  SUPERVISOR: { zh: '监督人员', en: 'SUPERVISOR' },
  SPECIAL_SUPERVISOR: { zh: '特邀行政执法监督员', en: 'SPECIAL_SUPERVISOR' },
  SYSTEM_ADMIN: { zh: '系统管理员', en: 'SYSTEM_ADMIN' },
};

const GRANTER_NAMES: Readonly<Record<RoleGranter, { zh: string; en: string }>> = {
  AGENCY_ADMIN: { zh: '本单位管理员', en: "the person's agency admin" },
  JUSTICE_BUREAU: { zh: '县司法局监督人员', en: 'the county justice bureau (a supervisor)' },
  SYSTEM_ADMIN: { zh: '系统管理员', en: 'a system admin' },
};

export interface RoleChangeRefusal {
  rule: 'ROLE_SELF_CHANGE' | 'ROLE_NOT_GRANTABLE';
  zh: string;
  en: string;
}

/** The roles a change adds and removes. */
export function roleDiff(before: readonly PersonRole[], after: readonly PersonRole[]) {
  return {
    granted: after.filter((r) => !before.includes(r)),
    removed: before.filter((r) => !after.includes(r)),
  };
}

/**
 * Whether a caller with `standing` (empty: none) may change `before` into `after` on a person; `self`
 * when the person is the caller. Null when allowed (also when nothing changes).
 */
export function roleChangeRefusal(
  standing: readonly RoleGranter[],
  self: boolean,
  before: readonly PersonRole[],
  after: readonly PersonRole[],
): RoleChangeRefusal | null {
  const { granted, removed } = roleDiff(before, after);
  const changed = [...granted, ...removed];
  if (changed.length === 0) return null;
  if (self)
    return {
      rule: 'ROLE_SELF_CHANGE',
      zh: '任何人不得变更自己的角色（职权分离：行政处罚法第57条、第58条，行政强制法第18条）',
      en: 'nobody changes their own roles (separation of powers: Administrative Penalty Law arts. 57, 58; Administrative Coercion Law art. 18)',
    };
  const denied = changed.filter((r) => !ROLE_GRANTERS[r].some((g) => standing.includes(g)));
  if (denied.length === 0) return null;
  const first = denied[0];
  const who = ROLE_GRANTERS[first].map((g) => GRANTER_NAMES[g]);
  return {
    rule: 'ROLE_NOT_GRANTABLE',
    zh: `“${denied.map((r) => ROLE_NAMES[r].zh).join('、')}”只能由${who.map((w) => w.zh).join('或')}授予或撤销（职权分离：行政处罚法第57条、第58条，行政强制法第18条，县方案任务8）`,
    en: `${denied.map((r) => ROLE_NAMES[r].en).join(', ')} may be granted or removed only by ${who.map((w) => w.en).join(' or ')} (separation of powers: Administrative Penalty Law arts. 57, 58; Administrative Coercion Law art. 18; county plan task 8)`,
  };
}
