// The survey organisation's batch, checked whole against the campaign's frozen questionnaire and shape before
// anything is written (county plan task 13: the commissioned survey's data; 个人信息保护法 第6条: no personal data).
// Pure: the campaign and the batch in, every problem (with its row and field) or the rows to write out — their
// canonical fingerprint, quality flags and call-back sample included. No I/O.
import { createHash, createHmac } from 'node:crypto';
import type { FieldIssue } from '@zhifa/core';
import { LEVELS, type Level } from './levels.js';
import { findPersonalData, PERSONAL_DATA_REFUSALS } from './personal-data.js';
import type { Quality, RespondentType } from './rollups.js';

/** At most this many responses per call (the issue's limit; the GraphQL list declares the same bound). */
export const MAX_BATCH_RESPONSES = 1000;
/** At most this many answers per response: a questionnaire has at most 60 items. */
export const MAX_ANSWERS = 60;
export const MAX_TEXT = 2000;
export const EXTERNAL_ID_MAX = 64;
/** A collection time up to this far ahead of the server's clock is accepted: the organisation's devices drift. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A response's duration above a day is not a survey interview. */
export const MAX_DURATION_SECONDS = 86_400;
/** SAME_ANSWER needs at least this many five-level answers, all the same level. */
export const SAME_ANSWER_MIN = 3;

export type Channel = 'PHONE' | 'ONLINE' | 'ON_SITE';
export type Flag = 'SAME_ANSWER' | 'TOO_FAST';

export interface CampaignShape {
  id: number;
  /** The campaign's secret call-back key (isCallbackSampled). */
  callbackKey: string;
  /** Start of the period's first day (Asia/Shanghai), as an instant. */
  periodStartsAt: Date;
  respondentTypes: readonly RespondentType[];
  channels: readonly Channel[];
  minDurationSeconds: number;
  evaluatedAgencyIds: ReadonlySet<number>;
  townshipIds: ReadonlySet<number>;
  items: readonly ShapeItem[];
}

export interface ShapeItem {
  id: number;
  code: string;
  kind: 'LIKERT5' | 'SINGLE_CHOICE' | 'FREE_TEXT';
  dimension: string | null;
  options: readonly string[];
  required: boolean;
}

export interface AnswerInput {
  item: string;
  level?: Level | null;
  choice?: string | null;
  text?: string | null;
}

/** A response as it arrives, its global ids already read (null: not an id of the right type). */
export interface ResponseInput {
  externalId: string;
  respondentType: RespondentType;
  agencyId: number | null;
  townshipId: number | null;
  channel: Channel;
  collectedAt: Date;
  durationSeconds?: number | null;
  answers: readonly AnswerInput[];
}

export interface CheckedAnswer {
  item: ShapeItem;
  value: string;
}

export interface CheckedResponse {
  index: number;
  externalId: string;
  respondentType: RespondentType;
  agencyId: number;
  townshipId: number;
  channel: Channel;
  collectedAt: Date;
  durationSeconds: number | null;
  answers: CheckedAnswer[];
  /** { code: value }, as stored. */
  answersJson: Record<string, string>;
  fingerprint: string;
  flags: Flag[];
  quality: Quality;
  sampled: boolean;
}

type Path = (string | number)[];
const issue = (path: Path, zh: string, en: string): FieldIssue => ({ path, messageZh: zh, messageEn: en });

const EXTERNAL_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * Check the whole batch. Every problem of every row is reported (path ['responses', i, …]); rows are returned only
 * when there is none.
 */
export function checkBatch(
  campaign: CampaignShape,
  responses: readonly ResponseInput[],
  now: Date,
): { issues: FieldIssue[]; rows: CheckedResponse[] } {
  const issues: FieldIssue[] = [];
  const rows: CheckedResponse[] = [];
  const items = new Map(campaign.items.map((i) => [i.code, i]));
  const types = new Set<string>(campaign.respondentTypes);
  const channels = new Set<string>(campaign.channels);
  const firstIndex = new Map<string, number>();
  const latest = now.getTime() + CLOCK_SKEW_MS;
  responses.forEach((r, i) => {
    const at = (...p: Path): Path => ['responses', i, ...p];
    const before = issues.length;
    if (!EXTERNAL_ID.test(r.externalId))
      issues.push(
        issue(
          at('externalId'),
          `编号须为 1–${EXTERNAL_ID_MAX} 个可打印 ASCII 字符（不含空格）`,
          `must be 1–${EXTERNAL_ID_MAX} printable ASCII characters (no spaces)`,
        ),
      );
    else if (firstIndex.has(r.externalId))
      issues.push(
        issue(
          at('externalId'),
          `编号与本批第 ${firstIndex.get(r.externalId)} 行重复`,
          `the same external id as row ${firstIndex.get(r.externalId)} of this batch`,
        ),
      );
    else firstIndex.set(r.externalId, i);
    if (!types.has(r.respondentType))
      issues.push(issue(at('respondentType'), '本调查项目不调查此类受访者', 'not a respondent type of this campaign'));
    if (r.agencyId === null || !campaign.evaluatedAgencyIds.has(r.agencyId))
      issues.push(issue(at('agency'), '不是本调查项目的被评价单位', 'not an agency this campaign evaluates'));
    if (r.townshipId === null || !campaign.townshipIds.has(r.townshipId))
      issues.push(issue(at('township'), '不是本调查项目的镇区', 'not a township of this campaign'));
    if (!channels.has(r.channel))
      issues.push(issue(at('channel'), '本调查项目不采用此调查方式', 'not a channel of this campaign'));
    const t = r.collectedAt.getTime();
    if (t > latest)
      issues.push(
        issue(
          at('collectedAt'),
          '调查时间晚于当前时间（允许 5 分钟时钟误差）',
          'collected in the future (5 minutes of clock skew allowed)',
        ),
      );
    else if (t < campaign.periodStartsAt.getTime())
      issues.push(issue(at('collectedAt'), '调查时间早于调查期开始', 'collected before the campaign period starts'));
    const d = r.durationSeconds ?? null;
    if (d !== null && (d < 0 || d > MAX_DURATION_SECONDS))
      issues.push(
        issue(
          at('durationSeconds'),
          `时长须为 0–${MAX_DURATION_SECONDS} 秒`,
          `must be 0–${MAX_DURATION_SECONDS} seconds`,
        ),
      );
    const answers = checkAnswers(r.answers, items, at, issues);
    if (issues.length > before || !answers) return;
    // By item code, so that the same answers in another order give the same fingerprint.
    const answersJson: Record<string, string> = {};
    for (const a of [...answers].sort(byCode)) answersJson[a.item.code] = a.value;
    const flags = qualityFlags(answers, d, campaign.minDurationSeconds);
    const row = {
      index: i,
      externalId: r.externalId,
      respondentType: r.respondentType,
      agencyId: r.agencyId!,
      townshipId: r.townshipId!,
      channel: r.channel,
      collectedAt: r.collectedAt,
      durationSeconds: d,
      answers,
      answersJson,
    };
    rows.push({
      ...row,
      fingerprint: fingerprint(row),
      flags,
      quality: flags.length ? 'FLAGGED' : 'CLEAN',
      sampled: isCallbackSampled(campaign.callbackKey, r.externalId),
    });
  });
  return { issues, rows: issues.length ? [] : rows };
}

const byCode = (a: CheckedAnswer, b: CheckedAnswer) => (a.item.code < b.item.code ? -1 : 1);

function checkAnswers(
  answers: readonly AnswerInput[],
  items: ReadonlyMap<string, ShapeItem>,
  at: (...p: Path) => Path,
  issues: FieldIssue[],
): CheckedAnswer[] | null {
  if (answers.length > MAX_ANSWERS) {
    issues.push(issue(at('answers'), `最多 ${MAX_ANSWERS} 个答案`, `at most ${MAX_ANSWERS} answers`));
    return null;
  }
  const before = issues.length;
  const seen = new Set<string>();
  const out: CheckedAnswer[] = [];
  answers.forEach((a, j) => {
    const item = items.get(a.item);
    if (!item) {
      issues.push(
        issue(at('answers', j, 'item'), `问卷中没有题目 ${a.item}`, `no item ${a.item} in the questionnaire`),
      );
      return;
    }
    if (seen.has(item.code)) {
      issues.push(issue(at('answers', j, 'item'), `题目 ${item.code} 重复作答`, `item ${item.code} answered twice`));
      return;
    }
    seen.add(item.code);
    const value = answerValue(item, a, (field, zh, en) => issues.push(issue(at('answers', j, field), zh, en)));
    if (value !== null) out.push({ item, value });
  });
  for (const item of items.values())
    if (item.required && !seen.has(item.code))
      issues.push(issue(at('answers'), `缺少必答题 ${item.code}`, `required item ${item.code} is missing`));
  return issues.length > before ? null : out;
}

const ANSWER_KEYS = ['level', 'choice', 'text'] as const;
const WANT_ZH = { level: '满意度等级', choice: '选项', text: '文字' };

function answerValue(
  item: ShapeItem,
  a: AnswerInput,
  refuse: (field: string, zh: string, en: string) => void,
): string | null {
  const want = item.kind === 'LIKERT5' ? 'level' : item.kind === 'SINGLE_CHOICE' ? 'choice' : 'text';
  const wantZh = WANT_ZH[want];
  const other = ANSWER_KEYS.find((k) => k !== want && a[k] != null);
  if (other) {
    refuse(other, `题目 ${item.code} 只接受${wantZh}`, `item ${item.code} takes a ${want} only`);
    return null;
  }
  if (a[want] == null) {
    refuse(want, `题目 ${item.code} 须给出${wantZh}`, `item ${item.code} needs a ${want}`);
    return null;
  }
  if (want === 'level') {
    if (!(LEVELS as readonly string[]).includes(a.level!)) {
      refuse('level', '不是五级满意度之一', 'not one of the five levels');
      return null;
    }
    return a.level!;
  }
  if (want === 'choice') {
    if (!item.options.includes(a.choice!)) {
      refuse(
        'choice',
        `不是题目 ${item.code} 的选项（${item.options.join('、')}）`,
        `not an option of item ${item.code} (${item.options.join(', ')})`,
      );
      return null;
    }
    return a.choice!;
  }
  const text = a.text!.trim();
  if (text.length === 0) {
    refuse('text', '文字答案不能为空（不作答请省略该题）', 'must not be empty (leave the item out instead)');
    return null;
  }
  if ([...text].length > MAX_TEXT) {
    refuse('text', `文字答案过长（上限 ${MAX_TEXT} 字）`, `too long (at most ${MAX_TEXT} characters)`);
    return null;
  }
  const personal = findPersonalData(text);
  if (personal) {
    refuse('text', PERSONAL_DATA_REFUSALS[personal].zh, PERSONAL_DATA_REFUSALS[personal].en);
    return null;
  }
  return text;
}

/**
 * SAME_ANSWER: every five-level item answered at the same level, at least SAME_ANSWER_MIN of them (straight-lining);
 * TOO_FAST: collected in fewer seconds than the campaign's minimum (a response without a duration is not judged).
 */
export function qualityFlags(answers: readonly CheckedAnswer[], durationSeconds: number | null, minSeconds: number) {
  const flags: Flag[] = [];
  const levels = answers.filter((a) => a.item.kind === 'LIKERT5').map((a) => a.value);
  if (levels.length >= SAME_ANSWER_MIN && levels.every((l) => l === levels[0])) flags.push('SAME_ANSWER');
  if (durationSeconds !== null && durationSeconds < minSeconds) flags.push('TOO_FAST');
  return flags;
}

/**
 * 回访抽查 (统计调查 sampling practice), a deterministic 10 %: sampled when the first four bytes of
 * HMAC-SHA256(campaign's secret callbackKey, externalId), read as an unsigned big-endian integer, are 0 mod 10. Keyed
 * with a secret the organisation never sees, so it cannot pick external ids that escape the sample (with a public hash
 * it could); deterministic, so a resubmission is sampled exactly as the first submission was.
 */
export function isCallbackSampled(callbackKey: string, externalId: string): boolean {
  return createHmac('sha256', callbackKey).update(externalId).digest().readUInt32BE(0) % 10 === 0;
}

/** sha-256 of the canonical response (fields in a fixed order, answers by item code, the instant in ms). */
export function fingerprint(r: {
  externalId: string;
  respondentType: string;
  agencyId: number;
  townshipId: number;
  channel: string;
  collectedAt: Date;
  durationSeconds: number | null;
  answersJson: Record<string, string>;
}): string {
  // One string, hashed once: JSON strings for the free-form parts (an external id or a text cannot fake a
  // separator); the rest are enum names, item codes, ids and numbers.
  let canonical = `${JSON.stringify(r.externalId)}|${r.respondentType}|${r.agencyId}|${r.townshipId}|${r.channel}|${r.collectedAt.toISOString()}|${r.durationSeconds ?? ''}`;
  for (const code in r.answersJson) canonical += `|${code}=${JSON.stringify(r.answersJson[code])}`;
  return createHash('sha256').update(canonical).digest('hex');
}
