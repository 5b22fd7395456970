// The county as demo data: real township and department names of 阜宁县 (so the demo reads like the
// place the plan was written for), made-up people, enterprises and cases. Only the county
// government's name carries the （演示） marker, plus the Meta row demo_data=<time>: every record
// hangs off that tree, and the marker shows wherever the tree is shown.

import type { CaseGround, EnterpriseKind, PenaltyKind } from '@zhifa/core/prisma';

export const COUNTY_REGION = '320923';
export const COUNTY_GOVERNMENT = '阜宁县人民政府（演示）';
export const JUSTICE_BUREAU = '阜宁县司法局';
export const SURVEY_ORGANISATION = '江苏众信社会调查有限公司';

/** 镇区（街道）: [name, kind]. */
export const TOWNSHIPS: readonly (readonly [string, 'TOWNSHIP' | 'SUBDISTRICT'])[] = [
  ['阜城街道', 'SUBDISTRICT'],
  ['吴滩街道', 'SUBDISTRICT'],
  ['益林镇', 'TOWNSHIP'],
  ['东沟镇', 'TOWNSHIP'],
  ['沟墩镇', 'TOWNSHIP'],
  ['陈良镇', 'TOWNSHIP'],
  ['三灶镇', 'TOWNSHIP'],
  ['郭墅镇', 'TOWNSHIP'],
  ['新沟镇', 'TOWNSHIP'],
  ['陈集镇', 'TOWNSHIP'],
  ['羊寨镇', 'TOWNSHIP'],
  ['芦蒲镇', 'TOWNSHIP'],
  ['板湖镇', 'TOWNSHIP'],
  ['古河镇', 'TOWNSHIP'],
  ['罗桥镇', 'TOWNSHIP'],
  ['施庄镇', 'TOWNSHIP'],
];

/** The plan addresses these two community management committees (公兴、硕集社区管委会) by name. */
export const MANAGEMENT_COMMITTEES = ['公兴社区管委会', '硕集社区管委会'];

/** 益林镇 → 益林司法所. */
export function justiceOfficeName(township: string): string {
  return `${township.replace(/(街道|镇)$/, '')}司法所`;
}

/**
 * Who commits the violation: businesses of these industries (INDUSTRIES; 'any' for every 市场主体, never a
 * NON_MARKET_INDUSTRIES organisation), of these kinds where the provision concerns only some, and the share of
 * natural persons.
 */
export interface PartyFit {
  industries: readonly string[] | 'any';
  /** Share (0–1) of cases against a natural person (street vendors, drivers, villagers); 1 = natural persons only. */
  persons: number;
  /**
   * The enterprise kinds it fits, where not every kind does: a 生产经营单位's plant (emissions, special equipment,
   * hazardous waste) is a company's, not a shop's; a provision fining 单位 and 个人 differently models the 单位 range.
   */
  kinds?: readonly EnterpriseKind[];
}

/** The grounds of 不予处罚 (行政处罚法 第33条) a demo case of this violation may rest on. */
export type NoPenaltyGround = Extract<CaseGround, 'MINOR_CORRECTED' | 'FIRST_OFFENCE' | 'NO_FAULT'>;
export const NO_PENALTY_GROUNDS_ALL: readonly NoPenaltyGround[] = ['MINOR_CORRECTED', 'FIRST_OFFENCE', 'NO_FAULT'];

export interface Violation {
  violation: string;
  violated: string;
  penalty: string;
  /** The matter's domain (one of the agency's). */
  domain: string;
  /** 第9条 kinds the penalty provision allows. */
  kinds: readonly PenaltyKind[];
  /** The provision's fine range, in yuan (0: no minimum): the demo enforcement matter's range. */
  fine: readonly [number, number];
  /** A fine set as a multiple of the illegal gains (when gains are established). */
  gains?: readonly [number, number];
  /** 违法所得不足此数额（元）的，亦适用 `fine` (the provision's fallback); none: only when there are no gains. */
  gainsBelow?: number;
  /** 第36条: 5 years where life and health are at stake (food, drugs, special equipment, medical care, drinking water). */
  limitation: 2 | 5;
  parties: PartyFit;
  /** A warning or a small fine decided on the spot fits (简易程序, 第51条). */
  simple?: boolean;
  /** A compulsory measure this kind of case often involves. */
  measure?: { kind: 'SEAL_UP' | 'SEIZURE' | 'FREEZE'; object: string; productionEquipment: boolean };
  /** The 第33条 grounds that can fit (default: all three); [] where the violation is deliberate and never 轻微. */
  noPenalty?: readonly NoPenaltyGround[];
}

export interface AgencySpec {
  name: string;
  /** Decision number prefix: 阜市监罚〔2025〕12号; without 罚 it is the agency's document prefix (阜市监). */
  abbr: string;
  domains: string[];
  /** Relative share of the county's cases. */
  weight: number;
  /** Published matters: the cases are opened on these. */
  violations: Violation[];
  /** Draft matters (unpublished): entered, awaiting the discretion benchmark or a revised law. */
  drafts?: Violation[];
}

const 食品安全法 = '《中华人民共和国食品安全法》';
const 安全生产法 = '《中华人民共和国安全生产法》';
const 固废法 = '《中华人民共和国固体废物污染环境防治法》';

// Provisions as in force in 2025–2026, checked against the statutes' text (revision noted where it matters);
// ranges are the provision's own (the first tier where it has several), in yuan. Where a provision sets the fine
// by 货值 or 工程造价 the matter names the branch it models (e.g. 货值金额不足一万元). An item or 款 is cited only
// where the text was seen; one that could not be checked is left out.
export const ENFORCEMENT_AGENCIES: readonly AgencySpec[] = [
  {
    name: '阜宁县市场监督管理局',
    abbr: '阜市监罚',
    domains: ['市场监管', '食品安全', '药品监管', '特种设备', '知识产权', '价格监督'],
    weight: 24,
    violations: [
      // 第一百二十四条第一款: 没收违法所得和违法生产经营的食品…；货值金额不足一万元的，并处五万元以上十万元以下罚款
      // （一万元以上的，货值金额十倍以上二十倍以下）；情节严重的，吊销许可证.
      {
        violation: '经营污染物质含量超过食品安全标准限量的食品（货值金额不足一万元）',
        violated: `${食品安全法}第三十四条第（二）项`,
        penalty: `${食品安全法}第一百二十四条第一款第（一）项`,
        domain: '食品安全',
        kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY', 'REVOKE_LICENCE'],
        fine: [50000, 100000],
        limitation: 5,
        parties: { industries: ['食品制造', '餐饮服务', '批发零售'], persons: 0 },
        measure: { kind: 'SEIZURE', object: '涉案预包装食品一批', productionEquipment: false },
      },
      // 第三十六条 (营业执照置于住所或者主要经营场所的醒目位置); 第四十八条第一款: 责令改正；拒不改正的，处 3 万元以下的罚款
      // (no minimum). 第二款 (电子商务) refers to the 电子商务法, 第三款 is 伪造、出租营业执照.
      {
        violation: '未按规定公示营业执照',
        violated: '《中华人民共和国市场主体登记管理条例》第三十六条',
        penalty: '《中华人民共和国市场主体登记管理条例》第四十八条第一款',
        domain: '市场监管',
        kinds: ['FINE'],
        fine: [0, 30000],
        limitation: 2,
        parties: { industries: 'any', persons: 0 },
        simple: true,
      },
      // 第八十三条: 责令限期改正；逾期未改正的，责令停止使用有关特种设备，处一万元以上十万元以下罚款.
      {
        violation: '未按照安全技术规范的要求及时申报并接受特种设备定期检验',
        violated: '《中华人民共和国特种设备安全法》第四十条第一款',
        penalty: '《中华人民共和国特种设备安全法》第八十三条第（四）项',
        domain: '特种设备',
        kinds: ['FINE'],
        fine: [10000, 100000],
        limitation: 5,
        // Not 建筑施工: 特种设备安全法 第100条 leaves machinery on building sites to the construction authorities.
        parties: {
          industries: ['机械制造', '化工', '食品制造', '道路运输', '纺织服装'],
          persons: 0,
          kinds: ['COMPANY'],
        },
        measure: { kind: 'SEAL_UP', object: '超过定期检验有效期的叉车', productionEquipment: true },
      },
      // 第五十五条第一款: 广告费用三倍以上五倍以下；无法计算或者明显偏低的，二十万元以上一百万元以下；可以吊销营业执照.
      {
        violation: '发布虚假广告（广告费用无法计算或者明显偏低）',
        violated: '《中华人民共和国广告法》第二十八条',
        penalty: '《中华人民共和国广告法》第五十五条第一款',
        domain: '市场监管',
        kinds: ['FINE', 'REVOKE_LICENCE'],
        fine: [200000, 1000000],
        limitation: 2,
        // 第一款 penalises the 广告主; a media company publishing it falls under 第三款 (广告经营者、发布者).
        parties: { industries: ['医药', '批发零售', '食品制造'], persons: 0 },
      },
      // 第四十二条: 责令改正，没收违法所得，可以并处五千元以下的罚款.
      {
        violation: '经营者不按照规定明码标价',
        violated: '《中华人民共和国价格法》第十三条',
        penalty: '《中华人民共和国价格法》第四十二条',
        domain: '价格监督',
        kinds: ['FINE', 'CONFISCATE_GAINS'],
        fine: [0, 5000],
        limitation: 2,
        parties: { industries: ['批发零售', '餐饮服务', '医药', '水产养殖', '果蔬种植'], persons: 0 },
        simple: true,
      },
      // 第一百二十六条: 责令限期改正，给予警告；逾期不改正的，处十万元以上五十万元以下的罚款；情节严重的…责令停产停业整顿直至吊销.
      {
        violation: '药品经营企业未遵守药品经营质量管理规范',
        violated: '《中华人民共和国药品管理法》第五十三条第一款',
        penalty: '《中华人民共和国药品管理法》第一百二十六条',
        domain: '药品监管',
        kinds: ['WARNING', 'FINE', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [100000, 500000],
        limitation: 5,
        parties: { industries: ['医药'], persons: 0 },
      },
    ],
    drafts: [
      // 第四十条第一款: 没收违法所得，可以并处违法所得五倍以下的罚款; 价格违法行为行政处罚规定 第五条第一款 (串通操纵，
      // 造成商品价格较大幅度上涨的): 没有违法所得的，处 10 万元以上 100 万元以下的罚款 — the matter's fallback range
      // (rules/decision.ts fineRange).
      {
        violation: '经营者相互串通操纵市场价格',
        violated: '《中华人民共和国价格法》第十四条第（一）项',
        penalty: '《中华人民共和国价格法》第四十条第一款',
        domain: '价格监督',
        kinds: ['WARNING', 'FINE', 'CONFISCATE_GAINS', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [100000, 1000000],
        gains: [0, 5],
        limitation: 2,
        parties: { industries: ['批发零售'], persons: 0 },
      },
    ],
  },
  {
    name: '盐城市阜宁生态环境局',
    abbr: '阜环罚',
    domains: ['生态环境', '大气污染防治', '水污染防治', '固体废物'],
    weight: 14,
    violations: [
      // 第九十九条: 责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的…责令停业、关闭.
      {
        violation: '超过大气污染物排放标准排放大气污染物',
        violated: '《中华人民共和国大气污染防治法》第十八条',
        penalty: '《中华人民共和国大气污染防治法》第九十九条第（二）项',
        domain: '大气污染防治',
        kinds: ['FINE', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN'],
        fine: [100000, 1000000],
        limitation: 2,
        parties: { industries: ['化工', '机械制造', '新能源', '纺织服装'], persons: 0, kinds: ['COMPANY'] },
        measure: { kind: 'SEAL_UP', object: '超标排放的生产线及配套设施', productionEquipment: true },
      },
      // 第八十三条: 责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款.
      {
        violation: '通过私设暗管逃避监管的方式排放水污染物',
        violated: '《中华人民共和国水污染防治法》第三十九条',
        penalty: '《中华人民共和国水污染防治法》第八十三条第（三）项',
        domain: '水污染防治',
        kinds: ['FINE', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN'],
        fine: [100000, 1000000],
        limitation: 2,
        parties: {
          industries: ['化工', '纺织服装', '食品制造', '畜禽养殖'],
          persons: 0,
          kinds: ['COMPANY', 'FARMERS_COOPERATIVE'],
        },
        measure: { kind: 'SEAL_UP', object: '私设的暗管及配套排污设施', productionEquipment: true },
        // 逃避监管 is deliberate: never 轻微 nor 初次且危害后果轻微, and never without fault (行政处罚法 第33条).
        noPenalty: [],
      },
      // 2020 年修订: 第八十一条第二款 (贮存危险废物应当采取符合国家环境保护标准的防护措施); 第一百一十二条第一款第（六）项
      // (未按照国家环境保护标准贮存…危险废物): 责令改正，处以罚款，没收违法所得；情节严重的…可以责令停业或者关闭;
      // 第二款: 有前款第…六项…行为之一，处十万元以上一百万元以下的罚款.
      {
        violation: '未按照国家有关规定贮存危险废物',
        violated: `${固废法}第八十一条第二款`,
        penalty: `${固废法}第一百一十二条第一款第（六）项、第二款`,
        domain: '固体废物',
        kinds: ['FINE', 'CONFISCATE_GAINS', 'SUSPEND_OPERATIONS', 'CLOSE_DOWN'],
        fine: [100000, 1000000],
        limitation: 2,
        parties: { industries: ['化工', '电子信息', '机械制造', '新能源'], persons: 0, kinds: ['COMPANY'] },
        measure: { kind: 'SEIZURE', object: '违规贮存的危险废物', productionEquipment: false },
      },
    ],
    drafts: [
      // 第三十一条第二款 (报告书、报告表未经批准…擅自开工建设的，依照前款的规定处罚) — 第一款 sets the fine at 1%–5% of
      // the total investment; this draft models one tier of the county's benchmark (投资额 500 万元至 1000 万元), still
      // under discussion, so it is not published.
      {
        violation: '建设项目环境影响报告表未经批准擅自开工建设',
        violated: '《中华人民共和国环境影响评价法》第二十五条',
        penalty: '《中华人民共和国环境影响评价法》第三十一条第二款',
        domain: '生态环境',
        kinds: ['FINE'],
        fine: [50000, 500000],
        limitation: 2,
        parties: { industries: ['化工', '新能源'], persons: 0 },
      },
    ],
  },
  {
    name: '阜宁县交通运输局',
    abbr: '阜交罚',
    domains: ['交通运输', '道路运输', '公路路政', '水路运输'],
    weight: 10,
    violations: [
      // 2023 年修订: 第二十四条第一款 (申请从事货运经营…提出申请); 第六十三条第（一）项: 责令停止经营，并处罚款 —
      // 违法所得超过 1 万元的，没收违法所得，处违法所得 1 倍以上 5 倍以下的罚款；没有违法所得或者违法所得不足 1 万元的，
      // 处 3000 元以上 1 万元以下的罚款，情节严重的，处 1 万元以上 5 万元以下的罚款.
      {
        violation: '未取得道路运输经营许可擅自从事道路普通货物运输经营',
        violated: '《中华人民共和国道路运输条例》第二十四条第一款',
        penalty: '《中华人民共和国道路运输条例》第六十三条第（一）项',
        domain: '道路运输',
        kinds: ['FINE', 'CONFISCATE_GAINS'],
        fine: [3000, 10000],
        gains: [1, 5],
        gainsBelow: 10000,
        limitation: 2,
        parties: { industries: ['道路运输'], persons: 0.4 },
        measure: { kind: 'SEIZURE', object: '无证经营的货运车辆', productionEquipment: false },
      },
      // 公路法 第五十条第一款 (超限车辆不得在有限定标准的公路上行驶); 《公路安全保护条例》第六十四条: 责令改正，
      // 可以处 3 万元以下的罚款.
      {
        violation: '车辆违法超限运输',
        violated: '《中华人民共和国公路法》第五十条第一款',
        penalty: '《公路安全保护条例》第六十四条',
        domain: '公路路政',
        kinds: ['FINE'],
        fine: [0, 30000],
        limitation: 2,
        parties: { industries: ['道路运输', '建筑施工'], persons: 0.5 },
        simple: true,
      },
    ],
    drafts: [
      // 2023 年修订: 第八条第一款 (经营水路运输业务，应当…经…批准); 第三十三条 (未经许可擅自经营…): 责令停止经营，
      // 没收违法所得，并处违法所得 1 倍以上 5 倍以下的罚款；没有违法所得或者违法所得不足 3 万元的，处 3 万元以上 15 万元
      // 以下的罚款. (第三十四条 is 使用未取得船舶营运证件的船舶.)
      {
        violation: '未经许可擅自经营国内水路运输业务',
        violated: '《国内水路运输管理条例》第八条第一款',
        penalty: '《国内水路运输管理条例》第三十三条',
        domain: '水路运输',
        kinds: ['FINE', 'CONFISCATE_GAINS'],
        fine: [30000, 150000],
        gains: [1, 5],
        gainsBelow: 30000,
        limitation: 2,
        parties: { industries: ['道路运输'], persons: 0 },
      },
    ],
  },
  {
    name: '阜宁县综合行政执法局',
    abbr: '阜综执罚',
    domains: ['城市管理', '市容环境卫生', '城乡规划', '综合行政执法'],
    weight: 14,
    violations: [
      // 《噪声污染防治法》第六十四条第一款; 第八十二条第（一）项: 说服教育，责令改正；拒不改正的，给予警告，对单位可以处
      // 二千元以上二万元以下的罚款.
      {
        violation: '在噪声敏感建筑物集中区域使用高音广播喇叭招揽顾客',
        violated: '《中华人民共和国噪声污染防治法》第六十四条第一款',
        penalty: '《中华人民共和国噪声污染防治法》第八十二条第（一）项',
        domain: '综合行政执法',
        kinds: ['WARNING', 'FINE'],
        fine: [2000, 20000],
        limitation: 2,
        // The 单位 range: 个体工商户 are fined as 个人 (二百元以上一千元以下), so companies only.
        parties: { industries: ['批发零售', '餐饮服务', '文化娱乐'], persons: 0, kinds: ['COMPANY'] },
        simple: true,
      },
      // 第二十七条第（一）项 (擅自占用或者挖掘城市道路); 第四十二条 (违反本条例第二十七条规定…): 责令限期改正，可以处以
      // 2 万元以下的罚款.
      {
        violation: '擅自占用城市道路',
        violated: '《城市道路管理条例》第二十七条第（一）项',
        penalty: '《城市道路管理条例》第四十二条',
        domain: '城市管理',
        kinds: ['FINE'],
        fine: [0, 20000],
        limitation: 2,
        parties: { industries: ['餐饮服务', '批发零售', '果蔬种植'], persons: 0.6 },
        simple: true,
      },
      // 《城市建筑垃圾管理规定》(建设部令第 139 号) 第二十六条: 任何单位和个人随意倾倒、抛撒或者堆放建筑垃圾的，…责令限期
      // 改正，给予警告，并对单位处 5000 元以上 5 万元以下罚款，对个人处 200 元以下罚款. The duty it breaches, 第十五条 as
      // recalled, could not be checked against the text here (演示数据：第十五条未经核对).
      {
        violation: '单位随意倾倒建筑垃圾',
        violated: '《城市建筑垃圾管理规定》第十五条',
        penalty: '《城市建筑垃圾管理规定》第二十六条',
        domain: '市容环境卫生',
        kinds: ['WARNING', 'FINE'],
        fine: [5000, 50000],
        limitation: 2,
        parties: { industries: ['建筑施工', '道路运输'], persons: 0, kinds: ['COMPANY'] },
        measure: { kind: 'SEIZURE', object: '倾倒建筑垃圾的运输车辆', productionEquipment: false },
      },
      {
        violation: '个人随意倾倒建筑垃圾',
        violated: '《城市建筑垃圾管理规定》第十五条',
        penalty: '《城市建筑垃圾管理规定》第二十六条',
        domain: '市容环境卫生',
        kinds: ['WARNING', 'FINE'],
        fine: [0, 200],
        limitation: 2,
        parties: { industries: [], persons: 1 },
        simple: true,
      },
    ],
  },
  {
    name: '阜宁县应急管理局',
    abbr: '阜应急罚',
    domains: ['应急管理', '安全生产', '危险化学品'],
    weight: 9,
    violations: [
      // 第二十八条第一款; 第九十七条第（三）项: 责令限期改正，处十万元以下的罚款；逾期未改正的，责令停产停业整顿…
      {
        violation: '未按照规定对从业人员进行安全生产教育和培训',
        violated: `${安全生产法}第二十八条第一款`,
        penalty: `${安全生产法}第九十七条第（三）项`,
        domain: '安全生产',
        kinds: ['FINE', 'SUSPEND_OPERATIONS'],
        fine: [0, 100000],
        limitation: 2,
        parties: { industries: ['化工', '机械制造', '建筑施工', '新能源', '纺织服装'], persons: 0, kinds: ['COMPANY'] },
      },
      // 第四十一条第二款 (…及时发现并消除事故隐患); 第一百零二条: 责令立即消除或者限期消除，处五万元以下的罚款；拒不执行的，
      // 责令停产停业整顿.
      {
        violation: '未采取措施消除事故隐患',
        violated: `${安全生产法}第四十一条第二款`,
        penalty: `${安全生产法}第一百零二条`,
        domain: '安全生产',
        kinds: ['FINE', 'SUSPEND_OPERATIONS'],
        fine: [0, 50000],
        limitation: 2,
        parties: { industries: ['化工', '机械制造', '食品制造', '新能源'], persons: 0, kinds: ['COMPANY'] },
        measure: { kind: 'SEAL_UP', object: '存在重大事故隐患的生产设备', productionEquipment: true },
      },
    ],
    drafts: [
      // 第二十四条第一款 (危险化学品应当储存在专用仓库…内); 第八十条第一款第（四）项 (未将危险化学品储存在专用仓库内…):
      // 责令改正，处 5 万元以上 10 万元以下的罚款；拒不改正的，责令停产停业整顿直至…吊销其相关许可证件.
      {
        violation: '未将危险化学品储存在专用仓库内',
        violated: '《危险化学品安全管理条例》第二十四条第一款',
        penalty: '《危险化学品安全管理条例》第八十条第一款第（四）项',
        domain: '危险化学品',
        kinds: ['FINE', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [50000, 100000],
        limitation: 2,
        parties: { industries: ['化工'], persons: 0 },
      },
    ],
  },
  {
    name: '阜宁县卫生健康委员会',
    abbr: '阜卫罚',
    domains: ['卫生健康', '医疗机构监管', '公共卫生', '职业卫生'],
    weight: 7,
    violations: [
      // 2022 年修订 renumbered the articles: 第二十七条 (不得使用非卫生技术人员…); 第四十七条 (违反本条例第二十七条规定…):
      // 责令其限期改正，并可以处以 1 万元以上 10 万元以下的罚款；情节严重的，吊销其执业许可证或者责令其停止执业活动.
      // (Before 2022: 第二十八条 / 第四十八条, 5000 元以下.)
      {
        violation: '医疗机构使用非卫生技术人员从事医疗卫生技术工作',
        violated: '《医疗机构管理条例》第二十七条',
        penalty: '《医疗机构管理条例》第四十七条',
        domain: '医疗机构监管',
        kinds: ['FINE', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [10000, 100000],
        limitation: 5,
        parties: { industries: ['医疗服务'], persons: 0 },
      },
      // 第六条 (供水单位供应的饮用水必须符合国家生活饮用水卫生标准); 第二十六条: 责令限期改进，并可处以 20 元以上 5000 元
      // 以下的罚款 — cited by article: the item for 饮用水不符合卫生标准 could not be checked against the text here.
      {
        violation: '集中式供水单位供应的饮用水不符合国家卫生标准',
        violated: '《生活饮用水卫生监督管理办法》第六条',
        penalty: '《生活饮用水卫生监督管理办法》第二十六条',
        domain: '公共卫生',
        kinds: ['FINE'],
        fine: [20, 5000],
        limitation: 5,
        parties: { industries: ['供水'], persons: 0 },
      },
    ],
  },
  {
    name: '阜宁县农业农村局',
    abbr: '阜农罚',
    domains: ['农业农村', '农药兽药', '种子', '动物防疫', '渔业'],
    weight: 8,
    violations: [
      // 2022 年修订: 第四十五条 defines 劣质农药 (the 条例 has no separate prohibition; 第二十七条 is the 销售台账);
      // 第五十六条: 责令停止经营，没收违法所得、违法经营的农药和用于违法经营的工具、设备等，货值金额不足 1 万元的，并处
      // 2000 元以上 2 万元以下罚款（1 万元以上的，货值金额 2 倍以上 5 倍以下）；情节严重的，吊销农药经营许可证.
      {
        violation: '经营劣质农药（货值金额不足一万元）',
        violated: '《农药管理条例》第四十五条',
        penalty: '《农药管理条例》第五十六条',
        domain: '农药兽药',
        kinds: ['FINE', 'CONFISCATE_GAINS', 'CONFISCATE_PROPERTY', 'REVOKE_LICENCE'],
        fine: [2000, 20000],
        limitation: 2,
        parties: { industries: ['农资经营'], persons: 0 },
        measure: { kind: 'SEIZURE', object: '涉案农药一批', productionEquipment: false },
      },
      // 2020 年修订: 第二十八条 (兽药经营企业购销兽药，应当建立购销记录; 第二十六条 is 购进核对), part of the 兽药经营质量
      // 管理规范 (第二十五条); 第五十九条第一款 (…经营企业未按照规定实施…经营质量管理规范的): 给予警告，责令其限期改正；
      // 逾期不改正的，责令停止…经营活动，并处 5 万元以下罚款；情节严重的，吊销…兽药经营许可证.
      {
        violation: '兽药经营企业未按规定建立购销记录',
        violated: '《兽药管理条例》第二十八条',
        penalty: '《兽药管理条例》第五十九条第一款',
        domain: '农药兽药',
        kinds: ['WARNING', 'FINE', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [0, 50000],
        limitation: 2,
        // The 兽药经营企业 (a veterinary-drug shop or dealer), never the livestock farm that buys from it.
        parties: { industries: ['兽药经营'], persons: 0 },
        simple: true,
      },
    ],
  },
  {
    name: '阜宁县文化广电和旅游局',
    abbr: '阜文旅罚',
    domains: ['文化市场', '旅游', '广播电视', '出版'],
    weight: 5,
    violations: [
      // 2022 年修订: 第二十一条第一款; 第三十一条第（二）项: 给予警告，可以并处 15000 元以下的罚款；情节严重的，责令停业整顿，
      // 直至吊销《网络文化经营许可证》.
      {
        violation: '互联网上网服务营业场所接纳未成年人',
        violated: '《互联网上网服务营业场所管理条例》第二十一条第一款',
        penalty: '《互联网上网服务营业场所管理条例》第三十一条第（二）项',
        domain: '文化市场',
        kinds: ['WARNING', 'FINE', 'SUSPEND_OPERATIONS', 'REVOKE_LICENCE'],
        fine: [0, 15000],
        limitation: 2,
        parties: { industries: ['文化娱乐'], persons: 0 },
        simple: true,
      },
      // 2020 年修订: 第二十八条 (应当与旅游者签订旅游合同); 第五十五条第（一）项 (未与旅游者签订旅游合同): 责令改正，处 2 万元
      // 以上 10 万元以下的罚款；情节严重的，责令停业整顿 1 个月至 3 个月.
      {
        violation: '旅行社未与旅游者签订旅游合同',
        violated: '《旅行社条例》第二十八条',
        penalty: '《旅行社条例》第五十五条第（一）项',
        domain: '旅游',
        kinds: ['FINE', 'SUSPEND_OPERATIONS'],
        fine: [20000, 100000],
        limitation: 2,
        parties: { industries: ['旅游服务'], persons: 0 },
      },
    ],
  },
  {
    name: '阜宁县自然资源和规划局',
    abbr: '阜自然资罚',
    domains: ['自然资源', '土地管理', '矿产资源', '测绘地理信息'],
    weight: 5,
    violations: [
      // 第七十七条第一款: 责令退还，限期拆除或者没收新建的建筑物和其他设施，可以并处罚款；《土地管理法实施条例》第五十七条: 每平方米 100 元以上 1000 元以下.
      // Modelled on a benchmark tier of up to 200 m² (¥20,000–200,000).
      {
        violation: '未经批准非法占用土地（200平方米以下）',
        violated: '《中华人民共和国土地管理法》第四十四条第一款',
        penalty: '《中华人民共和国土地管理法》第七十七条第一款',
        domain: '土地管理',
        kinds: ['FINE', 'CONFISCATE_PROPERTY'],
        fine: [20000, 200000],
        limitation: 2,
        parties: { industries: ['农业种植', '畜禽养殖', '建筑施工'], persons: 0.4 },
      },
    ],
    drafts: [
      // 2024 年修订的矿产资源法 (自 2025 年 7 月 1 日起施行): 第五条第一款 (开采矿产资源应当依法取得采矿权); 第六十四条第一款:
      // 责令停止违法行为，没收直接用于违法开采的工具、设备以及违法采出的矿产品，并处矿产品市场价值 3 倍以上 5 倍以下罚款；
      // 没有采出矿产品或者市场价值不足 10 万元的，并处 10 万元以上 100 万元以下罚款；拒不停止违法行为的，可以责令停业整顿.
      // Still a draft: the county's benchmark for the new article is not yet set.
      {
        violation: '未取得采矿权开采矿产资源（违法采出的矿产品市场价值不足十万元）',
        violated: '《中华人民共和国矿产资源法》第五条第一款',
        penalty: '《中华人民共和国矿产资源法》第六十四条第一款',
        domain: '矿产资源',
        kinds: ['FINE', 'CONFISCATE_PROPERTY', 'SUSPEND_OPERATIONS'],
        fine: [100000, 1000000],
        limitation: 2,
        parties: { industries: ['建筑施工'], persons: 0.3 },
        measure: { kind: 'SEIZURE', object: '非法采矿使用的挖掘机', productionEquipment: true },
      },
    ],
  },
  {
    name: '阜宁县住房和城乡建设局',
    abbr: '阜住建罚',
    domains: ['住房和城乡建设', '建筑市场', '物业管理', '燃气'],
    weight: 4,
    violations: [
      // 2016 年修订: 第十七条第一款 (燃气经营者…并对燃气设施定期进行安全检查); 第四十六条第（七）项 (…或者未对燃气用户的
      // 燃气设施定期进行安全检查): 责令限期改正，处 1 万元以上 10 万元以下罚款；有违法所得的，没收违法所得；情节严重的，
      // 吊销燃气经营许可证.
      {
        violation: '燃气经营者未对燃气用户的燃气设施定期进行安全检查',
        violated: '《城镇燃气管理条例》第十七条第一款',
        penalty: '《城镇燃气管理条例》第四十六条第（七）项',
        domain: '燃气',
        kinds: ['FINE', 'CONFISCATE_GAINS', 'REVOKE_LICENCE'],
        fine: [10000, 100000],
        limitation: 2,
        parties: { industries: ['燃气供应'], persons: 0 },
      },
      // 第二十八条第（四）项 (擅自安装、改装、拆除户内燃气设施和燃气计量装置; 第（五）项 is 不具备安全条件的场所使用、储存);
      // 第四十九条第一款第（四）项: 责令限期改正；逾期不改正的，对单位可以处 10 万元以下罚款，对个人可以处 1000 元以下罚款.
      {
        violation: '燃气用户擅自改装户内燃气设施',
        violated: '《城镇燃气管理条例》第二十八条第（四）项',
        penalty: '《城镇燃气管理条例》第四十九条第一款第（四）项',
        domain: '燃气',
        kinds: ['FINE'],
        fine: [0, 1000],
        limitation: 2,
        parties: { industries: [], persons: 1 },
        simple: true,
      },
    ],
  },
];

export const SURNAMES = '王张陈李刘徐朱周吴孙杨胡高陆顾沈薛唐严蒋许马丁姚钱冯戴夏卢邵';
export const GIVEN = [
  '建国',
  '志强',
  '海燕',
  '秀兰',
  '卫东',
  '晓明',
  '春华',
  '丽娟',
  '国庆',
  '玉梅',
  '俊杰',
  '文博',
  '雪梅',
  '红霞',
  '子涵',
  '宇航',
  '思远',
  '立新',
  '美玲',
  '学军',
  '德华',
  '亚楠',
  '浩然',
  '静怡',
  '正阳',
  '桂英',
  '永刚',
  '晨曦',
  '明辉',
  '婷婷',
  '小军',
  '梓萱',
  '家豪',
  '慧敏',
  '国华',
  '淑芬',
  '天佑',
  '佳怡',
  '振宇',
  '书琴',
];

export const TRADE_NAMES = [
  '华盛',
  '金阜',
  '鑫源',
  '苏北',
  '益丰',
  '恒达',
  '瑞祥',
  '宏远',
  '新阳',
  '东沃',
  '天成',
  '汇通',
  '盛隆',
  '永康',
  '众诚',
  '嘉禾',
  '富民',
  '腾飞',
  '安泰',
  '长荣',
  '鼎盛',
  '锦程',
  '和顺',
  '明辉',
  '利民',
  '兴阜',
  '广源',
  '德茂',
  '佳禾',
  '中诚',
  '润泽',
  '海通',
  '银河',
  '顺达',
  '金穗',
  '绿源',
  '博远',
  '同心',
  '聚丰',
  '春晖',
];

export interface IndustrySpec {
  industry: string;
  company: string;
  /** An individual business (个体工商户) of this trade, or null when there is none. */
  shop: string | null;
  /** A farmers' cooperative of this trade, or null. */
  cooperative: string | null;
}

export const INDUSTRIES: readonly IndustrySpec[] = [
  { industry: '食品制造', company: '食品有限公司', shop: '食品店', cooperative: null },
  { industry: '餐饮服务', company: '餐饮管理有限公司', shop: '饭店', cooperative: null },
  { industry: '纺织服装', company: '纺织有限公司', shop: '服装店', cooperative: null },
  { industry: '机械制造', company: '机械制造有限公司', shop: '机械修理部', cooperative: null },
  { industry: '化工', company: '化工有限公司', shop: null, cooperative: null },
  { industry: '建筑施工', company: '建设工程有限公司', shop: null, cooperative: null },
  { industry: '道路运输', company: '物流有限公司', shop: '货运部', cooperative: null },
  { industry: '批发零售', company: '商贸有限公司', shop: '便利店', cooperative: null },
  { industry: '农业种植', company: '农业科技有限公司', shop: null, cooperative: '稻麦种植专业合作社' },
  // Selling farm inputs is a trade of its own: the 农药经营者 (农药管理条例) is the 农资 dealer, not the grower.
  { industry: '农资经营', company: '农资有限公司', shop: '农资店', cooperative: null },
  { industry: '畜禽养殖', company: '牧业有限公司', shop: '养殖场', cooperative: '畜禽养殖专业合作社' },
  // The 兽药经营企业 (兽药管理条例) is a veterinary-drug shop or dealer, not the livestock farm.
  { industry: '兽药经营', company: '兽药有限公司', shop: '兽药店', cooperative: null },
  { industry: '水产养殖', company: '水产有限公司', shop: '水产店', cooperative: '水产养殖专业合作社' },
  { industry: '果蔬种植', company: '生态农业有限公司', shop: '果蔬店', cooperative: '果蔬专业合作社' },
  { industry: '医药', company: '医药连锁有限公司', shop: '药店', cooperative: null },
  { industry: '文化娱乐', company: '文化传媒有限公司', shop: '网吧', cooperative: null },
  { industry: '新能源', company: '新能源科技有限公司', shop: null, cooperative: null },
  { industry: '电子信息', company: '电子科技有限公司', shop: '电器维修部', cooperative: null },
  { industry: '医疗服务', company: '医院有限公司', shop: '诊所', cooperative: null },
  { industry: '旅游服务', company: '国际旅行社有限公司', shop: null, cooperative: null },
  { industry: '燃气供应', company: '燃气有限公司', shop: '液化气供应站', cooperative: null },
  { industry: '供水', company: '供水有限公司', shop: null, cooperative: null },
];

/**
 * 民办非企业单位 (社会服务机构, registered by civil affairs: USCC 52…): not 市场主体, so no demo violation — all
 * of 生产经营 or of a licensed trade — fits them.
 */
export const NON_MARKET_INDUSTRIES: readonly { industry: string; name: string }[] = [
  { industry: '职业培训', name: '职业培训学校' },
  { industry: '养老服务', name: '养老服务中心' },
  { industry: '社会工作服务', name: '社会工作服务中心' },
];

export const STREETS = [
  '人民路',
  '阜城大街',
  '香港路',
  '崔湾路',
  '双园路',
  '通榆路',
  '金沙湖路',
  '益林大道',
  '工业园路',
  '新华路',
  '建设路',
  '民主路',
];
export const VILLAGES = [
  '新庄村',
  '王集村',
  '陈楼村',
  '东升村',
  '永兴村',
  '红旗村',
  '前进村',
  '光明村',
  '合兴村',
  '三联村',
];

/** The agency's document prefix (Agency.documentPrefix): 阜市监罚 → 阜市监. */
export function documentPrefixOf(a: Pick<AgencySpec, 'abbr'>): string {
  return a.abbr.replace(/罚$/, '');
}

/** The last fen of the 从轻 tier: the lowest 30 % of the range (the demo benchmark, 行政处罚法 第34条). */
export function lighterMaxFen(v: Pick<Violation, 'fine'>): bigint {
  const [min, max] = v.fine.map((y) => BigInt(y) * 100n);
  return min + ((max - min) * 30n) / 100n;
}

/**
 * The demo 裁量基准 (第34条): 从轻 in the lowest 30 % of the range (第32条 circumstances), 一般 the whole range,
 * and 减轻 below the minimum where the provision has one — stored as EnforcementMatter.benchmark.
 */
function demoBenchmark(v: Violation) {
  if (!v.kinds.includes('FINE') || v.fine[1] === 0) return [];
  const min = BigInt(v.fine[0]) * 100n;
  const fen = (x: bigint | null) => (x === null ? null : x.toString());
  return [
    ...(min > 0n
      ? [
          {
            tier: 'MITIGATED',
            fineMinFen: null,
            fineMaxFen: fen(min - 100n),
            penaltyKinds: [],
            circumstances:
              '主动消除或者减轻违法行为危害后果，且受他人胁迫或者诱骗、配合查处有立功表现等（行政处罚法第32条）',
          },
        ]
      : []),
    {
      tier: 'LIGHTER',
      fineMinFen: fen(min > 0n ? min : null),
      fineMaxFen: fen(lighterMaxFen(v)),
      penaltyKinds: [],
      circumstances:
        '主动消除或者减轻违法行为危害后果；主动供述行政机关尚未掌握的违法行为；配合查处有立功表现（行政处罚法第32条）',
    },
    {
      tier: 'GENERAL',
      fineMinFen: fen(min > 0n ? min : null),
      fineMaxFen: fen(BigInt(v.fine[1]) * 100n),
      penaltyKinds: [],
      circumstances: '',
    },
  ];
}

/** The enforcement matter (行政执法事项) of a violation: range in fen, kinds, limitation. */
function matterOf(v: Violation, code: string, published: boolean) {
  return {
    code,
    name: v.violation,
    domain: v.domain,
    agencyKinds: ['ENFORCEMENT_AGENCY' as const],
    violatedProvision: v.violated,
    penaltyProvision: v.penalty,
    penaltyKinds: [...v.kinds],
    fineMinFen: v.fine[0] > 0 ? BigInt(v.fine[0]) * 100n : null,
    fineMaxFen: v.fine[1] > 0 ? BigInt(v.fine[1]) * 100n : null,
    gainsMultipleMin: v.gains && v.gains[0] > 0 ? v.gains[0] : null,
    gainsMultipleMax: v.gains ? v.gains[1] : null,
    fallbackBelowFen: v.gainsBelow ? BigInt(v.gainsBelow) * 100n : null,
    limitationYears: v.limitation,
    // 并处: 处…罚款 makes the fine the penalty; 给予警告…罚款 provisions here read as one or the other (警告；逾期
    // 不改正的，处…罚款).
    mandatoryKinds: v.kinds.includes('FINE') && !v.kinds.includes('WARNING') ? ['FINE' as const] : [],
    alternativeKinds:
      v.kinds.includes('FINE') && v.kinds.includes('WARNING') ? ['WARNING' as const, 'FINE' as const] : [],
    benchmark: demoBenchmark(v),
    published,
  };
}

/** The demo enforcement matters: one published per violation (FN-01-02), and the drafts (FN-01-D1), unpublished. */
export function demoMatters() {
  return ENFORCEMENT_AGENCIES.flatMap((a, ai) => [
    ...a.violations.map((v, vi) => ({
      agencyIndex: ai,
      violationIndex: vi,
      ...matterOf(v, `FN-${String(ai + 1).padStart(2, '0')}-${String(vi + 1).padStart(2, '0')}`, true),
    })),
    ...(a.drafts ?? []).map((v, di) => ({
      agencyIndex: ai,
      violationIndex: -1,
      ...matterOf(v, `FN-${String(ai + 1).padStart(2, '0')}-D${di + 1}`, false),
    })),
  ]);
}

/**
 * Whether a party fits a violation: a business of a listed industry (any 市场主体 for 'any') and of a listed kind,
 * or a natural person where those commit it.
 */
export function partyFits(
  v: Pick<Violation, 'parties'>,
  party: { partyKind: 'ENTERPRISE' | 'NATURAL_PERSON'; industry: string | null; kind: EnterpriseKind | null },
): boolean {
  if (party.partyKind === 'NATURAL_PERSON') return v.parties.persons > 0;
  const industry = party.industry ?? '';
  const industryFits =
    v.parties.industries === 'any'
      ? INDUSTRIES.some((i) => i.industry === industry)
      : v.parties.industries.includes(industry);
  const kindFits = !v.parties.kinds || (party.kind !== null && v.parties.kinds.includes(party.kind));
  return v.parties.persons < 1 && industryFits && kindFits;
}

/** The 第33条 grounds a demo case of this violation may rest on. */
export function noPenaltyGroundsOf(v: Pick<Violation, 'noPenalty'>): readonly NoPenaltyGround[] {
  return v.noPenalty ?? NO_PENALTY_GROUNDS_ALL;
}
