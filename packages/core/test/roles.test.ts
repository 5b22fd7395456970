// Who may grant or remove each role (rules/roles.ts). The API-level tests are test/core/separation-of-powers.test.ts.
import { describe, expect, it } from 'vitest';
import { ROLE_GRANTERS, roleChangeRefusal } from '../src/rules/roles.js';

describe('roleChangeRefusal', () => {
  it('allows nothing changed, whoever asks', () => {
    expect(roleChangeRefusal([], false, ['OFFICER'], ['OFFICER'])).toBeNull();
    expect(roleChangeRefusal([], true, ['AGENCY_HEAD'], ['AGENCY_HEAD'])).toBeNull();
  });

  it('refuses every change of one’s own roles, a system admin’s included', () => {
    for (const [before, after] of [
      [['AGENCY_ADMIN'], ['AGENCY_ADMIN', 'AGENCY_HEAD']],
      [['SYSTEM_ADMIN'], ['SYSTEM_ADMIN', 'OFFICER']],
      [['OFFICER', 'AGENCY_ADMIN'], ['AGENCY_ADMIN']],
    ] as const)
      expect(
        roleChangeRefusal(['SYSTEM_ADMIN', 'JUSTICE_BUREAU', 'AGENCY_ADMIN'], true, [...before], [...after]),
      ).toMatchObject({ rule: 'ROLE_SELF_CHANGE' });
  });

  it.each(['AGENCY_HEAD', 'LEGAL_REVIEWER', 'SUPERVISOR', 'SPECIAL_SUPERVISOR'] as const)(
    '%s: granted and removed by the justice bureau or a system admin, never by the agency admin',
    (role) => {
      expect(roleChangeRefusal(['AGENCY_ADMIN'], false, ['OFFICER'], ['OFFICER', role])).toMatchObject({
        rule: 'ROLE_NOT_GRANTABLE',
      });
      expect(roleChangeRefusal(['AGENCY_ADMIN'], false, ['OFFICER', role], ['OFFICER'])).toMatchObject({
        rule: 'ROLE_NOT_GRANTABLE',
      });
      expect(roleChangeRefusal(['JUSTICE_BUREAU'], false, ['OFFICER'], ['OFFICER', role])).toBeNull();
      expect(roleChangeRefusal(['SYSTEM_ADMIN'], false, ['OFFICER', role], ['OFFICER'])).toBeNull();
    },
  );

  it.each(['OFFICER', 'AUXILIARY', 'AGENCY_ADMIN'] as const)(
    '%s: the agency admin or a system admin, not the justice bureau',
    (role) => {
      expect(roleChangeRefusal(['AGENCY_ADMIN'], false, ['SUPERVISOR'], ['SUPERVISOR', role])).toBeNull();
      expect(roleChangeRefusal(['SYSTEM_ADMIN'], false, [role], ['SUPERVISOR'])).toBeNull();
      expect(roleChangeRefusal(['JUSTICE_BUREAU'], false, ['SUPERVISOR'], ['SUPERVISOR', role])).toMatchObject({
        rule: 'ROLE_NOT_GRANTABLE',
      });
    },
  );

  it('SYSTEM_ADMIN only by a system admin', () => {
    expect(roleChangeRefusal(['SYSTEM_ADMIN'], false, ['OFFICER'], ['SYSTEM_ADMIN'])).toBeNull();
    for (const standing of [['AGENCY_ADMIN'], ['JUSTICE_BUREAU'], ['AGENCY_ADMIN', 'JUSTICE_BUREAU']] as const)
      expect(roleChangeRefusal([...standing], false, ['SYSTEM_ADMIN'], ['OFFICER'])).toMatchObject({
        rule: 'ROLE_NOT_GRANTABLE',
      });
  });

  it('names the role refused and who may, in both languages', () => {
    const r = roleChangeRefusal(['AGENCY_ADMIN'], false, ['AGENCY_ADMIN'], ['AGENCY_ADMIN', 'AGENCY_HEAD', 'OFFICER'])!;
    expect(r.zh).toContain('行政机关负责人');
    expect(r.zh).toContain('县司法局');
    expect(r.en).toContain('AGENCY_HEAD');
    expect(r.en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('has a granter for every role', () => {
    for (const granters of Object.values(ROLE_GRANTERS)) expect(granters.length).toBeGreaterThan(0);
  });
});
