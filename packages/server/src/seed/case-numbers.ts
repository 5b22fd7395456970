// The numbers of the demo cases' documents, in the county's style, each per agency and year in date
// order: the 立案 number (阜市监立〔2025〕12号) in order of registration, the 事先告知书 (阜市监罚告〔2025〕4号),
// the 查封（扣押）决定书 (阜市监强〔2025〕2号) in order taken, and the decision number (阜市监罚〔2025〕3号,
// 阜市监不罚〔2025〕1号) per kind in order of decision. And the sequences they used.
import type { DocumentKind } from '@zhifa/core/prisma';
import { shanghaiYear } from '@zhifa/core/time';
import { documentPrefixOf } from './names.js';
import type { CasePlan } from './case-rows.js';

const serialOf = (map: Map<string, number>, key: string) => {
  const n = (map.get(key) ?? 0) + 1;
  map.set(key, n);
  return n;
};

/** Number the plans' cases, notices, measures and decisions; sorts `plans` by registration. */
export function numberDocuments(plans: (CasePlan & { abbr: string })[]): void {
  const measureSerial = new Map<string, number>();
  const noticeSerial = new Map<string, number>();
  plans.sort((a, b) => a.row.registeredAt.getTime() - b.row.registeredAt.getTime());
  const serial = new Map<string, number>();
  const next = (key: string) => serialOf(serial, key);
  for (const p of plans) {
    const year = shanghaiYear(p.row.registeredAt);
    p.row.number = `${documentPrefixOf(p)}立〔${year}〕${next(`${p.row.agencyId}:REGISTRATION:${year}`)}号`;
  }
  // 行政处罚事先告知书 (阜市监罚告〔2025〕4号) and 查封（扣押）决定书 (阜市监强〔2025〕2号) per agency and year, in date order.
  const notices = plans.flatMap((p) => p.steps.filter((s) => s.kind === 'NOTICE').map((s) => ({ p, s })));
  notices.sort((a, b) => a.s.on.getTime() - b.s.on.getTime());
  for (const { p, s } of notices) {
    const year = shanghaiYear(s.on);
    s.documentNumber = `${documentPrefixOf(p)}罚告〔${year}〕${serialOf(noticeSerial, `${p.row.agencyId}:${year}`)}号`;
  }
  // A request awaiting approval has no decision served yet (行政强制法 第24条): numbered when taken.
  const taken = plans.flatMap((p) => p.measures.filter((m) => m.status !== 'REQUESTED').map((m) => ({ p, m })));
  taken.sort((a, b) => a.m.takenAt.getTime() - b.m.takenAt.getTime());
  for (const { p, m } of taken) {
    const year = shanghaiYear(m.takenAt);
    m.noticeDocumentNumber = `${documentPrefixOf(p)}强〔${year}〕${serialOf(measureSerial, `${p.row.agencyId}:${year}`)}号`;
  }
  const decided = plans.filter((p) => p.row.decidedAt && p.row.decision !== 'DROPPED');
  decided.sort((a, b) => a.row.decidedAt!.getTime() - b.row.decidedAt!.getTime());
  for (const p of decided) {
    const year = shanghaiYear(p.row.decidedAt!);
    const kind: DocumentKind = p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION';
    p.row.decisionNumber = `${documentPrefixOf(p)}${kind === 'NO_PENALTY_DECISION' ? '不罚' : '罚'}〔${year}〕${next(`${p.row.agencyId}:${kind}:${year}`)}号`;
    // The service step serves that document.
    for (const s of p.steps) if (s.kind === 'SERVICE') s.documentNumber = p.row.decisionNumber;
  }
}

/** The sequences the plans used, so that numbers assigned later by openCase / decideCase follow on. */
export function documentSequences(
  plans: CasePlan[],
): { agencyId: number; kind: DocumentKind; year: number; last: number }[] {
  const last = new Map<string, { agencyId: number; kind: DocumentKind; year: number; last: number }>();
  const see = (agencyId: number, kind: DocumentKind, number: string | null) => {
    const m = number && /〔(\d{4})〕(\d+)号$/.exec(number);
    if (!m) return;
    const key = `${agencyId}:${kind}:${m[1]}`;
    const n = Number(m[2]);
    if ((last.get(key)?.last ?? 0) < n) last.set(key, { agencyId, kind, year: Number(m[1]), last: n });
  };
  for (const p of plans) {
    see(p.row.agencyId, 'REGISTRATION', p.row.number);
    see(
      p.row.agencyId,
      p.row.decision === 'NO_PENALTY' ? 'NO_PENALTY_DECISION' : 'PENALTY_DECISION',
      p.row.decisionNumber,
    );
  }
  return [...last.values()];
}
