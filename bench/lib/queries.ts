// The operations the benchmarks send, and the bench agency's openCase input: one copy for every
// scenario, probe and profile, so they all measure the same requests.
import type { BenchData } from './data.js';

export const TRIVIAL = `{ __typename }`;
export const FLAT = `{ agencies(first: 20) { edges { node { id name kind } } } }`;
export const DASHBOARD = `query($n: Int!) { agencies(first: $n, kind: ENFORCEMENT_AGENCY) { edges { node { name cases(first: 10) { edges { node { number
  enterprise { name } officers(first: 5) { edges { node { person { name canEnforce } } } } } } } } } } }`;
export const NODE_CASE = `query($id: ID!) { node(id: $id) { ... on EnforcementCase { number stage violation agency { name } } } }`;
export const OPEN_CASE = `mutation($input: OpenCaseInput!) { openCase(input: $input) { __typename ... on MutationOpenCaseSuccess { data { id number } } } }`;
export const ASSIGN = `mutation($caseId: ID!, $personIds: [ID!]!) { assignOfficers(caseId: $caseId, personIds: $personIds) { __typename } }`;
export const DECIDE = `mutation($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) {
  __typename ... on RuleViolation { rule message } } }`;
export const ADVANCE = `mutation($caseId: ID!) { advanceCase(caseId: $caseId, to: INVESTIGATING) { __typename } }`;

export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

/** openCase's input for the bench agency: its matter, an unnamed party, a violation yesterday (the server numbers the case). */
export const openCaseInput = (data: Pick<BenchData, 'agencyId' | 'matterId'>, facts: string, party = '基准当事人') => ({
  agencyId: gid('Agency', data.agencyId),
  matterId: gid('EnforcementMatter', data.matterId),
  partyDescription: party,
  violationOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
  facts,
});
