// Demo filings and visits (线上报备, 扫码入企) over the past year, written through the plugin's own services as the
// agencies' officers and the enterprises' users, each unit of work run at the instant it describes (its `now`), so
// the services judge every write as on its day — the code read at the door, the window, the warning look-backs.
// It needs published items and approved schemes, which the catalogue part of the demo data writes: they are
// passed in (`schemes`: per agency, an approved scheme and its published items). Among them, visits that trip each
// warning rule: an unfiled visit (应报备未报备), two agencies at one enterprise 8 days apart (多头检查), the same
// agency and item again after 15 days (重复检查), a third visit by one agency to one enterprise in a year (高频次检查);
// findings of each kind (a case opened after one), ratings, a filing awaiting its visit and a withdrawn one.
import { CASE_SETTINGS, type SeedContext, type UnitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { agencyMayEnforce } from '@zhifa/core/cases';
import type { Agency, Enterprise, Person } from '@zhifa/core/prisma';
import { checkOfficers } from '@zhifa/core/rules';
import { addDays, shanghaiToday } from '@zhifa/core/time';
import { codeKeysInForce, signInspectionCode } from './code.js';
import { cancelInspectionFilingInTx, fileInspectionInTx } from './filings.js';
import { inspectionsSettings } from './settings.js';
import { rateInspectionVisitInTx, recordInspectionFindingInTx, recordInspectionVisitInTx } from './visits.js';

export interface SeedScheme {
  agencyId: number;
  schemeId: number;
  /** Published items of the agency the scheme covers (the first is the one visited). */
  itemIds: number[];
}

interface Inspector {
  agency: Agency;
  schemeId: number;
  itemId: number;
  viewer: Viewer;
  officerIds: number[];
}

const DAY = 86_400_000;

/** The unit of work as on `at`: the services read `uow.now` for every rule and every row they write. */
const on = (uow: UnitOfWork, at: Date): UnitOfWork => ({ ...uow, now: at });

export interface SeededVisits {
  filings: number;
  visits: number;
}

export async function seedVisits(ctx: SeedContext, schemes: readonly SeedScheme[]): Promise<SeededVisits> {
  const p = ctx.prisma;
  const settings = ctx.settings.get(inspectionsSettings);
  const keys = codeKeysInForce(settings.codeKeys);
  const grace = ctx.settings.get(CASE_SETTINGS).reviewGraceUntil;
  const yearAgo = addDays(ctx.now, -366);
  const inspectors: Inspector[] = [];
  for (const s of schemes) {
    const agency = await p.agency.findUnique({ where: { id: s.agencyId } });
    if (!agency?.inspectionQualifiedOn || !s.itemIds.length) continue;
    const people: Person[] = await p.person.findMany({
      where: { agencyId: agency.id, roles: { has: 'OFFICER' } },
      orderBy: { id: 'asc' },
    });
    const ids = people.map((x) => x.id);
    // Officers who may enforce over the whole year the visits span.
    const ok = new Set(checkOfficers(ids, people, agency.id, yearAgo, grace).eligible);
    const eligible = checkOfficers(ids, people, agency.id, ctx.now, grace)
      .eligible.filter((id) => ok.has(id))
      .slice(0, 2);
    if (eligible.length < 2) continue;
    const lead = people.find((x) => x.id === eligible[0])!;
    inspectors.push({
      agency,
      schemeId: s.schemeId,
      itemId: s.itemIds[0],
      officerIds: eligible,
      viewer: {
        kind: 'person',
        personId: lead.id,
        name: lead.name,
        agencyId: agency.id,
        agencyKind: agency.kind,
        roles: lead.roles,
      },
    });
  }
  const enterprises: Enterprise[] = await p.enterprise.findMany({ orderBy: { id: 'asc' }, take: 6 });
  if (!keys || inspectors.length < 2 || enterprises.length < 6) {
    ctx.log(
      '入企检查：缺少两个有资格的单位（方案、事项、执法人员）、企业或检查码密钥，跳过 / inspection visits: prerequisites absent, skipped',
    );
    return { filings: 0, visits: 0 };
  }
  const [X, Y] = inspectors;
  const E = enterprises;
  let filings = 0;
  let visits = 0;

  const file = (by: Inspector, e: Enterprise, at: Date, opts: { surprise?: boolean; from?: Date; to?: Date } = {}) =>
    ctx.work(by.viewer, (uow) =>
      fileInspectionInTx(on(uow, at), {
        agencyId: by.agency.id,
        enterpriseId: e.id,
        itemIds: [by.itemId],
        schemeId: by.schemeId,
        officerIds: by.officerIds,
        plannedFrom: opts.from ?? addHours(at, 24),
        plannedTo: opts.to ?? addHours(at, 72),
        notice: opts.surprise ? 'SURPRISE' : 'AGREED',
        noticeNote: opts.surprise
          ? '群众投诉举报涉嫌违法经营，事先告知可能影响取证，依法突击检查'
          : `已与企业负责人${e.legalRepresentative}电话商定入企时间`,
        major: false,
        jointInspectionId: null,
      }).then((f) => (filings++, f)),
    );

  /** A visit `daysAgo` days back: filed two days before it unless `unfiled`, the code read at the door. */
  const visit = async (
    by: Inspector,
    e: Enterprise,
    daysAgo: number,
    opts: { unfiled?: boolean; surprise?: boolean } = {},
  ) => {
    const at = new Date(ctx.now.getTime() - daysAgo * DAY);
    const filing = opts.unfiled ? null : await file(by, e, addHours(at, -48), { surprise: opts.surprise });
    const code = signInspectionCode(keys, e.id, addHours(at, settings.codeTtlMinutes / 60)).code;
    const v = await ctx.work(by.viewer, (uow) =>
      recordInspectionVisitInTx(on(uow, at), {
        code,
        filingId: filing?.id ?? null,
        officerIds: by.officerIds,
        itemIds: [by.itemId],
        visitedAt: at,
      }),
    );
    visits++;
    return v;
  };
  const compliant = (by: Inspector, visitId: number, at: Date) =>
    ctx.work(by.viewer, (uow) =>
      recordInspectionFindingInTx(on(uow, addHours(at, 2)), visitId, {
        finding: 'COMPLIANT',
        note: '现场检查未发现问题',
        rectificationDueOn: null,
        case: null,
      }),
    );
  const rate = (e: Enterprise, visitId: number, at: Date, score: number, comment: string | null) =>
    ctx.work({ kind: 'enterprise', enterpriseId: e.id, name: e.name }, (uow) =>
      rateInspectionVisitInTx(on(uow, addHours(at, 24)), visitId, score, comment),
    );

  // A third visit by X to E0 within the year (高频次检查, the default cap 2); each compliant and rated.
  for (const [daysAgo, score] of [
    [300, 5],
    [180, 4],
    [60, 3],
  ] as const) {
    const v = await visit(X, E[0], daysAgo);
    await compliant(X, v.id, v.visitedAt);
    await rate(E[0], v.id, v.visitedAt, score, score < 4 ? '一年内第三次检查同一事项，频次偏高' : '亮证规范，说明来意');
  }
  // A surprise check with a rectification ordered, due in 15 days.
  const b = await visit(Y, E[1], 270, { surprise: true });
  await ctx.work(Y.viewer, (uow) =>
    recordInspectionFindingInTx(on(uow, addHours(b.visitedAt, 2)), b.id, {
      finding: 'RECTIFICATION_ORDERED',
      note: '大气污染防治设施运行记录不全，责令限期整改',
      rectificationDueOn: addDays(shanghaiToday(b.visitedAt), 15),
      case: null,
    }),
  );
  await rate(E[1], b.id, b.visitedAt, 4, '指出问题具体，给了整改时间');
  // A visit without a filing (应报备未报备).
  const e = await visit(X, E[4], 150, { unfiled: true });
  await compliant(X, e.id, e.visitedAt);
  await rate(E[4], e.id, e.visitedAt, 2, '未提前沟通即上门');
  // Two agencies at one enterprise 8 days apart, not merged (多头检查).
  for (const [by, daysAgo] of [
    [X, 120],
    [Y, 112],
  ] as const) {
    const v = await visit(by, E[5], daysAgo);
    await compliant(by, v.id, v.visitedAt);
  }
  // The same agency and item at one enterprise again after 15 days (重复检查).
  for (const daysAgo of [90, 75]) {
    const v = await visit(Y, E[3], daysAgo);
    await compliant(Y, v.id, v.visitedAt);
  }
  // A case opened after a visit, on a matter of the item the agency enforces; compliant if it has none.
  const h = await visit(X, E[2], 20);
  const matter = (
    await p.inspectionItemMatter.findMany({ where: { itemId: X.itemId }, include: { matter: true } })
  ).find((m) => m.matter.published && agencyMayEnforce(X.agency, m.matter))?.matter;
  await ctx.work(X.viewer, (uow) =>
    recordInspectionFindingInTx(
      on(uow, addHours(h.visitedAt, 2)),
      h.id,
      matter
        ? {
            finding: 'CASE_OPENED',
            note: '现场发现涉嫌违法行为，依法立案调查',
            rectificationDueOn: null,
            case: {
              agencyId: X.agency.id,
              matterId: matter.id,
              enterpriseId: E[2].id,
              partyDescription: null,
              violationOn: shanghaiToday(h.visitedAt),
              facts: '入企检查发现当事人未按规定公示相关信息',
              procedure: 'GENERAL',
              serious: false,
            },
          }
        : { finding: 'COMPLIANT', note: '现场检查未发现问题', rectificationDueOn: null, case: null },
    ),
  );
  // A filing awaiting its visit, and one withdrawn before it.
  await file(X, E[1], ctx.now, { from: addHours(ctx.now, 48), to: addHours(ctx.now, 96) });
  const withdrawn = await file(Y, E[2], addHours(ctx.now, -24));
  await ctx.work(Y.viewer, (uow) => cancelInspectionFilingInTx(uow, withdrawn.id));
  ctx.log(
    `入企检查 / inspection visits: ${filings} filings, ${visits} visits (each warning rule tripped at least once)`,
  );
  return { filings, visits };
}

function addHours(d: Date, h: number): Date {
  return new Date(d.getTime() + h * 3600_000);
}
