// The plugin's settings, read from ZHIFA_SATISFACTION_SURVEY_* at start (see docs/operator.md "Configuration").
import { z } from 'zod';
import { defineSettings, msg, type SettingsOf } from '@zhifa/core';

const int = (min: number, max: number) =>
  z.coerce
    .number(msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .int(msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .min(min, msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .max(max, msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`));

export const satisfactionSurveySettings = defineSettings('ZHIFA_SATISFACTION_SURVEY_', {
  /** ZHIFA_SATISFACTION_SURVEY_MIN_DURATION_SECONDS: a new campaign's default for the TOO_FAST quality flag. */
  minDurationSeconds: int(0, 3600).default(60),
  /** ZHIFA_SATISFACTION_SURVEY_SMALL_CELL: an evaluated agency sees a cell only from this many answers on. */
  smallCell: int(1, 1000).default(10),
  /** ZHIFA_SATISFACTION_SURVEY_PUSH_INTERVAL_MS: satisfactionChanged sends a subscriber at most one message per interval. */
  pushIntervalMs: int(100, 60_000).default(1000),
});

export type SatisfactionSurveySettings = SettingsOf<typeof satisfactionSurveySettings>;
