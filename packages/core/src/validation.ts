import type { StandardSchemaV1 } from '@standard-schema/spec';
import { z } from 'zod';
import type { Bilingual, FieldIssue } from './errors.js';

/** A schema message written as "中文|English" as its two halves; any other message gets a generic Chinese half. */
export function bilingualMessage(message: string): Bilingual {
  const [zh, en] = message.includes('|') ? message.split('|', 2) : ['取值不合法', message];
  return { zh, en };
}

// Zod speaks English; users read Chinese first. Messages written in schemas as "中文|English"
// carry both; anything else falls back to a generic bilingual message naming the field.
export function issuesFromStandardSchema(issues: readonly StandardSchemaV1.Issue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)) as (string | number)[];
    const { zh, en } = bilingualMessage(issue.message);
    return { path, messageZh: zh, messageEn: en };
  });
}

/** Bilingual zod message: `z.string().min(1, msg('不能为空', 'must not be empty'))`. */
export function msg(zh: string, en: string): string {
  return `${zh}|${en}`;
}

/**
 * A required line of text for `validate:` (zod): trimmed, not empty, at most `max` characters. The
 * messages name the field when given: `requiredText(200, '当事人描述', 'party description')` says
 * "当事人描述不能为空 / party description must not be empty" and "当事人描述过长（上限 200 字） / party
 * description is too long (at most 200)"; `requiredText(500)` says "不能为空 / must not be empty".
 */
export function requiredText(max: number, zh = '', en = '') {
  const empty = en ? `${en} must not be empty` : 'must not be empty';
  const long = en ? `${en} is too long (at most ${max})` : `too long (at most ${max})`;
  return z
    .string()
    .trim()
    .min(1, msg(`${zh}不能为空`, empty))
    .max(max, msg(`${zh}过长（上限 ${max} 字）`, long));
}

/**
 * The reason an act carries into the event log (a refusal, a revocation, a change of roles or status):
 * trimmed, at least 2 characters — "ok" is not a reason — and at most `max`.
 */
export function reasonText(max = 500) {
  return z.string().trim().min(2, msg('请写明理由', 'give a reason')).max(max, msg('理由过长', 'reason is too long'));
}
