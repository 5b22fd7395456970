// Shared set-up for the flexible-enforcement integration tests: the test kit's base world on a harness
// with the plugin, and GraphQL helpers for its three list kinds.
import { expect } from 'vitest';
import { createBaseWorld, createHarness, type BaseWorld, type Harness } from '@zhifa/testkit';
import { flexibleEnforcementPlugin } from '../src/index.js';

export interface World extends BaseWorld {
  h: Harness;
}

export async function createWorld(): Promise<World> {
  const h = await createHarness({ plugins: [flexibleEnforcementPlugin] });
  return { h, ...(await createBaseWorld(h)) };
}

export const ERR = [
  '... on Error { __typename code message messageEn } ... on RuleViolation { rule }',
  '... on ValidationError { issues { path message messageEn } }',
].join(' ');

export const PREFIXES = ['LighterPenalty', 'MitigatedPenalty', 'NoCompulsoryMeasure'] as const;
export type Prefix = (typeof PREFIXES)[number];

export const ITEM = {
  violation: '未按规定公示营业执照',
  violatedProvision: '《市场主体登记管理条例》第三十六条',
  penaltyProvision: '《市场主体登记管理条例》第四十八条第一款',
  applicableConditions: '主动改正，危害后果轻微的',
};

export async function createDraft(w: World, prefix: Prefix, token = w.tokens.officerA): Promise<string> {
  const res = await w.h.gql(
    `mutation($input: ${prefix}ListInput!) { create${prefix}List(input: $input) { __typename ... on
      MutationCreate${prefix}ListSuccess { data { id } } ${ERR} } }`,
    { input: { agencyId: w.agencyA.gid, title: '阜宁县市场监管领域柔性执法清单', domain: '市场监管' } },
    token,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data[`create${prefix}List`].__typename).toBe(`MutationCreate${prefix}ListSuccess`);
  return res.data[`create${prefix}List`].data.id as string;
}

/** Adds an item; a refusal comes back as the typed error (zod input refusals as a top-level VALIDATION_FAILED). */
export async function addItem(
  w: World,
  prefix: Prefix,
  listId: string,
  attributes: Record<string, unknown>,
  fields = 'id matterCode exclusions legalEffect',
) {
  const res = await w.h.gql(
    `mutation($listId: ID!, $input: ${prefix}ListItemInput!) { add${prefix}ListItem(listId: $listId, input: $input) { __typename ... on
      MutationAdd${prefix}ListItemSuccess { data { ${fields} } } ${ERR} } }`,
    { listId, input: { ...ITEM, attributes } },
    w.tokens.officerA,
  );
  if (res.errors)
    return { __typename: 'ValidationError', code: res.errors[0].extensions?.code, message: res.errors[0].message };
  return res.data[`add${prefix}ListItem`];
}
