// The county as demo data: real township and department names of 阜宁县 (so the demo reads like the
// place the plan was written for), made-up people, enterprises and cases. Only the county
// government's name carries the （演示） marker, plus the Meta row demo_data=<time>: every record
// hangs off that tree, and the marker shows wherever the tree is shown.

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

export interface Violation {
  violation: string;
  violated: string;
  penalty: string;
  /** The provision's fine range, in yuan (0: no minimum): the demo enforcement matter's range. */
  fine: readonly [number, number];
  /** A compulsory measure this kind of case often involves. */
  measure?: { kind: 'SEAL_UP' | 'SEIZURE' | 'FREEZE'; object: string; productionEquipment: boolean };
}

export interface AgencySpec {
  name: string;
  /** Decision number prefix: 阜市监罚〔2025〕12号; without 罚 it is the agency's document prefix (阜市监). */
  abbr: string;
  domains: string[];
  /** Relative share of the county's cases. */
  weight: number;
  violations: Violation[];
}

export const ENFORCEMENT_AGENCIES: readonly AgencySpec[] = [
  {
    name: '阜宁县市场监督管理局',
    abbr: '阜市监罚',
    domains: ['市场监管', '食品安全', '药品监管', '特种设备', '知识产权', '价格监督'],
    weight: 24,
    violations: [
      { violation: '销售不符合食品安全标准的食品', violated: '《中华人民共和国食品安全法》第三十四条', penalty: '《中华人民共和国食品安全法》第一百二十四条', fine: [5000, 80000], measure: { kind: 'SEIZURE', object: '涉案预包装食品一批', productionEquipment: false } },
      // 第四十八条: 责令改正；拒不改正的，处 3 万元以下的罚款 (no minimum).
      { violation: '未按规定公示营业执照', violated: '《中华人民共和国市场主体登记管理条例》第三十六条', penalty: '《中华人民共和国市场主体登记管理条例》第四十八条', fine: [0, 30000] },
      { violation: '使用未经定期检验的特种设备', violated: '《中华人民共和国特种设备安全法》第四十条', penalty: '《中华人民共和国特种设备安全法》第八十四条', fine: [30000, 100000], measure: { kind: 'SEAL_UP', object: '未经定期检验的叉车', productionEquipment: true } },
      { violation: '发布虚假广告', violated: '《中华人民共和国广告法》第二十八条', penalty: '《中华人民共和国广告法》第五十五条', fine: [10000, 60000] },
      { violation: '经营者未明码标价', violated: '《中华人民共和国价格法》第十三条', penalty: '《中华人民共和国价格法》第四十二条', fine: [500, 5000] },
    ],
  },
  {
    name: '盐城市阜宁生态环境局',
    abbr: '阜环罚',
    domains: ['生态环境', '大气污染防治', '水污染防治', '固体废物'],
    weight: 14,
    violations: [
      { violation: '超过大气污染物排放标准排放大气污染物', violated: '《中华人民共和国大气污染防治法》第十八条', penalty: '《中华人民共和国大气污染防治法》第九十九条', fine: [100000, 500000], measure: { kind: 'SEAL_UP', object: '超标排放的生产线及配套设施', productionEquipment: true } },
      { violation: '建设项目环境影响评价文件未经批准擅自开工建设', violated: '《中华人民共和国环境影响评价法》第二十五条', penalty: '《中华人民共和国环境影响评价法》第三十一条', fine: [50000, 300000] },
      { violation: '未按规定贮存危险废物', violated: '《中华人民共和国固体废物污染环境防治法》第八十一条', penalty: '《中华人民共和国固体废物污染环境防治法》第一百一十二条', fine: [100000, 400000], measure: { kind: 'SEIZURE', object: '违规贮存的危险废物', productionEquipment: false } },
    ],
  },
  {
    name: '阜宁县交通运输局',
    abbr: '阜交罚',
    domains: ['交通运输', '道路运输', '公路路政', '水路运输'],
    weight: 10,
    violations: [
      { violation: '未取得道路运输经营许可擅自从事道路货物运输', violated: '《中华人民共和国道路运输条例》第二十四条', penalty: '《中华人民共和国道路运输条例》第六十三条', fine: [5000, 20000], measure: { kind: 'SEIZURE', object: '无证经营的货运车辆', productionEquipment: false } },
      { violation: '车辆违法超限运输', violated: '《中华人民共和国公路法》第五十条', penalty: '《公路安全保护条例》第六十四条', fine: [1000, 30000] },
    ],
  },
  {
    name: '阜宁县综合行政执法局',
    abbr: '阜综执罚',
    domains: ['城市管理', '市容环境卫生', '城乡规划', '综合行政执法'],
    weight: 14,
    violations: [
      { violation: '未取得建设工程规划许可证进行建设', violated: '《中华人民共和国城乡规划法》第四十条', penalty: '《中华人民共和国城乡规划法》第六十四条', fine: [10000, 100000] },
      { violation: '擅自占用城市道路', violated: '《城市道路管理条例》第二十七条', penalty: '《城市道路管理条例》第四十二条', fine: [500, 20000] },
      { violation: '随意倾倒建筑垃圾', violated: '《城市市容和环境卫生管理条例》第十六条', penalty: '《城市市容和环境卫生管理条例》第三十六条', fine: [1000, 50000], measure: { kind: 'SEIZURE', object: '倾倒建筑垃圾的运输车辆', productionEquipment: false } },
    ],
  },
  {
    name: '阜宁县应急管理局',
    abbr: '阜应急罚',
    domains: ['应急管理', '安全生产', '危险化学品'],
    weight: 9,
    violations: [
      { violation: '未按规定对从业人员进行安全生产教育和培训', violated: '《中华人民共和国安全生产法》第二十八条', penalty: '《中华人民共和国安全生产法》第九十七条', fine: [10000, 100000] },
      { violation: '未建立事故隐患排查治理制度', violated: '《中华人民共和国安全生产法》第四十一条', penalty: '《中华人民共和国安全生产法》第一百零二条', fine: [20000, 100000], measure: { kind: 'SEAL_UP', object: '存在重大事故隐患的生产设备', productionEquipment: true } },
    ],
  },
  {
    name: '阜宁县卫生健康委员会',
    abbr: '阜卫罚',
    domains: ['卫生健康', '医疗机构监管', '公共卫生', '职业卫生'],
    weight: 7,
    violations: [
      { violation: '医疗机构使用非卫生技术人员从事医疗卫生技术工作', violated: '《医疗机构管理条例》第二十七条', penalty: '《医疗机构管理条例》第四十七条', fine: [5000, 50000] },
      { violation: '集中式供水单位供应的饮用水不符合国家卫生标准', violated: '《生活饮用水卫生监督管理办法》第六条', penalty: '《生活饮用水卫生监督管理办法》第二十六条', fine: [2000, 20000] },
    ],
  },
  {
    name: '阜宁县农业农村局',
    abbr: '阜农罚',
    domains: ['农业农村', '农药兽药', '种子', '动物防疫', '渔业'],
    weight: 8,
    violations: [
      { violation: '经营劣质农药', violated: '《农药管理条例》第二十七条', penalty: '《农药管理条例》第五十六条', fine: [2000, 20000], measure: { kind: 'SEIZURE', object: '涉案农药一批', productionEquipment: false } },
      { violation: '兽药经营企业未按规定建立购销记录', violated: '《兽药管理条例》第二十六条', penalty: '《兽药管理条例》第五十九条', fine: [500, 5000] },
    ],
  },
  {
    name: '阜宁县文化广电和旅游局',
    abbr: '阜文旅罚',
    domains: ['文化市场', '旅游', '广播电视', '出版'],
    weight: 5,
    violations: [
      { violation: '互联网上网服务营业场所接纳未成年人', violated: '《互联网上网服务营业场所管理条例》第二十一条', penalty: '《互联网上网服务营业场所管理条例》第三十一条', fine: [1000, 15000] },
      { violation: '旅行社未与旅游者签订书面包价旅游合同', violated: '《中华人民共和国旅游法》第五十七条', penalty: '《中华人民共和国旅游法》第一百条', fine: [5000, 50000] },
    ],
  },
  {
    name: '阜宁县自然资源和规划局',
    abbr: '阜自然资罚',
    domains: ['自然资源', '土地管理', '矿产资源', '测绘地理信息'],
    weight: 5,
    violations: [
      { violation: '未经批准非法占用土地', violated: '《中华人民共和国土地管理法》第四十四条', penalty: '《中华人民共和国土地管理法》第七十七条', fine: [20000, 200000] },
      { violation: '未取得采矿许可证擅自采矿', violated: '《中华人民共和国矿产资源法》第三条', penalty: '《中华人民共和国矿产资源法》第三十九条', fine: [50000, 300000], measure: { kind: 'SEIZURE', object: '非法采矿使用的挖掘机', productionEquipment: true } },
    ],
  },
  {
    name: '阜宁县住房和城乡建设局',
    abbr: '阜住建罚',
    domains: ['住房和城乡建设', '建筑市场', '物业管理', '燃气'],
    weight: 4,
    violations: [
      { violation: '未取得施工许可证擅自施工', violated: '《中华人民共和国建筑法》第七条', penalty: '《建设工程质量管理条例》第五十七条', fine: [10000, 100000] },
      { violation: '燃气经营者未按规定对燃气设施进行安全检查', violated: '《城镇燃气管理条例》第二十条', penalty: '《城镇燃气管理条例》第四十七条', fine: [10000, 100000] },
    ],
  },
];

export const SURNAMES = '王张陈李刘徐朱周吴孙杨胡高陆顾沈薛唐严蒋许马丁姚钱冯戴夏卢邵';
export const GIVEN = [
  '建国', '志强', '海燕', '秀兰', '卫东', '晓明', '春华', '丽娟', '国庆', '玉梅', '俊杰', '文博', '雪梅', '红霞', '子涵',
  '宇航', '思远', '立新', '美玲', '学军', '德华', '亚楠', '浩然', '静怡', '正阳', '桂英', '永刚', '晨曦', '明辉', '婷婷',
  '小军', '梓萱', '家豪', '慧敏', '国华', '淑芬', '天佑', '佳怡', '振宇', '书琴',
];

export const TRADE_NAMES = [
  '华盛', '金阜', '鑫源', '苏北', '益丰', '恒达', '瑞祥', '宏远', '新阳', '东沃', '天成', '汇通', '盛隆', '永康', '众诚',
  '嘉禾', '富民', '腾飞', '安泰', '长荣', '鼎盛', '锦程', '和顺', '明辉', '利民', '兴阜', '广源', '德茂', '佳禾', '中诚',
  '润泽', '海通', '银河', '顺达', '金穗', '绿源', '博远', '同心', '聚丰', '春晖',
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
  { industry: '农业种植', company: '农业科技有限公司', shop: '农资店', cooperative: '稻麦种植专业合作社' },
  { industry: '畜禽养殖', company: '牧业有限公司', shop: null, cooperative: '畜禽养殖专业合作社' },
  { industry: '水产养殖', company: '水产有限公司', shop: '水产店', cooperative: '水产养殖专业合作社' },
  { industry: '果蔬种植', company: '生态农业有限公司', shop: '果蔬店', cooperative: '果蔬专业合作社' },
  { industry: '医药', company: '医药连锁有限公司', shop: '药店', cooperative: null },
  { industry: '文化娱乐', company: '文化传媒有限公司', shop: '网吧', cooperative: null },
  { industry: '新能源', company: '新能源科技有限公司', shop: null, cooperative: null },
  { industry: '电子信息', company: '电子科技有限公司', shop: '电器维修部', cooperative: null },
];

export const STREETS = ['人民路', '阜城大街', '香港路', '崔湾路', '双园路', '通榆路', '金沙湖路', '益林大道', '工业园路', '新华路', '建设路', '民主路'];
export const VILLAGES = ['新庄村', '王集村', '陈楼村', '东升村', '永兴村', '红旗村', '前进村', '光明村', '合兴村', '三联村'];

/** The agency's document prefix (Agency.documentPrefix): 阜市监罚 → 阜市监. */
export function documentPrefixOf(a: Pick<AgencySpec, 'abbr'>): string {
  return a.abbr.replace(/罚$/, '');
}

/** Domains where a violation endangers life and health (第36条: five years when harm followed). */
const FIVE_YEAR_DOMAINS = ['食品安全', '药品监管', '特种设备', '卫生健康', '安全生产', '危险化学品'];

/** The demo enforcement matter (行政执法事项) of each violation: code, range in fen, kinds, limitation. */
export function demoMatters() {
  return ENFORCEMENT_AGENCIES.flatMap((a, ai) =>
    a.violations.map((v, vi) => ({
      agencyIndex: ai,
      violationIndex: vi,
      code: `FN-${String(ai + 1).padStart(2, '0')}-${String(vi + 1).padStart(2, '0')}`,
      name: v.violation,
      domain: a.domains[0]!,
      agencyKinds: ['ENFORCEMENT_AGENCY' as const],
      violatedProvision: v.violated,
      penaltyProvision: v.penalty,
      penaltyKinds: ['WARNING' as const, 'FINE' as const, 'CONFISCATE_GAINS' as const],
      fineMinFen: v.fine[0] > 0 ? BigInt(v.fine[0]) * 100n : null,
      fineMaxFen: BigInt(v.fine[1]) * 100n,
      limitationYears: a.domains.some((d) => FIVE_YEAR_DOMAINS.includes(d)) && v.measure ? 5 : 2,
      published: true,
    })),
  );
}
