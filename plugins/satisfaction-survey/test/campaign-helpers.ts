// Helpers of the campaign tests (slice A): the campaign input, the mutation documents, and the questionnaire in
// the shape setSurveyQuestionnaire takes.
import { ERR, type GqlJson } from '@zhifa/testkit';
import { STANDARD_ITEMS, type World } from './fixtures.js';

export const CAMPAIGN_FIELDS = `id title status periodStart periodEnd targetRate basicallySatisfiedCounts minDurationSeconds
  respondentTypes channels openedAt closedAt publishedAt
  commissioningAgency { id } organisation { id }
  evaluatedAgencies { totalCount edges { node { agency { id } evaluated } } }
  townships { totalCount edges { node { agency { id } } } }
  questionnaire { version frozenAt items { totalCount edges { node { code position kind dimension weight required options } } } }`;

export function campaignInput(w: World, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '2026年度行政执法满意度调查',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    organisationId: w.org.gid,
    evaluatedAgencyIds: [w.agencyA.gid, w.agencyB.gid],
    townshipIds: [w.township.gid, w.township2.gid],
    respondentTypes: ['PUBLIC', 'ENTERPRISE'],
    channels: ['PHONE'],
    ...over,
  };
}

/** STANDARD_ITEMS as setSurveyQuestionnaire's input. */
export const STANDARD_INPUT = STANDARD_ITEMS.map((it) => ({
  code: it.code,
  kind: it.kind,
  dimension: it.dimension,
  text: it.text,
  ...(it.options ? { options: it.options } : {}),
  ...(it.weight !== undefined ? { weight: it.weight } : {}),
  ...(it.required !== undefined ? { required: it.required } : {}),
}));

const result = (field: string, args: string, vars: string, fields = CAMPAIGN_FIELDS) =>
  `mutation(${vars}) { ${field}(${args}) { ${ERR} ... on Mutation${field[0].toUpperCase()}${field.slice(1)}Success { data { ${fields} } } } }`;

export const CREATE = result('createSurveyCampaign', 'input: $input', '$input: SurveyCampaignInput!');
export const UPDATE = result(
  'updateSurveyCampaign',
  'id: $id, input: $input',
  '$id: ID!, $input: SurveyCampaignInput!',
);
export const OPEN = result('openSurveyCampaign', 'id: $id', '$id: ID!');
export const CLOSE = result('closeSurveyCampaign', 'id: $id', '$id: ID!');
export const PUBLISH = result('publishSurveyCampaign', 'id: $id', '$id: ID!');
export const SET_QUESTIONNAIRE = result(
  'setSurveyQuestionnaire',
  'campaignId: $id, items: $items',
  '$id: ID!, $items: [SurveyItemInput!]!',
  `version frozenAt items { totalCount edges { node { code position kind dimension text options weight required } } }`,
);

/** The mutation's result (the union member) from a response. */
export const out = (res: { data?: GqlJson; errors?: GqlJson[] }): GqlJson => {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return Object.values(res.data as Record<string, unknown>)[0];
};
