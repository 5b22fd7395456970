// Demo data: three published county non-penalty lists in the style of real ones (包容审慎执法清单),
// for market regulation, ecology and environment, and transport. Agencies are found by name; a missing
// agency is skipped with a log line, so the plugin seeds on any core demo data.
import { RuleViolation, type SeedContext, type UnitOfWork } from '@zhifa/core';
import { actorOf, type Viewer } from '@zhifa/core/auth';
import { shanghaiToday } from '@zhifa/core/time';
import { DEFAULT_CONDITIONS, provisionsMatch, type NonPenaltyItemKind } from './rules.js';
import { grantNonPenaltyInTx } from './grant.js';
import { NON_PENALTY_KIND, nonPenaltyAttributes } from './attributes.js';
import { NON_PENALTY_LIST_TOPICS } from './topics.js';

type Row = [
  violation: string,
  violated: string,
  penalty: string,
  kind: NonPenaltyItemKind,
  days: number,
  fineYuan: number | null,
];

interface DemoList {
  agency: string;
  domain: string;
  title: string;
  /** Earlier version, now superseded: the first `n` items, published a year before. */
  previousVersionItems?: number;
  rows: Row[];
}

const SHI = '《中华人民共和国市场主体登记管理条例》';
const GU = '《中华人民共和国固体废物污染环境防治法》';
const DA = '《中华人民共和国大气污染防治法》';
const PW = '《排污许可管理条例》';
const DY = '《中华人民共和国道路运输条例》';
const WX = '《机动车维修管理规定》';

export const DEMO_LISTS: DemoList[] = [
  {
    agency: '阜宁县市场监督管理局',
    domain: '市场监管',
    title: '阜宁县市场监管领域轻微违法行为不予行政处罚清单',
    previousVersionItems: 8,
    rows: [
      ['未按规定公示营业执照', `${SHI}第三十六条`, `${SHI}第四十八条`, 'FIRST_OFFENCE', 10, 3000],
      ['市场主体住所变更未按规定办理变更登记', `${SHI}第二十四条`, `${SHI}第四十六条`, 'FIRST_OFFENCE', 30, 10000],
      ['未按规定办理章程、清算组成员等备案', `${SHI}第二十九条`, `${SHI}第四十七条`, 'MINOR', 30, 5000],
      [
        '未按规定报送并公示年度报告',
        '《企业信息公示暂行条例》第八条',
        '《企业信息公示暂行条例》第十七条',
        'MINOR',
        15,
        null,
      ],
      [
        '经营者未明码标价',
        '《中华人民共和国价格法》第十三条',
        '《中华人民共和国价格法》第四十二条',
        'FIRST_OFFENCE',
        3,
        5000,
      ],
      [
        '食品经营者未在经营场所显著位置悬挂食品经营许可证',
        '《食品经营许可和备案管理办法》第二十九条',
        '《食品经营许可和备案管理办法》第五十二条',
        'FIRST_OFFENCE',
        5,
        2000,
      ],
      [
        '未按规定建立并执行从业人员健康管理制度',
        '《中华人民共和国食品安全法》第四十五条',
        '《中华人民共和国食品安全法》第一百二十六条',
        'FIRST_OFFENCE',
        10,
        5000,
      ],
      [
        '产品或其包装上未标注中文厂名厂址',
        '《中华人民共和国产品质量法》第二十七条',
        '《中华人民共和国产品质量法》第五十四条',
        'MINOR',
        7,
        null,
      ],
      [
        '广告中使用“最佳”“最高级”等绝对化用语，社会影响轻微',
        '《中华人民共和国广告法》第九条',
        '《中华人民共和国广告法》第五十七条',
        'FIRST_OFFENCE',
        0,
        200000,
      ],
      [
        '使用的计量器具未按规定申请检定',
        '《中华人民共和国计量法》第九条',
        '《中华人民共和国计量法实施细则》第四十三条',
        'FIRST_OFFENCE',
        15,
        1000,
      ],
      [
        '特种设备经检验合格但未按规定办理使用登记',
        '《中华人民共和国特种设备安全法》第三十三条',
        '《中华人民共和国特种设备安全法》第八十三条',
        'FIRST_OFFENCE',
        15,
        10000,
      ],
      [
        '电子商务经营者未在首页显著位置公示营业执照信息',
        '《中华人民共和国电子商务法》第十五条',
        '《中华人民共和国电子商务法》第七十六条',
        'FIRST_OFFENCE',
        7,
        10000,
      ],
      [
        '销售不知道是侵犯注册商标专用权的商品，能证明合法取得并说明提供者',
        '《中华人民共和国商标法》第五十七条',
        '《中华人民共和国商标法》第六十条第二款',
        'NO_FAULT',
        0,
        null,
      ],
      [
        '食用农产品销售者履行进货查验义务、有充分证据证明不知道所售产品不符合食品安全标准',
        '《中华人民共和国食品安全法》第三十四条',
        '《中华人民共和国食品安全法》第一百三十六条',
        'NO_FAULT',
        0,
        null,
      ],
    ],
  },
  {
    agency: '盐城市阜宁生态环境局',
    domain: '生态环境',
    title: '阜宁县生态环境领域不予行政处罚事项清单',
    rows: [
      ['未按规定设置危险废物识别标志', `${GU}第七十七条`, `${GU}第一百一十二条`, 'FIRST_OFFENCE', 10, 100000],
      [
        '未按规定制定危险废物管理计划或者申报危险废物有关资料',
        `${GU}第七十八条`,
        `${GU}第一百一十二条`,
        'FIRST_OFFENCE',
        15,
        100000,
      ],
      [
        '超过大气污染物排放标准排放大气污染物（超标倍数0.1倍以内且持续时间短）',
        `${DA}第十八条`,
        `${DA}第九十九条`,
        'MINOR',
        3,
        100000,
      ],
      ['未按规定填报排污登记表', `${PW}第二十四条`, `${PW}第四十三条`, 'FIRST_OFFENCE', 20, null],
      ['排污单位未按规定公开污染物排放信息', `${PW}第二十三条`, `${PW}第三十六条`, 'FIRST_OFFENCE', 10, 20000],
      ['未按规定保存原始监测记录', `${PW}第二十一条`, `${PW}第三十七条`, 'FIRST_OFFENCE', 10, 20000],
      [
        '施工工地未采取覆盖等扬尘防治措施（面积较小且及时整改）',
        `${DA}第六十九条`,
        `${DA}第一百一十五条`,
        'MINOR',
        1,
        10000,
      ],
      ['露天焚烧少量落叶、杂草等产生烟尘污染物质，立即熄灭', `${DA}第七十七条`, `${DA}第一百一十九条`, 'MINOR', 0, 500],
      [
        '建设项目环境影响登记表未依法备案',
        '《中华人民共和国环境影响评价法》第二十二条',
        '《中华人民共和国环境影响评价法》第三十一条第三款',
        'FIRST_OFFENCE',
        30,
        50000,
      ],
      [
        '夜间施工未按规定取得证明，接报后立即停止',
        '《中华人民共和国噪声污染防治法》第四十三条',
        '《中华人民共和国噪声污染防治法》第七十七条',
        'MINOR',
        0,
        10000,
      ],
      [
        '排污口未按规定设置标志牌',
        '《中华人民共和国水污染防治法》第二十二条',
        '《中华人民共和国水污染防治法》第八十四条',
        'FIRST_OFFENCE',
        10,
        null,
      ],
      [
        '因供电中断等第三方原因致污染防治设施短暂停运并及时报告',
        `${DA}第二十条`,
        `${DA}第九十九条`,
        'NO_FAULT',
        0,
        null,
      ],
    ],
  },
  {
    agency: '阜宁县交通运输局',
    domain: '交通运输',
    title: '阜宁县交通运输领域首违不罚事项清单',
    rows: [
      ['道路运输证件未随车携带', `${DY}第三十三条`, `${DY}第六十八条`, 'MINOR', 0, 200],
      [
        '道路运输从业人员未随车携带从业资格证',
        '《道路运输从业人员管理规定》第三十六条',
        '《道路运输从业人员管理规定》第四十八条',
        'FIRST_OFFENCE',
        0,
        200,
      ],
      [
        '道路运输车辆逾期未进行年度审验（逾期不超过30日）',
        '《道路运输车辆技术管理规定》第二十八条',
        '《道路运输车辆技术管理规定》第三十一条',
        'FIRST_OFFENCE',
        10,
        3000,
      ],
      [
        '客运班车未按核定线路行驶，未造成后果',
        '《道路旅客运输及客运站管理规定》第四十五条',
        '《道路旅客运输及客运站管理规定》第一百零三条',
        'FIRST_OFFENCE',
        0,
        3000,
      ],
      ['机动车维修经营者未按规定公示维修收费项目', `${WX}第三十一条`, `${WX}第五十二条`, 'FIRST_OFFENCE', 5, 1000],
      ['机动车维修经营者未按规定建立维修档案', `${WX}第三十九条`, `${WX}第五十二条`, 'FIRST_OFFENCE', 15, 1000],
      [
        '驾驶员培训机构未在经营场所公示收费标准',
        '《机动车驾驶员培训管理规定》第二十九条',
        '《机动车驾驶员培训管理规定》第五十条',
        'FIRST_OFFENCE',
        5,
        1000,
      ],
      [
        '车辆违法超限运输（超限率5%以内且当场卸载）',
        '《中华人民共和国公路法》第五十条',
        '《公路安全保护条例》第六十四条',
        'MINOR',
        0,
        1000,
      ],
      [
        '在公路用地范围内堆放物品，未影响通行并及时清除',
        '《中华人民共和国公路法》第四十六条',
        '《中华人民共和国公路法》第七十七条',
        'MINOR',
        1,
        5000,
      ],
      [
        '网约车驾驶员未随车携带网络预约出租汽车运输证',
        '《网络预约出租汽车经营服务管理暂行办法》第十六条',
        '《网络预约出租汽车经营服务管理暂行办法》第三十六条',
        'FIRST_OFFENCE',
        0,
        500,
      ],
      [
        '船舶未按规定随船携带船舶营运证件',
        '《国内水路运输管理条例》第十六条',
        '《国内水路运输管理条例》第三十八条',
        'FIRST_OFFENCE',
        0,
        2000,
      ],
    ],
  },
];

const CONDITIONS_TEXT: Record<NonPenaltyItemKind, (days: number) => string> = {
  MINOR: (d) => `违法行为轻微并${d === 0 ? '当场' : `在 ${d} 日内`}改正，没有造成危害后果的`,
  FIRST_OFFENCE: (d) => `初次违法且危害后果轻微，并${d === 0 ? '当场' : `在 ${d} 日内`}改正的`,
  NO_FAULT: () => '当事人有证据足以证明没有主观过错的',
};

const LEVEL: Record<NonPenaltyItemKind, string> = {
  MINOR: '不予处罚（轻微）',
  FIRST_OFFENCE: '不予处罚（首违）',
  NO_FAULT: '不予处罚（无过错）',
};

/** A published matter of the county whose 违法依据 is the item's: the item points at it (items and cases then match by matter). */
type DemoMatter = { code: string; violatedProvision: string };

function itemRows(listId: number, domain: string, rows: Row[], matters: readonly DemoMatter[] = []) {
  return rows.map(([violation, violatedProvision, penaltyProvision, itemKind, days, fineYuan], i) => ({
    listId,
    seq: i + 1,
    domain,
    discretionLevel: LEVEL[itemKind],
    violation,
    violatedProvision,
    penaltyProvision,
    applicableConditions: CONDITIONS_TEXT[itemKind](days),
    attributes: {
      itemKind,
      conditions: DEFAULT_CONDITIONS[itemKind],
      correctionDeadlineDays: days,
      fineFenIfPenalised: fineYuan === null ? null : fineYuan * 100,
      matterCode: matters.find((m) => provisionsMatch(m.violatedProvision, violatedProvision))?.code ?? null,
    },
  }));
}

/** One demo list (with its superseded first version, if any), written in the seed's unit of work with its publication event. */
async function seedList(uow: UnitOfWork, spec: DemoList, log: (line: string) => void) {
  const prisma = uow.tx;
  const agency = await prisma.agency.findUnique({ where: { name: spec.agency } });
  if (!agency)
    return log(`不予处罚清单：未找到 ${spec.agency}，跳过 / non-penalty list: agency ${spec.agency} absent, skipped`);
  const series = await prisma.listSeries.create({ data: { kind: NON_PENALTY_KIND } });
  const base = {
    kind: NON_PENALTY_KIND,
    seriesId: series.id,
    domain: spec.domain,
    agencyId: agency.id,
    title: spec.title,
  };
  let previousVersionId: number | null = null;
  let version = 1;
  if (spec.previousVersionItems) {
    const v1 = await prisma.enforcementList.create({
      data: {
        ...base,
        version: 1,
        status: 'REPEALED',
        validFrom: new Date(Date.UTC(2024, 2, 1)),
        publishedAt: new Date('2024-02-20T02:00:00Z'),
        repealedAt: new Date('2025-02-25T02:00:00Z'),
        supersededAt: new Date('2025-02-25T02:00:00Z'),
        repealReason: '已被第 2 版取代（Superseded by version 2）',
      },
    });
    await prisma.listItem.createMany({
      data: itemRows(v1.id, spec.domain, spec.rows.slice(0, spec.previousVersionItems)),
    });
    previousVersionId = v1.id;
    version = 2;
  }
  const matters = await prisma.enforcementMatter.findMany({
    where: { published: true, domain: spec.domain },
    select: { code: true, violatedProvision: true },
    orderBy: { code: 'asc' },
  });
  const list = await prisma.enforcementList.create({
    data: {
      ...base,
      version,
      status: 'PUBLISHED',
      validFrom: new Date(Date.UTC(2025, 2, 1)),
      validUntil: new Date(Date.UTC(2027, 1, 28)),
      publishedAt: new Date('2025-02-25T02:00:00Z'),
      previousVersionId,
    },
  });
  await prisma.listItem.createMany({ data: itemRows(list.id, spec.domain, spec.rows, matters) });
  await uow.emit(
    NON_PENALTY_LIST_TOPICS.published,
    {
      listId: list.id,
      seriesId: series.id,
      version,
      domain: spec.domain,
      kind: NON_PENALTY_KIND,
      supersedes: previousVersionId,
    },
    { agencyId: agency.id, public: true },
  );
  log(`不予处罚清单 / non-penalty list: ${spec.title} v${version}, ${spec.rows.length} 项 items`);
}

/** At most this many demo cases are decided as 不予处罚. */
export const DEMO_GRANTS = 6;
const DAY = 86_400_000;

/**
 * Decide a few demo cases in legal review as no penalty, through grantNonPenaltyInTx: the same
 * checks, evaluation (first offence against the party's earlier cases included), core decision path
 * and event as the mutation, one transaction per case. A case the rules refuse is skipped and logged.
 * Seed hooks are not handed other plugins' case guards, so only core rules and this plugin's apply.
 */
async function grantDemoDecisions({ prisma, log, work }: SeedContext) {
  const items = await prisma.listItem.findMany({
    where: { list: { kind: NON_PENALTY_KIND, status: 'PUBLISHED' } },
    include: { list: true },
    orderBy: { id: 'asc' },
  });
  if (!items.length) return;
  const cases = await prisma.enforcementCase.findMany({
    where: { stage: 'LEGAL_REVIEW', partyKind: 'ENTERPRISE', decision: null },
    orderBy: { id: 'asc' },
  });
  let granted = 0;
  for (const c of cases) {
    if (granted >= DEMO_GRANTS) break;
    const item = items.find(
      (i) => i.list.agencyId === c.agencyId && provisionsMatch(c.violatedProvision, i.violatedProvision),
    );
    if (!item) continue;
    // A grant decides the case: the agency head's (行政处罚法 第57条); demo data without a head acts as the platform.
    const head = await prisma.person.findFirst({
      where: { agencyId: c.agencyId, roles: { has: 'AGENCY_HEAD' } },
      include: { agency: true },
      orderBy: { id: 'asc' },
    });
    const viewer: Viewer = head
      ? {
          kind: 'person',
          personId: head.id,
          name: head.name,
          agencyId: head.agencyId,
          agencyKind: head.agency.kind,
          roles: head.roles,
        }
      : DEMO_VIEWER;
    const days = nonPenaltyAttributes.parse(item.attributes).correctionDeadlineDays;
    // Ordered two days after registration (cases in legal review are at least ten days old) and
    // corrected within the item's deadline.
    const orderedOn = new Date(shanghaiToday(c.registeredAt).getTime() + 2 * DAY);
    const correctedOn = new Date(orderedOn.getTime() + Math.min(days, 1) * DAY);
    try {
      const d = await work(viewer, async (uow) => {
        // The demo case passed legal review (第58条) unless its procedure already records one.
        if (!(await uow.tx.caseStep.count({ where: { caseId: c.id, kind: 'LEGAL_REVIEW', outcome: 'APPROVED' } })))
          await uow.tx.caseStep.create({
            data: {
              caseId: c.id,
              kind: 'LEGAL_REVIEW',
              outcome: 'APPROVED',
              on: shanghaiToday(uow.now),
              note: '演示数据 demo data',
              actor: actorOf(DEMO_VIEWER),
            },
          });
        return grantNonPenaltyInTx(uow, {
          caseId: c.id,
          itemId: item.id,
          facts: { minorViolation: true, noHarm: true, minorHarm: true, correctionOrderedOn: orderedOn, correctedOn },
          correctionOrder: { content: `责令立即改正${item.violation}的违法行为，并于期限内提交整改材料`, orderedOn },
          education: `已向当事人法定代表人宣讲${item.violatedProvision}的规定，当事人表示今后严格遵守，不再违反。`,
          creditCheck: { checked: true, checkedOn: orderedOn },
        });
      });
      granted++;
      log(
        `不予处罚决定 / no-penalty decision: ${c.number} ← ${item.list.title} v${item.list.version} 第 ${item.seq} 项 (#${d.id})`,
      );
    } catch (err) {
      if (!(err instanceof RuleViolation)) throw err;
      log(`不予处罚：${c.number} 不符合条件，跳过 / skipped: ${err.messageEn}`);
    }
  }
}

export async function seedNonPenalty(ctx: SeedContext): Promise<void> {
  for (const spec of DEMO_LISTS)
    await ctx.work(DEMO_VIEWER, (uow) => seedList(uow, spec, ctx.log), {
      silent: 'a list whose agency is absent writes nothing',
    });
  await grantDemoDecisions(ctx);
}

const DEMO_VIEWER: Viewer = { kind: 'system', name: 'demo-data' };
