// Demo invitations (邀约式执法服务), minimal, written through the plugin's own services as the enterprise's user and
// the county market regulator's officers: one visited, closed and rated, and a case opened a month after the visit
// citing it; one scheduled; one awaiting an answer; one declined with its reason. On the first published 市场监管
// matters the regulator enforces and the first two demo enterprises; skipped when any of them, or two officers who
// may enforce, are absent.
import { CASE_SETTINGS, type SeedContext, type UnitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import { checkOfficers } from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import {
  closeInvitationInTx,
  declineInvitationInTx,
  rateInvitationInTx,
  recordInvitationVisitInTx,
  requestInvitationInTx,
  scheduleInvitationInTx,
} from './invitations.js';
import { openCaseAfterInvitationInTx } from './invitation-binding.js';

const AGENCY = '阜宁县市场监督管理局';

export async function seedInvitations(ctx: SeedContext): Promise<void> {
  const p = ctx.prisma;
  const agency = await p.agency.findUnique({ where: { name: AGENCY } });
  const enterprises = await p.enterprise.findMany({ orderBy: { id: 'asc' }, take: 2 });
  const matters = agency
    ? (await p.enforcementMatter.findMany({ where: { published: true, domain: '市场监管' }, orderBy: { code: 'asc' } }))
        .filter((m) => agencyMayEnforce(agency, m))
        .slice(0, 2)
    : [];
  const people = agency
    ? await p.person.findMany({ where: { agencyId: agency.id, roles: { has: 'OFFICER' } }, orderBy: { id: 'asc' } })
    : [];
  const grace = ctx.settings.get(CASE_SETTINGS).reviewGraceUntil;
  const eligible = agency
    ? checkOfficers(
        people.map((x) => x.id),
        people,
        agency.id,
        ctx.now,
        grace,
      ).eligible.slice(0, 2)
    : [];
  if (!agency || enterprises.length < 2 || !matters.length || eligible.length < 2)
    return ctx.log('邀约式执法服务：缺少单位、企业、事项或执法人员，跳过 / invitations: prerequisites absent, skipped');
  const officer = people.find((x) => x.id === eligible[0])!;
  const staff: Viewer = {
    kind: 'person',
    personId: officer.id,
    name: officer.name,
    agencyId: agency.id,
    agencyKind: agency.kind,
    roles: officer.roles,
  };
  const as = (e: (typeof enterprises)[number]): Viewer => ({ kind: 'enterprise', enterpriseId: e.id, name: e.name });
  const today = shanghaiToday(ctx.now);
  const request = (e: (typeof enterprises)[number], topics: string, from: number) =>
    ctx.work(as(e), (uow) =>
      requestInvitationInTx(uow, {
        enterpriseId: e.id,
        agencyId: agency.id,
        topics,
        matterIds: matters.map((m) => m.id),
        preferredFrom: addDays(today, from),
        preferredTo: addDays(today, from + 7),
        contactName: e.legalRepresentative,
        contactPhone: null,
      }),
    );
  const byStaff = <T>(fn: (uow: UnitOfWork) => Promise<T>) => ctx.work(staff, fn);
  const [a, b] = enterprises;

  const visited = await request(a, '食品经营许可、进货查验和标签标识合规体检', 0);
  await byStaff((uow) => scheduleInvitationInTx(uow, visited.id, { scheduledFor: ctx.now, officerIds: eligible }));
  await byStaff((uow) =>
    recordInvitationVisitInTx(uow, visited.id, {
      visitedAt: ctx.now,
      findings: '进货查验记录不完整，部分预包装食品标签未标注生产日期',
      advice: '建立进货查验台账并留存供货者资质；下架标签不合格的预包装食品并联系供货者更换',
    }),
  );
  await byStaff((uow) => closeInvitationInTx(uow, visited.id));
  await ctx.work(as(a), (uow) => rateInvitationInTx(uow, visited.id, 5, '指导细致，问题讲得清楚'));
  // The services write at the seed's instant; the visit is placed a month back, so that the re-check that found the
  // problem still there — and the case citing the visit — comes after it.
  const back = (d: Date | null) => (d ? addDays(d, -30) : null);
  const v = await p.invitation.findUniqueOrThrow({ where: { id: visited.id } });
  await p.invitation.update({
    where: { id: v.id },
    data: {
      preferredFrom: addDays(v.preferredFrom, -30),
      preferredTo: addDays(v.preferredTo, -30),
      requestedAt: addDays(v.requestedAt, -31),
      respondedAt: back(v.respondedAt),
      scheduledFor: back(v.scheduledFor),
      visitedAt: back(v.visitedAt),
      closedAt: back(v.closedAt),
      ratedAt: back(v.ratedAt),
    },
  });
  await byStaff((uow) =>
    openCaseAfterInvitationInTx(
      uow,
      visited.id,
      '上门服务一个月后回访复查，仍未建立进货查验记录，且继续销售标签不合格的预包装食品',
      {
        agencyId: agency.id,
        matterId: matters[0].id,
        enterpriseId: a.id,
        partyDescription: null,
        violationOn: addDays(today, -2),
        facts: '经回访复查，当事人仍未建立进货查验记录',
        procedure: 'GENERAL',
        serious: false,
      },
    ),
  );

  const scheduled = await request(b, '新开门店开业前合规体检', 2);
  await byStaff((uow) =>
    scheduleInvitationInTx(uow, scheduled.id, {
      scheduledFor: new Date(addDays(today, 3).getTime() + 1.5 * 3600_000),
      officerIds: eligible,
    }),
  );
  await request(a, '食品安全管理制度年度自查辅导', 5);
  const declined = await request(b, '广告宣传用语合规咨询', 1);
  await byStaff((uow) => declineInvitationInTx(uow, declined.id, '本周执法力量已排满，请改约下周'));
  ctx.log('邀约式执法服务 / invitations: 4 (closed and rated, scheduled, requested, declined), 1 case citing a visit');
}
