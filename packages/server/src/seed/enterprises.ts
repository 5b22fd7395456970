// Demo enterprises (经营主体): every kind, scale and credit class, spread over the townships, each
// with a USCC that passes the GB 32100 check (region 320923, 阜宁县).
import type { CreditRiskClass, EnterpriseKind, EnterpriseScale } from '@zhifa/core/prisma';
import { completeUscc, USCC_ALPHABET } from '@zhifa/core/rules';
import { COUNTY_REGION, INDUSTRIES, NON_MARKET_INDUSTRIES, STREETS, TRADE_NAMES, VILLAGES } from './names.js';
import { personName } from './people.js';
import type { Dice } from './random.js';

export interface EnterpriseRow {
  uscc: string;
  name: string;
  kind: EnterpriseKind;
  legalRepresentative: string;
  address: string;
  townshipId: number;
  industry: string;
  scale: EnterpriseScale;
  employees: number;
  isKeyEnterprise: boolean;
  creditRiskClass: CreditRiskClass;
}

/** 登记管理部门代码 + 机构类别代码: 9x market regulation (1 company, 2 individual business, 3 cooperative); 52 civil affairs. */
const USCC_PREFIX: Record<EnterpriseKind, string> = {
  COMPANY: '91',
  INDIVIDUAL_BUSINESS: '92',
  FARMERS_COOPERATIVE: '93',
  OTHER: '52',
};

const EMPLOYEES: Record<EnterpriseScale, [number, number]> = {
  MICRO: [1, 9],
  SMALL: [10, 99],
  MEDIUM: [100, 299],
  LARGE: [300, 1500],
};

export function demoEnterprises(
  dice: Dice,
  count: number,
  townships: { id: number; name: string; subdistrict: boolean }[],
): EnterpriseRow[] {
  const codes = new Set<string>();
  const names = new Set<string>();
  const people = new Set<string>();
  const rows: EnterpriseRow[] = [];
  const townshipWeights = townships.map((t) => [t, t.subdistrict ? 4 : 1] as const);

  while (rows.length < count) {
    const township = dice.weighted(townshipWeights);
    const short = township.name.replace(/(街道|镇)$/, '');
    const kind = dice.weighted<EnterpriseKind>([
      ['COMPANY', 55],
      ['INDIVIDUAL_BUSINESS', 30],
      ['FARMERS_COOPERATIVE', 10],
      ['OTHER', 5],
    ]);
    // OTHER: a 民办非企业单位 (社会服务机构), of a non-market industry of its own; the others a trade of INDUSTRIES.
    const candidates = INDUSTRIES.filter((i) =>
      kind === 'INDIVIDUAL_BUSINESS' ? i.shop : kind === 'FARMERS_COOPERATIVE' ? i.cooperative : true,
    );
    const nonMarket = kind === 'OTHER' ? dice.pick(NON_MARKET_INDUSTRIES) : null;
    const spec = nonMarket ? null : dice.pick(candidates);
    const trade = dice.pick(TRADE_NAMES);
    const representative = personName(dice, people);
    const name = nonMarket
      ? `阜宁县${trade}${nonMarket.name}`
      : kind === 'COMPANY'
        ? `${dice.pick(['阜宁县', '阜宁县', '江苏', '盐城'])}${trade}${spec!.company}`
        : kind === 'INDIVIDUAL_BUSINESS'
          ? `阜宁县${short}${representative[0]}记${spec!.shop}`
          : `阜宁县${short}${trade}${spec!.cooperative}`;
    if (names.has(name)) continue;

    const uscc = completeUscc(USCC_PREFIX[kind] + COUNTY_REGION + dice.chars(USCC_ALPHABET, 9));
    if (codes.has(uscc)) continue;
    names.add(name);
    codes.add(uscc);

    const scale: EnterpriseScale =
      kind === 'INDIVIDUAL_BUSINESS'
        ? 'MICRO'
        : kind === 'COMPANY'
          ? dice.weighted<EnterpriseScale>([
              ['MICRO', 35],
              ['SMALL', 40],
              ['MEDIUM', 18],
              ['LARGE', 7],
            ])
          : dice.weighted<EnterpriseScale>([
              ['MICRO', 60],
              ['SMALL', 40],
            ]);
    const [lo, hi] = kind === 'INDIVIDUAL_BUSINESS' ? [1, 5] : EMPLOYEES[scale];
    const rural = kind === 'FARMERS_COOPERATIVE' || !township.subdistrict;
    rows.push({
      uscc,
      name,
      kind,
      legalRepresentative: representative,
      address: `江苏省盐城市阜宁县${township.name}${rural ? dice.pick(VILLAGES) + dice.int(1, 12) + '组' : dice.pick(STREETS)}${dice.int(1, 388)}号`,
      townshipId: township.id,
      industry: nonMarket ? nonMarket.industry : spec!.industry,
      scale,
      employees: dice.int(lo, hi),
      // 龙头企业: the large ones, some medium ones and a few leading cooperatives.
      isKeyEnterprise:
        scale === 'LARGE' ||
        (scale === 'MEDIUM' && dice.chance(0.3)) ||
        (kind === 'FARMERS_COOPERATIVE' && dice.chance(0.1)),
      creditRiskClass: dice.weighted<CreditRiskClass>([
        ['A', 30],
        ['B', 50],
        ['C', 15],
        ['D', 5],
      ]),
    });
  }
  return rows;
}
