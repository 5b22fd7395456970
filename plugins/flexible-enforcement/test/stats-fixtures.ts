// Rows for the statistics tests, written with Prisma as the services would write them: the soft-measure, invitation
// and measure-check mutations are other slices of issue 20 (not on this branch), and the rollup follows whatever
// writes the rows (database triggers), so the figures can be tested here on rows of a known shape. The lead adds a
// whole-path test through those mutations after merging.
import type { PrismaClient, SoftMeasureKind, SoftMeasureOutcome, InvitationStatus } from '@zhifa/core/prisma';

let seq = 0;
const next = () => `${process.pid}-${++seq}`;

/** `YYYY-MM-DD` as the UTC midnight Date a @db.Date column holds. */
export const date = (day: string) => new Date(`${day}T00:00:00Z`);

export async function statsCase(p: PrismaClient, agencyId: number) {
  return p.enforcementCase.create({
    data: {
      number: `统计测试〔2026〕${next()}号`,
      agencyId,
      partyKind: 'ENTERPRISE',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
    },
  });
}

/** A published list of `kind` issued by `agencyId`, with one item: what bases and checks point at. */
export async function statsItem(p: PrismaClient, agencyId: number, kind: 'LIGHTER' | 'MITIGATED' | 'NO_COMPULSORY') {
  const series = await p.listSeries.create({ data: { kind } });
  const list = await p.enforcementList.create({
    data: {
      kind,
      seriesId: series.id,
      version: 1,
      title: `统计测试清单${next()}`,
      domain: '市场监管',
      agencyId,
      status: 'PUBLISHED',
      publishedAt: date('2025-01-01'),
      validFrom: date('2025-01-01'),
    },
  });
  return p.listItem.create({
    data: {
      listId: list.id,
      seq: 1,
      domain: '市场监管',
      violation: '未按规定公示营业执照',
      violatedProvision: '《市场主体登记管理条例》第三十六条',
      penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
      applicableConditions: '主动改正的',
      attributes: {},
    },
  });
}

export interface SoftMeasureRow {
  agencyId: number;
  officerId: number;
  enterpriseId?: number;
  kind: SoftMeasureKind;
  takenOn: string;
  followUpOn?: string;
  outcome?: SoftMeasureOutcome;
  followUpCaseId?: number;
}

export function softMeasure(p: PrismaClient, r: SoftMeasureRow) {
  return p.softMeasure.create({
    data: {
      agencyId: r.agencyId,
      officerId: r.officerId,
      enterpriseId: r.enterpriseId ?? null,
      kind: r.kind,
      content: '提醒依法公示营业执照',
      basis: '《市场主体登记管理条例》第三十六条',
      takenOn: date(r.takenOn),
      followUpOn: r.followUpOn ? date(r.followUpOn) : null,
      outcome: r.outcome ?? null,
      outcomeRecordedAt: r.outcome ? new Date() : null,
      followUpCaseId: r.followUpCaseId ?? null,
      recordedBy: `person:${r.officerId}`,
      recordedAt: new Date(),
    },
  });
}

export interface InvitationRow {
  agencyId: number;
  enterpriseId: number;
  status: InvitationStatus;
  requestedAt: string;
  /** Minutes from the request to the first answer. */
  respondedAfterMinutes?: number;
  rating?: number;
}

export function invitation(p: PrismaClient, r: InvitationRow) {
  const requestedAt = new Date(r.requestedAt);
  return p.invitation.create({
    data: {
      agencyId: r.agencyId,
      enterpriseId: r.enterpriseId,
      status: r.status,
      topics: '食品经营许可合规体检',
      preferredFrom: date('2026-06-20'),
      preferredTo: date('2026-06-30'),
      requestedBy: `enterprise:${r.enterpriseId}`,
      requestedAt,
      respondedAt:
        r.respondedAfterMinutes === undefined
          ? null
          : new Date(requestedAt.getTime() + r.respondedAfterMinutes * 60_000),
      rating: r.rating ?? null,
      ratedAt: r.rating ? new Date() : null,
    },
  });
}

export interface BasisRow {
  agencyId: number;
  caseId: number;
  itemId: number;
  listId: number;
  decision: 'LIGHTER' | 'MITIGATED';
  decided: boolean;
  decidedAt: string;
  fineFen: bigint | null;
  matterMaxFineFen: bigint | null;
}

export function basis(p: PrismaClient, r: BasisRow) {
  return p.flexibleDecisionBasis.create({
    data: {
      caseId: r.caseId,
      agencyId: r.agencyId,
      decision: r.decision,
      itemId: r.itemId,
      listId: r.listId,
      listVersion: 1,
      domain: '市场监管',
      circumstance: 'ELIMINATED_HARM',
      exclusionsAbsent: true,
      fineFen: r.fineFen,
      matterMaxFineFen: r.matterMaxFineFen,
      fineNotImposedFen: r.matterMaxFineFen === null ? null : r.matterMaxFineFen - (r.fineFen ?? 0n),
      decided: r.decided,
      decidedBy: 'person:1',
      decidedAt: new Date(r.decidedAt),
    },
  });
}

export interface CheckRow {
  agencyId: number;
  caseId: number;
  itemId: number;
  listId: number;
  outcome: 'WAIVED' | 'JUSTIFIED' | 'REFUSED';
  approved?: boolean;
  recordedAt: string;
}

export function check(p: PrismaClient, r: CheckRow) {
  return p.compulsoryMeasureCheck.create({
    data: {
      caseId: r.caseId,
      agencyId: r.agencyId,
      measureKind: 'SEAL_UP',
      itemId: r.itemId,
      listId: r.listId,
      listVersion: 1,
      outcome: r.outcome,
      justification: r.outcome === 'WAIVED' ? null : '现场存在证据可能灭失的紧急情况',
      approvedBy: r.approved || r.outcome === 'REFUSED' ? 'person:1' : null,
      approvedAt: r.approved || r.outcome === 'REFUSED' ? new Date(r.recordedAt) : null,
      recordedBy: 'person:1',
      recordedAt: new Date(r.recordedAt),
    },
  });
}
