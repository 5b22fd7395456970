// The plugin's settings, read from ZHIFA_NON_PENALTY_* at start (see docs/operator.md "Configuration").
import { z } from 'zod';
import { defineSettings, msg, type SettingsOf } from '@zhifa/core';
import { DEFAULT_LOOKBACK_YEARS } from './rules.js';

export const nonPenaltySettings = defineSettings('ZHIFA_NON_PENALTY_', {
  /** ZHIFA_NON_PENALTY_FIRST_OFFENCE_LOOKBACK_YEARS: the look-back for 首违 checks, in years. */
  firstOffenceLookbackYears: z.coerce
    .number(msg('须为 1–20 的整数', 'must be an integer from 1 to 20'))
    .int(msg('须为 1–20 的整数', 'must be an integer from 1 to 20'))
    .min(1, msg('须为 1–20 的整数', 'must be an integer from 1 to 20'))
    .max(20, msg('须为 1–20 的整数', 'must be an integer from 1 to 20'))
    .default(DEFAULT_LOOKBACK_YEARS),
});

export type NonPenaltySettings = SettingsOf<typeof nonPenaltySettings>;
