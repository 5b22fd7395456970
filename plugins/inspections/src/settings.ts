// The plugin's settings, read from ZHIFA_INSPECTIONS_* at start (see docs/operator.md "Configuration").
// Thresholds of the warning module are settings because counties publish their own (咸宁 caps visits at
// 2 a year per agency per enterprise; 宿迁市优化涉企行政检查条例 sets its own).
import { z } from 'zod';
import { defineSettings, flagSetting, msg, type SettingsOf } from '@zhifa/core';
import { parseCodeKeys, parseDomainCaps, parseDrawWeights } from './rules/setting-values.js';

const int = (min: number, max: number) =>
  z.coerce
    .number(msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .int(msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .min(min, msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`))
    .max(max, msg(`须为 ${min}–${max} 的整数`, `must be an integer from ${min} to ${max}`));

/** A `key:value,…` setting parsed by `parse`, which throws a bilingual message on a bad value. */
const listed = <T>(parse: (raw: string) => T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      try {
        return parse(raw);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    });

export const inspectionsSettings = defineSettings('ZHIFA_INSPECTIONS_', {
  /**
   * ZHIFA_INSPECTIONS_CODE_KEYS: the keys that sign enterprises' inspection codes, `keyId:secret,…` (secret at
   * least 32 characters). The first signs; every one verifies, so a key is rotated by putting the new one first
   * and dropping the old one once its codes have expired. Unset: a random key per process (development only —
   * codes then die with the process and differ between instances).
   */
  codeKeys: listed(parseCodeKeys, ''),
  /** ZHIFA_INSPECTIONS_CODE_TTL_MINUTES: how long an inspection code read from `viewer` stays valid. */
  codeTtlMinutes: int(1, 7 * 24 * 60).default(60),
  /** ZHIFA_INSPECTIONS_URGENT_APPROVAL_HOURS: an urgent inspection's scheme is approved within this many hours. */
  urgentApprovalHours: int(1, 30 * 24).default(24),
  /**
   * ZHIFA_INSPECTIONS_WARNINGS: the warning module (task 15) judges every visit as it is recorded; `false` turns it
   * off (a county that does not run it yet; the bench's baseline). Visits are recorded the same either way.
   */
  warnings: flagSetting.default(true),
  /** ZHIFA_INSPECTIONS_MULTI_AGENCY_THRESHOLD: 多头检查 — this many agencies or more at one enterprise … */
  multiAgencyThreshold: int(2, 20).default(2),
  /** ZHIFA_INSPECTIONS_MULTI_AGENCY_DAYS: … within this many days, not merged into a joint inspection. */
  multiAgencyDays: int(1, 365).default(15),
  /** ZHIFA_INSPECTIONS_REPEAT_DAYS: 重复检查 — the same agency and item at one enterprise again within this many days. */
  repeatDays: int(1, 365).default(30),
  /** ZHIFA_INSPECTIONS_YEARLY_CAP: 高频次检查 — more visits than this by one agency to one enterprise in a year. */
  yearlyCap: int(1, 365).default(2),
  /** ZHIFA_INSPECTIONS_YEARLY_CAP_BY_DOMAIN: per-domain caps overriding yearlyCap, `领域:次数,…` (e.g. `食品安全:4`). */
  yearlyCapByDomain: listed(parseDomainCaps, ''),
  /** ZHIFA_INSPECTIONS_WARNING_DAYS: the default deadline, in days, of a warning's 交办 and 督办 steps. */
  warningDays: int(1, 365).default(15),
  /** ZHIFA_INSPECTIONS_DRAW_WEIGHTS: 双随机 weights by credit risk class (D most, A least), `A:1,B:2,C:4,D:8`. */
  drawWeights: listed(parseDrawWeights, 'A:1,B:2,C:4,D:8'),
});

export type InspectionsSettings = SettingsOf<typeof inspectionsSettings>;
