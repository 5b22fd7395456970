// Lists, cases and enterprises written straight to the database for the decision, stats and
// subscription tests, so they do not depend on the list and case mutations.
import type { PrismaClient } from '@zhifa/core/prisma';
import { shanghaiToday } from '@zhifa/core/time';
import { DEFAULT_CONDITIONS, type NonPenaltyItemKind } from '../src/rules.js';
import { gid } from '@zhifa/testkit';

export const DAY = 86_400_000;

/** Today (Asia/Shanghai) ± days, as a GraphQL Date string. */
export const dayOffset = (days: number, now = new Date()) =>
  new Date(shanghaiToday(now).getTime() + days * DAY).toISOString().slice(0, 10);

export const PROVISION = {
  licence: '《中华人民共和国市场主体登记管理条例》第三十六条',
  price: '《中华人民共和国价格法》第十三条',
  trademark: '《中华人民共和国商标法》第五十七条',
  food: '《中华人民共和国食品安全法》第三十四条',
};

export interface ItemSpec {
  violation?: string;
  violatedProvision: string;
  itemKind: NonPenaltyItemKind;
  days: number;
  fineFen?: number | null;
  domain?: string;
  matterCode?: string;
}

let seriesCount = 0;
export async function createList(
  p: PrismaClient,
  agencyId: number,
  items: ItemSpec[],
  opts: {
    status?: 'DRAFT' | 'PUBLISHED' | 'REPEALED';
    version?: number;
    validFrom?: Date | null;
    validUntil?: Date | null;
    domain?: string;
    issuerLevel?: 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY';
  } = {},
) {
  seriesCount++;
  const series = await p.listSeries.create({ data: { kind: 'NON_PENALTY' } });
  const status = opts.status ?? 'PUBLISHED';
  const list = await p.enforcementList.create({
    data: {
      kind: 'NON_PENALTY',
      seriesId: series.id,
      version: opts.version ?? 1,
      title: `测试清单${seriesCount}`,
      domain: opts.domain ?? '市场监管',
      agencyId,
      status,
      publishedAt: status === 'DRAFT' ? null : new Date('2025-01-01T00:00:00Z'),
      validFrom: opts.validFrom === undefined ? new Date('2025-01-01T00:00:00Z') : opts.validFrom,
      validUntil: opts.validUntil ?? null,
      repealedAt: status === 'REPEALED' ? new Date() : null,
      issuerLevel: opts.issuerLevel ?? 'COUNTY',
      issuingBody: opts.issuerLevel && opts.issuerLevel !== 'COUNTY' ? '江苏省市场监督管理局' : null,
      documentNumber: opts.issuerLevel && opts.issuerLevel !== 'COUNTY' ? '苏市监规〔2024〕7号' : null,
    },
  });
  const rows = [];
  for (const [i, it] of items.entries())
    rows.push(
      await p.listItem.create({
        data: {
          listId: list.id,
          seq: i + 1,
          domain: it.domain ?? opts.domain ?? '市场监管',
          violation: it.violation ?? `违法行为${i + 1}`,
          violatedProvision: it.violatedProvision,
          penaltyProvision: '处罚依据',
          applicableConditions: '适用情形',
          attributes: {
            itemKind: it.itemKind,
            conditions: DEFAULT_CONDITIONS[it.itemKind],
            correctionDeadlineDays: it.days,
            fineFenIfPenalised: it.fineFen ?? null,
            ...(it.matterCode ? { matterCode: it.matterCode } : {}),
          },
        },
      }),
    );
  return {
    list,
    listGid: gid('NonPenaltyList', list.id),
    items: rows.map((r) => ({ ...r, gid: gid('NonPenaltyListItem', r.id) })),
  };
}

let uscc = 0;
export async function createEnterprise(p: PrismaClient, name = '测试企业') {
  uscc++;
  return p.enterprise.create({
    data: {
      uscc: `91320923T${String(process.pid % 1000).padStart(3, '0')}${String(uscc).padStart(5, '0')}X`,
      name: `${name}${uscc}`,
      kind: 'COMPANY',
      legalRepresentative: '王某',
      address: '阜宁县',
      industry: '零售',
      scale: 'MICRO',
      employees: 3,
      creditRiskClass: 'A',
    },
  });
}

let caseCount = 0;
export async function createCase(
  p: PrismaClient,
  data: {
    agencyId: number;
    enterpriseId: number | null;
    violatedProvision: string;
    stage?: 'REGISTERED' | 'INVESTIGATING' | 'LEGAL_REVIEW' | 'DECIDED' | 'CLOSED';
    decision?: 'PENALTY' | 'NO_PENALTY' | 'DROPPED' | null;
    registeredAt?: Date;
    decidedAt?: Date | null;
    matterId?: number | null;
    /** A day, UTC midnight (as @db.Date stores it). */
    violationOn?: Date | null;
  },
) {
  caseCount++;
  const c = await p.enforcementCase.create({
    data: {
      number: `测罚〔2025〕${process.pid}-${caseCount}号`,
      agencyId: data.agencyId,
      partyKind: data.enterpriseId === null ? 'NATURAL_PERSON' : 'ENTERPRISE',
      enterpriseId: data.enterpriseId,
      partyDescription: data.enterpriseId === null ? '自然人（不具名）' : null,
      violation: '违法行为',
      violatedProvision: data.violatedProvision,
      penaltyProvision: '处罚依据',
      stage: data.stage ?? 'LEGAL_REVIEW',
      decision: data.decision ?? null,
      registeredAt: data.registeredAt ?? new Date(Date.now() - 20 * DAY),
      decidedAt: data.decidedAt ?? null,
      fineFen: data.decision === 'PENALTY' ? 100000n : null,
      matterId: data.matterId ?? null,
      violationOn: data.violationOn ?? null,
    },
  });
  // A case in legal review has passed it: a general-procedure decision needs the approval (第58条).
  if (c.stage === 'LEGAL_REVIEW')
    await p.caseStep.create({
      data: {
        caseId: c.id,
        kind: 'LEGAL_REVIEW',
        outcome: 'APPROVED',
        on: shanghaiToday(new Date()),
        actor: 'system:test',
      },
    });
  return { ...c, gid: gid('EnforcementCase', c.id) };
}

/** Facts under which every condition of every kind holds. */
export const GOOD_FACTS = () => ({
  minorViolation: true,
  noHarm: true,
  minorHarm: true,
  noSubjectiveFault: true,
  correctionOrderedOn: dayOffset(-5),
  correctedOn: dayOffset(-3),
});

let matterCount = 0;
/** An enforcement matter written straight to the database (its API is built elsewhere). */
export async function createMatter(
  p: PrismaClient,
  data: { code?: string; violatedProvision?: string; domain?: string; published?: boolean } = {},
) {
  matterCount++;
  return p.enforcementMatter.create({
    data: {
      code: data.code ?? `TEST-${process.pid}-${matterCount}`,
      name: `测试事项${matterCount}`,
      domain: data.domain ?? '市场监管',
      agencyKinds: ['ENFORCEMENT_AGENCY'],
      violatedProvision: data.violatedProvision ?? PROVISION.licence,
      penaltyProvision: '《中华人民共和国市场主体登记管理条例》第五十条',
      penaltyKinds: ['WARNING', 'FINE'],
      fineMaxFen: 3_000_000n,
      published: data.published ?? true,
      publishedAt: data.published === false ? null : new Date('2025-01-01T00:00:00Z'),
    },
  });
}
