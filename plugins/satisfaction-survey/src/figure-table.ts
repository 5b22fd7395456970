// Figures as a table for the CSV and xlsx exports: one row per group, the grouping keys first (bilingual names),
// a suppressed cell written as "答案过少 too few answers" — never as zero.
import type { FigureKey, SurveyFigure } from './figures.js';
import { DIMENSION_NAMES, RESPONDENT_TYPE_NAMES } from './names.js';
import type { Table, TableCell } from './tables.js';

const VERDICT_NAMES = {
  MET: '达标 Met',
  WITHIN_NOISE: '误差范围内 Within noise',
  NOT_MET: '未达标 Not met',
  NO_DATA: '无数据 No data',
} as const;

const KEY_HEADERS: Record<FigureKey, string> = {
  AGENCY: '被评价单位 Agency',
  TOWNSHIP: '镇区 Township',
  RESPONDENT_TYPE: '受访者类别 Respondent type',
  DIMENSION: '维度 Dimension',
};

export const TOO_FEW_ANSWERS = '答案过少 Too few answers';

export function figureTable(
  figures: readonly SurveyFigure[],
  groupBy: readonly FigureKey[],
  agencyNames: ReadonlyMap<number, string>,
  targetRate: number,
): Table {
  const key = (f: SurveyFigure, k: FigureKey): TableCell => {
    switch (k) {
      case 'AGENCY':
        return f.agencyId === null ? null : (agencyNames.get(f.agencyId) ?? null);
      case 'TOWNSHIP':
        return f.townshipId === null ? null : (agencyNames.get(f.townshipId) ?? null);
      case 'RESPONDENT_TYPE':
        return f.respondentType && RESPONDENT_TYPE_NAMES[f.respondentType].zh;
      case 'DIMENSION':
        return f.dimension && DIMENSION_NAMES[f.dimension].zh;
    }
  };
  const round = (x: number | null | undefined, digits: number) => (x == null ? null : Number(x.toFixed(digits)));
  return {
    name: '满意度结果',
    header: [
      ...groupBy.map((k) => KEY_HEADERS[k]),
      '有效答案 Valid answers',
      '满意答案 Satisfied answers',
      '满意率 Rate',
      '综合得分 Score',
      '区间下限 Interval low',
      '区间上限 Interval high',
      `结论（目标 ${targetRate}）Verdict (target ${targetRate})`,
      '质量存疑 Flagged',
      '回访未接通 Unconfirmed',
      '备注 Note',
    ],
    rows: figures.map((f) => {
      const x = f.figure;
      return [
        ...groupBy.map((k) => key(f, k)),
        x?.validAnswers ?? null,
        x?.satisfiedAnswers ?? null,
        round(x?.rate, 4),
        round(x?.score, 2),
        round(x?.interval?.low, 4),
        round(x?.interval?.high, 4),
        x ? VERDICT_NAMES[x.verdict] : null,
        f.flaggedAnswers,
        f.unconfirmedAnswers,
        f.suppressed ? TOO_FEW_ANSWERS : null,
      ];
    }),
  };
}
