import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { FieldIssue } from './errors.js';

// Zod speaks English; users read Chinese first. Messages written in schemas as "中文|English"
// carry both; anything else falls back to a generic bilingual message naming the field.
export function issuesFromStandardSchema(issues: readonly StandardSchemaV1.Issue[]): FieldIssue[] {
  return issues.map((issue) => {
    const path = (issue.path ?? []).map((p) => (typeof p === 'object' ? p.key : p)) as (string | number)[];
    const [zh, en] = issue.message.includes('|') ? issue.message.split('|', 2) : ['取值不合法', issue.message];
    return { path, messageZh: zh, messageEn: en };
  });
}

/** Bilingual zod message: `z.string().min(1, msg('不能为空', 'must not be empty'))`. */
export function msg(zh: string, en: string): string {
  return `${zh}|${en}`;
}
