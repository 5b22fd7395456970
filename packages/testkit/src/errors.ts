// Typed mutation results: the error fragment every test selects, and one assertion for it.
import { expect } from 'vitest';
import type { GqlJson, GqlResponse } from './harness.js';

/** Every error type's fields: code and both messages, a rule violation's rule, a validation error's issues. */
export const ERR = `__typename ... on Error { code message messageEn } ... on RuleViolation { rule }
  ... on ValidationError { issues { path message messageEn } }`;

export interface ExpectedError {
  code?: string;
  rule?: string;
  /** Text(s) the Chinese message contains. */
  zh?: string | string[];
  /** Text(s) the English message contains. */
  en?: string | string[];
}

/**
 * Asserts a union result's `__typename` (printing the result when it differs). For an error type
 * (any name but `…Success`) also that it speaks both languages — a Chinese `message`, an English
 * `messageEn` — and carries the code, rule and texts given. Returns the result.
 */
export function expectTyped<T = GqlJson>(result: GqlJson, typename: string, expected: ExpectedError = {}): T {
  expect(result?.__typename, JSON.stringify(result)).toBe(typename);
  if (!typename.endsWith('Success')) {
    expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    expect(result.messageEn).toMatch(/[A-Za-z]/);
  }
  if (expected.code) expect(result.code).toBe(expected.code);
  if (expected.rule) expect(result.rule).toBe(expected.rule);
  for (const zh of [expected.zh ?? []].flat()) expect(result.message).toContain(zh);
  for (const en of [expected.en ?? []].flat()) expect(result.messageEn).toContain(en);
  return result;
}

/**
 * Asserts a query's refusal: no data for `field` and one top-level error at its path with `code`,
 * speaking both languages in `extensions.messageZh` / `messageEn`. Returns the error.
 */
export function expectRefused(res: GqlResponse, field: string, code: string): GqlJson {
  expect(res.data?.[field] ?? null).toBeNull();
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors![0]).toMatchObject({ path: [field], extensions: { code } });
  expect(res.errors![0].extensions.messageZh).toMatch(/[\u4e00-\u9fff]/);
  expect(res.errors![0].extensions.messageEn).toMatch(/^[^\u4e00-\u9fff]*[A-Za-z]/);
  return res.errors![0];
}
