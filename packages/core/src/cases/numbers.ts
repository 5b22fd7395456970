// 文书字号: the 立案 number and the decision-document numbers (阜市监立〔2026〕3号, 阜市监罚〔2026〕17号,
// 阜市监不罚〔2026〕2号), per agency, per kind and per (Asia/Shanghai) year.
//
// The next number comes from one upsert on DocumentSequence in the caller's transaction:
// `INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING last`. The row lock it takes holds a
// concurrent transaction of the same agency, kind and year until this one ends, and then hands it
// the incremented value: numbers are unique. A transaction that rolls back (a guard refused the
// decision) gives its increment back with everything else: numbers are gap-free.
import type { Db } from '../db.js';
import type { DocumentKind } from '../generated/prisma/enums.js';
import { RuleViolation } from '../errors.js';
import { shanghaiYear } from '../rules/shanghai-time.js';

/** The word after the prefix: 立 (立案), 罚 (行政处罚决定书), 不罚 (不予行政处罚决定书). */
export const DOCUMENT_MARKS: Record<DocumentKind, string> = {
  REGISTRATION: '立',
  PENALTY_DECISION: '罚',
  NO_PENALTY_DECISION: '不罚',
};

export function formatDocumentNumber(prefix: string, kind: DocumentKind, year: number, n: number): string {
  return `${prefix}${DOCUMENT_MARKS[kind]}〔${year}〕${n}号`;
}

/** Take the next serial of the agency's `kind` sequence for `year`, inside the caller's transaction. */
export async function nextSerial(tx: Db, agencyId: number, kind: DocumentKind, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "DocumentSequence" ("agencyId", "kind", "year", "last")
    VALUES (${agencyId}, ${kind}::"DocumentKind", ${year}, 1)
    ON CONFLICT ("agencyId", "kind", "year") DO UPDATE SET "last" = "DocumentSequence"."last" + 1
    RETURNING "last"`;
  return Number(rows[0].last);
}

/** AGENCY_NO_DOCUMENT_PREFIX: documents need the agency's 文书字号前缀. */
export function noPrefix(agencyName: string): RuleViolation {
  return new RuleViolation('AGENCY_NO_DOCUMENT_PREFIX', {
    zh: `${agencyName}尚未设置文书字号前缀（如“阜市监”），不能编立案号或决定书文号（行政处罚法第59条：决定书载明作出决定的行政机关名称）；请单位管理员在单位信息中设置`,
    en: `${agencyName} has no document-number prefix (e.g. 阜市监), so no case or decision number can be assigned (art. 59); its admin sets it in the agency's details`,
  });
}

/**
 * The next document number of the agency for the year of `now` (Asia/Shanghai). Refuses with
 * AGENCY_NO_DOCUMENT_PREFIX when the agency has no prefix.
 */
export async function nextDocumentNumber(
  tx: Db,
  agency: { id: number; name: string; documentPrefix: string | null },
  kind: DocumentKind,
  now: Date,
): Promise<string> {
  if (!agency.documentPrefix) throw noPrefix(agency.name);
  const year = shanghaiYear(now);
  return formatDocumentNumber(agency.documentPrefix, kind, year, await nextSerial(tx, agency.id, kind, year));
}
