// Core's own settings (ZHIFA_CASE_*): the county's choices where the law leaves one. Read with
// `uow.settings.get(CASE_SETTINGS)` / `ctx.settings.get(CASE_SETTINGS)`; the server parses them at
// start with the plugins' settings.
import { z } from 'zod';
import { defineSettings, type SettingsOf } from './settings.js';
import { msg } from './validation.js';
import { AgencyKind } from './generated/prisma/enums.js';
import { DEFAULT_REVIEW_GRACE_UNTIL } from './rules/certificate.js';
import { DEFAULT_DISCRETION_BANDS } from './rules/discretion.js';
import { DEFAULT_EXTENSION_DAYS } from './rules/deadline.js';

/** A band of the lawful fine range, in percent from its minimum: [from, to], 0 ≤ from ≤ to ≤ 100. */
const band = z
  .tuple([z.number().min(0).max(100), z.number().min(0).max(100)])
  .refine(([a, b]) => a <= b, msg('区间下限不能高于上限', 'the band starts after it ends'));

/** 较大数额罚款 (行政处罚法 第63条) in fen, for a natural person and for an organisation. */
const threshold = z.object({
  naturalPersonFen: z.number().int().positive(),
  organisationFen: z.number().int().positive(),
});
export type HearingThreshold = z.infer<typeof threshold>;

/** A JSON-valued variable: text that is not JSON is reported as such, not as a wrong type. */
const json = <T extends z.ZodType>(schema: T, zh: string, en: string) =>
  z.preprocess((v, ctx) => {
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: msg(`${zh}须为 JSON`, `${en} must be JSON`) });
      return z.NEVER;
    }
  }, schema);

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

/** true/false (or 1/0, yes/no, on/off), as the server's own switches are written; plugins' switches use it too. */
export const flagSetting = z.preprocess(
  (v) => {
    if (typeof v !== 'string') return v;
    const s = v.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(s)) return true;
    if (['0', 'false', 'no', 'off'].includes(s)) return false;
    return v;
  },
  z.boolean({ error: msg('须为 true/false（或 1/0、yes/no、on/off）', 'must be true/false (or 1/0, yes/no, on/off)') }),
);

export const CASE_SETTINGS = defineSettings('ZHIFA_CASE_', {
  /** 第60条: days from 立案 to the decision, unless a law provides otherwise. */
  decisionDays: z.coerce.number().int().min(1, msg('办案期限至少 1 天', 'at least 1 day')).max(365).default(90),
  /**
   * 第63条 较大数额罚款 per domain ("*" for every other domain). Default: 市场监管总局 practice
   * (¥10,000 for a natural person, ¥100,000 for an organisation); Jiangsu's general rule is lower
   * for some domains, so counties set their own.
   */
  hearingFineThresholds: json(z.record(z.string(), threshold), '听证罚款数额', 'hearing fine thresholds').default({
    '*': { naturalPersonFen: 1_000_000, organisationFen: 10_000_000 },
  }),
  /**
   * 裁量基准 default (行政处罚法 第34条) for a matter without a benchmark of its own (or a fine set by
   * multiples of gains): the band of the lawful range, in percent, a LIGHTER (从轻), a PENALTY (一般) and a
   * PENALTY with an aggravating circumstance (从重) lies in; a tier left out is not bounded. Default: 从轻 in
   * the lowest 30 % (common provincial practice), e.g. {"LIGHTER":[0,30],"GENERAL":[30,70],"HEAVIER":[70,100]}.
   */
  discretionBands: json(
    z.object({ LIGHTER: band, GENERAL: band, HEAVIER: band }).partial().strict(),
    '裁量默认幅度',
    'discretion bands',
  ).default(DEFAULT_DISCRETION_BANDS as { LIGHTER: [number, number] }),
  /** Days the agency head alone may extend a case's time limit by, once (市场监督管理行政处罚程序规定 第64条: 30). */
  extensionDays: z.coerce
    .number()
    .int()
    .min(1, msg('至少 1 天', 'at least 1 day'))
    .max(365)
    .default(DEFAULT_EXTENSION_DAYS),
  /** Last day (MM-DD of the following year) on which a year's certificate review still counts (task 3). */
  reviewGraceUntil: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, msg('须为 MM-DD，如 03-31', 'must be MM-DD, e.g. 03-31'))
    // A real day of a leap year (02-29 allowed; 02-30 and 04-31 are not).
    .refine(
      (s) => {
        const [m, d] = s.split('-').map(Number);
        const day = new Date(Date.UTC(2024, m - 1, d));
        return !/^\d\d-\d\d$/.test(s) || (day.getUTCMonth() === m - 1 && day.getUTCDate() === d);
      },
      msg('不是日历上的日期', 'not a calendar day'),
    )
    .default(DEFAULT_REVIEW_GRACE_UNTIL),
  /**
   * 行政处罚法 第57条: whether the agency head may decide a general-procedure case they investigated (were
   * assigned to). Off by default — the head reviews the investigation, so is not one of its officers;
   * a county whose heads must also investigate (a small township team) turns it on, and every such
   * decision records it (EnforcementCase.decidedByInvestigator).
   */
  headMayInvestigate: flagSetting.default(false),
  /** Agency kinds a law authorises to freeze deposits (行政强制法 第29条); none by default. */
  freezeAgencyKinds: list(z.enum(AgencyKind)).default([]),
  /**
   * Seconds between the server's sweeps for compulsory measures past their term (行政强制法 第25条),
   * each reported once to the agency and supervisors; 0 turns the sweep off (tests run it by hand).
   */
  measureSweepSeconds: z.coerce
    .number()
    .int()
    .min(0, msg('不能为负数', 'must not be negative'))
    .max(86_400)
    .default(60),
});
export type CaseSettings = SettingsOf<typeof CASE_SETTINGS>;

/** Every settings spec core reads; the server parses them with the plugins'. */
export const CORE_SETTINGS = [CASE_SETTINGS] as const;
