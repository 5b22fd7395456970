// The five answer levels of a satisfaction item, in the questionnaire's order, with the composite-score
// mapping the county's surveys use (100 / 80 / 60 / 30 / 0) and the rollup column each is counted in.
export const LEVELS = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  VERY_SATISFIED: '非常满意',
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
  VERY_DISSATISFIED: '非常不满意',
};

export const LEVEL_SCORES: Record<Level, number> = {
  VERY_SATISFIED: 100,
  SATISFIED: 80,
  BASICALLY_SATISFIED: 60,
  DISSATISFIED: 30,
  VERY_DISSATISFIED: 0,
};

/** The SurveyRollup column that counts each level. */
export const LEVEL_COLUMNS = {
  VERY_SATISFIED: 'verySatisfied',
  SATISFIED: 'satisfied',
  BASICALLY_SATISFIED: 'basicallySatisfied',
  DISSATISFIED: 'dissatisfied',
  VERY_DISSATISFIED: 'veryDissatisfied',
} as const satisfies Record<Level, string>;

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

/** Levels counted as satisfied: 非常满意 and 满意 always; 基本满意 when the campaign says so. */
export function satisfiedLevels(basicallySatisfiedCounts: boolean): readonly Level[] {
  return basicallySatisfiedCounts ? LEVELS.slice(0, 3) : LEVELS.slice(0, 2);
}
