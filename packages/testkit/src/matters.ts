// Enforcement matters (行政执法事项) for tests, written straight to the database: a case is opened on
// a published matter its agency may enforce (agency kind and domain).
import type { AgencyKind, PenaltyKind, PrismaClient } from '@zhifa/core/prisma';

export interface MatterOptions {
  code?: string;
  name?: string;
  domain?: string;
  agencyKinds?: AgencyKind[];
  violatedProvision?: string;
  penaltyProvision?: string;
  penaltyKinds?: PenaltyKind[];
  fineMinFen?: bigint | null;
  fineMaxFen?: bigint | null;
  gainsMultipleMin?: number | null;
  gainsMultipleMax?: number | null;
  limitationYears?: number;
  published?: boolean;
  fallbackBelowFen?: bigint | null;
  mandatoryKinds?: PenaltyKind[];
  alternativeKinds?: PenaltyKind[];
  /** The stored 裁量基准 (fen as decimal strings), e.g. [{ tier: 'LIGHTER', fineMinFen: null, fineMaxFen: '600000', penaltyKinds: [], circumstances: '…' }]. */
  benchmark?: {
    tier: string;
    fineMinFen: string | null;
    fineMaxFen: string | null;
    penaltyKinds: PenaltyKind[];
    circumstances: string;
  }[];
}

let matterSeq = 0;

/**
 * A matter; by default the market regulator's 未按规定公示营业执照 (《市场主体登记管理条例》第三十六条 /
 * 第四十八条第一款: 责令改正；拒不改正的，处3万元以下的罚款), domain 市场监管, published. The fixture also allows a
 * warning, so that tests of kinds have two to choose from; it is a test matter, not the statute's.
 */
export async function createMatter(p: Pick<PrismaClient, 'enforcementMatter'>, over: MatterOptions = {}) {
  matterSeq += 1;
  const m = await p.enforcementMatter.create({
    data: {
      code: over.code ?? `TEST-${process.pid}-${matterSeq}`,
      name: over.name ?? '未按规定公示营业执照',
      domain: over.domain ?? '市场监管',
      agencyKinds: over.agencyKinds ?? ['ENFORCEMENT_AGENCY'],
      violatedProvision: over.violatedProvision ?? '《市场主体登记管理条例》第三十六条',
      penaltyProvision: over.penaltyProvision ?? '《市场主体登记管理条例》第四十八条第一款',
      penaltyKinds: over.penaltyKinds ?? ['WARNING', 'FINE', 'REVOKE_LICENCE'],
      fineMinFen: over.fineMinFen === undefined ? null : over.fineMinFen,
      fineMaxFen: over.fineMaxFen === undefined ? 3_000_000n : over.fineMaxFen,
      gainsMultipleMin: over.gainsMultipleMin ?? null,
      gainsMultipleMax: over.gainsMultipleMax ?? null,
      limitationYears: over.limitationYears ?? 2,
      fallbackBelowFen: over.fallbackBelowFen ?? null,
      mandatoryKinds: over.mandatoryKinds ?? [],
      alternativeKinds: over.alternativeKinds ?? [],
      benchmark: over.benchmark ?? [],
      published: over.published ?? true,
      publishedAt: (over.published ?? true) ? new Date() : null,
    },
  });
  return m;
}
