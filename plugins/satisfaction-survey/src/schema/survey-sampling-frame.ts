// The sampling frame 抽样框 on a campaign (county plan task 13; sampling-frame.ts says what it holds):
// SurveyCampaign.samplingFrame(margin, expectedRate) — strata with population and sample size, live while the
// campaign is a draft, the populations frozen when it opens (SurveyStratum rows; the sample size is recomputed for
// the margin asked) — and the organisation's files samplingFrameCsv / samplingFrameXlsx: stratum, enterprise name,
// USCC and its registered address. The graph holds no phone number for an enterprise, so the address is the one
// contact channel it has; no officer, no case. Supervisors and the executing organisation only.
import { z } from 'zod';
import {
  globalId,
  msg,
  pageByKey,
  pagedByKey,
  parseId,
  type Context,
  type CoreRefs,
  type ZhifaBuilder,
} from '@zhifa/core';
import type { SurveyCampaign } from '@zhifa/core/prisma';
import { canRunCampaigns, isOrganisationOf, stratumRule } from '../access.js';
import {
  FRAME_FILE_MAX_ROWS,
  FRAME_FILE_MIN_ROWS,
  framePopulations,
  frameRows,
  strataOf,
  type Stratum,
} from '../sampling-frame.js';
import {
  DEFAULT_MARGIN,
  defaultExpectedRate,
  EXPECTED_RATE_MAX,
  MARGIN_MAX,
  MARGIN_MIN,
} from '../rules/sample-size.js';
import { tableCsv, tableXlsxBase64, type Table } from '../tables.js';

interface Frame {
  margin: number;
  expectedRate: number;
  frozen: boolean;
  strata: Stratum[];
}

interface FrameFile {
  content: string;
  rows: number;
  nextAfter: number | null;
}

/** Supervisors, and the organisation executing the campaign: the frame lists enterprises, nobody else's business. */
const readsFrame = (c: SurveyCampaign, _a: unknown, ctx: Context) =>
  canRunCampaigns(ctx.viewer) || isOrganisationOf(ctx.viewer, c);

export function registerSurveySamplingFrame(builder: ZhifaBuilder, core: CoreRefs) {
  const StratumRef = builder.prismaObject('SurveyStratum', {
    description: '抽样框分层（一个被评价单位）A stratum of the sampling frame: one evaluated agency',
    rowRule: stratumRule,
    fields: (t) => ({
      // Strata are also built in memory before the campaign opens: the agency is read by id (Prisma batches the
      // lookups of one request tick into one statement).
      agency: t.field({
        type: core.Agency,
        description: '被评价单位 The evaluated agency',
        resolve: (s, _a, ctx) => ctx.prisma.agency.findUniqueOrThrow({ where: { id: s.agencyId } }),
      }),
      population: t.exposeInt('population', {
        description:
          '总体：期间内与该单位有案件（立案）的企业数 Enterprises party to a case the agency registered in the period',
      }),
      sampleSize: t.exposeInt('sampleSize', {
        description:
          '样本量 n = z²·p(1−p)/e²，有限总体校正，向上取整，不超过总体 Sample size: finite-population corrected, rounded up, at most the population',
      }),
    }),
  });

  const FileRef = builder.objectRef<FrameFile>('SurveySamplingFrameFile').implement({
    description: `抽样框文件的一页（至多 ${FRAME_FILE_MAX_ROWS} 行）One page of the sampling frame as a file, at most ${FRAME_FILE_MAX_ROWS} rows`,
    fields: (t) => ({
      content: t.exposeString('content', {
        description: 'CSV 文本，或 xlsx 的 base64 编码 The CSV text, or the xlsx file base64-encoded',
      }),
      rows: t.exposeInt('rows', { description: '本页行数（不含表头）Rows on this page, header not counted' }),
      hasNextPage: t.boolean({
        description: '还有下一页：以 endCursor 作 after 再取 Another page follows: ask again with after = endCursor',
        resolve: (f) => f.nextAfter !== null,
      }),
      endCursor: t.id({
        nullable: true,
        description:
          '本页最后一个企业（作下一页的 after）；最后一页为空 The page’s last enterprise, the next page’s after; null on the last page',
        resolve: (f) => (f.nextAfter === null ? null : globalId('Enterprise', f.nextAfter)),
      }),
    }),
  });

  const frameArgs = {
    margin: z
      .number()
      .min(
        MARGIN_MIN,
        msg(`允许误差须在 ${MARGIN_MIN}–${MARGIN_MAX} 之间`, `the margin is from ${MARGIN_MIN} to ${MARGIN_MAX}`),
      )
      .max(
        MARGIN_MAX,
        msg(`允许误差须在 ${MARGIN_MIN}–${MARGIN_MAX} 之间`, `the margin is from ${MARGIN_MIN} to ${MARGIN_MAX}`),
      ),
    expectedRate: z
      .number()
      .gt(
        0,
        msg(
          `预期满意率须大于 0 且不超过 ${EXPECTED_RATE_MAX}`,
          `the expected rate is above 0 and at most ${EXPECTED_RATE_MAX}`,
        ),
      )
      .max(
        EXPECTED_RATE_MAX,
        msg(
          `预期满意率须大于 0 且不超过 ${EXPECTED_RATE_MAX}`,
          `the expected rate is above 0 and at most ${EXPECTED_RATE_MAX}`,
        ),
      ),
    first: z
      .number()
      .int()
      .min(
        FRAME_FILE_MIN_ROWS,
        msg(
          `每页行数须在 ${FRAME_FILE_MIN_ROWS}–${FRAME_FILE_MAX_ROWS} 之间`,
          `rows per page from ${FRAME_FILE_MIN_ROWS} to ${FRAME_FILE_MAX_ROWS}`,
        ),
      )
      .max(
        FRAME_FILE_MAX_ROWS,
        msg(
          `每页行数须在 ${FRAME_FILE_MIN_ROWS}–${FRAME_FILE_MAX_ROWS} 之间`,
          `rows per page from ${FRAME_FILE_MIN_ROWS} to ${FRAME_FILE_MAX_ROWS}`,
        ),
      ),
  };

  /** The evaluated agencies, in id order. */
  const evaluatedIds = async (ctx: Context, campaignId: number) =>
    (
      await ctx.prisma.surveyCampaignUnit.findMany({
        where: { campaignId, evaluated: true },
        select: { agencyId: true },
        orderBy: { agencyId: 'asc' },
      })
    ).map((u) => u.agencyId);

  builder.prismaObjectFields('SurveyCampaign', (t) => ({
    samplingFrame: t.connection(
      {
        type: StratumRef,
        nullable: true,
        description:
          '抽样框：按被评价单位分层，各层企业总体与样本量（草稿时实时计算；开始调查后为固定的总体，样本量按所给误差重算；监督人员和执行机构可见）The sampling frame, one stratum per evaluated agency by id, with population and sample size: live while a draft, the frozen populations once open (sample sizes recomputed for the margin); supervisors and the executing organisation',
        authScopes: readsFrame,
        extensions: pagedByKey('agencyId'),
        args: {
          margin: t.arg.float({
            required: false,
            defaultValue: DEFAULT_MARGIN,
            description: `允许误差 e（${MARGIN_MIN}–${MARGIN_MAX}，默认 0.03 即 ±3 个百分点）Margin of error, default 0.03`,
            validate: frameArgs.margin,
          }),
          expectedRate: t.arg.float({
            required: false,
            description: `预期满意率 p（默认为项目目标满意率，至多 ${EXPECTED_RATE_MAX}）Expected rate; default the campaign’s target (at most ${EXPECTED_RATE_MAX})`,
            validate: frameArgs.expectedRate,
          }),
        },
        resolve: async (c, args, ctx) => {
          const margin = args.margin ?? DEFAULT_MARGIN;
          const p = args.expectedRate ?? defaultExpectedRate(c.targetRate);
          const frozen = c.status !== 'DRAFT';
          const populations = frozen
            ? new Map(
                (await ctx.prisma.surveyStratum.findMany({ where: { campaignId: c.id } })).map((r) => [
                  r.agencyId,
                  r.population,
                ]),
              )
            : await framePopulations(ctx.prisma, c, await evaluatedIds(ctx, c.id));
          const strata = strataOf(populations, p, margin).map((s) => ({ campaignId: c.id, ...s }));
          const frame: Frame = { margin, expectedRate: p, frozen, strata };
          return { ...pageByKey(strata, (s) => s.agencyId, args), frame };
        },
      },
      {
        description: '抽样框（各层及合计）The sampling frame: its strata and totals',
        fields: (conn) => {
          const frame = (page: unknown) => (page as { frame: Frame }).frame;
          return {
            totalCount: conn.int({ description: '层数 Number of strata', resolve: (pg) => frame(pg).strata.length }),
            margin: conn.float({ description: '允许误差 e The margin of error', resolve: (pg) => frame(pg).margin }),
            expectedRate: conn.float({
              description: '预期满意率 p The expected rate',
              resolve: (pg) => frame(pg).expectedRate,
            }),
            frozen: conn.boolean({
              description:
                '总体为开始调查时固定的（否则为实时计算）Whether the populations are those frozen when the campaign opened (otherwise live)',
              resolve: (pg) => frame(pg).frozen,
            }),
            population: conn.int({
              description: '各层总体之和 Total population over the strata',
              resolve: (pg) => frame(pg).strata.reduce((n, s) => n + s.population, 0),
            }),
            sampleSize: conn.int({
              description: '各层样本量之和 Total sample size over the strata',
              resolve: (pg) => frame(pg).strata.reduce((n, s) => n + s.sampleSize, 0),
            }),
          };
        },
      },
    ),
    ...(['Csv', 'Xlsx'] as const).reduce(
      (fields, format) => ({
        ...fields,
        [`samplingFrame${format}`]: t.field({
          type: FileRef,
          nullable: true,
          description: `抽样框${format === 'Csv' ? ' CSV' : ' xlsx（base64）'}：所属层（被评价单位）、企业名称、统一社会信用代码、联系渠道（登记地址；系统不存电话）；不含执法人员和案件信息。按企业分页，每页至多 ${FRAME_FILE_MAX_ROWS} 行；hasNextPage 为真时以 endCursor 作 after 再取 The sampling frame as ${format === 'Csv' ? 'CSV' : 'xlsx, base64-encoded'}: stratum, enterprise name, USCC, contact channel (its registered address; no phone is held) — no officer or case detail. Paged by enterprise, at most ${FRAME_FILE_MAX_ROWS} rows; while hasNextPage, ask again with after = endCursor`,
          authScopes: readsFrame,
          args: {
            first: t.arg.int({
              required: false,
              defaultValue: FRAME_FILE_MAX_ROWS,
              description: `每页至多行数（${FRAME_FILE_MIN_ROWS}–${FRAME_FILE_MAX_ROWS}）Rows per page at most`,
              validate: frameArgs.first,
            }),
            after: t.arg.globalID({ required: false, description: '上一页的 endCursor The previous page’s endCursor' }),
          },
          resolve: async (c, args, ctx) => {
            const after = args.after ? parseId(args.after, 'Enterprise', ['after']) : 0;
            const agencyIds = c.status === 'DRAFT' ? await evaluatedIds(ctx, c.id) : await frozenIds(ctx, c.id);
            const page = await frameRows(ctx.prisma, c, agencyIds, after, args.first ?? FRAME_FILE_MAX_ROWS);
            const table: Table = {
              name: '抽样框',
              header: ['所属层（被评价单位）', '企业名称', '统一社会信用代码', '联系渠道（登记地址）'],
              rows: page.rows.map((r) => [r.agencyName, r.enterpriseName, r.uscc, r.address]),
            };
            const content = format === 'Csv' ? tableCsv(table) : await tableXlsxBase64(table);
            return { content, rows: page.rows.length, nextAfter: page.nextAfter };
          },
        }),
      }),
      {},
    ),
  }));
}

/** The strata frozen when the campaign opened. */
async function frozenIds(ctx: Context, campaignId: number): Promise<number[]> {
  const rows = await ctx.prisma.surveyStratum.findMany({
    where: { campaignId },
    select: { agencyId: true },
    orderBy: { agencyId: 'asc' },
  });
  return rows.map((r) => r.agencyId);
}
