import type { StandardSchemaV1 } from '@standard-schema/spec';
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
