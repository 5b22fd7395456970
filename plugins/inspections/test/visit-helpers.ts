// The visits slice's operations and set-up, shared by its tests: a world on a clock the test moves, the
// enterprise's code read from `viewer`, a filing and a visit through the API.
import { expect } from 'vitest';
import { gid } from '@zhifa/testkit';
import { createInspectionWorld, INSPECTION_ERR, type InspectionWorld } from './fixtures.js';

export interface VisitWorld extends InspectionWorld {
  clock: { now: Date };
  enterprise2Token: string;
}

export async function createVisitWorld(): Promise<VisitWorld> {
  const clock = { now: new Date() };
  const w = await createInspectionWorld({ clock: () => clock.now });
  return { ...w, clock, enterprise2Token: w.h.token(`enterprise:${w.enterprise2.id}`) };
}

export const FILE = `mutation($i: FileInspectionInput!) { fileInspection(input: $i) { ${INSPECTION_ERR}
  ... on MutationFileInspectionSuccess { data { id status notice noticeNote major jointInspectionId schemeId
    items { itemId name basis } officers { name certificateNumber } } } } }`;
export const CANCEL = `mutation($f: ID!) { cancelInspectionFiling(filingId: $f) { ${INSPECTION_ERR}
  ... on MutationCancelInspectionFilingSuccess { data { id status cancelledAt } } } }`;
export const VISIT = `mutation($code: String!, $f: ID, $o: [ID!]!, $i: [ID!], $at: DateTime) {
  recordInspectionVisit(code: $code, filingId: $f, officerIds: $o, itemIds: $i, visitedAt: $at) { ${INSPECTION_ERR}
  ... on MutationRecordInspectionVisitSuccess { data { id filed visitedAt jointInspectionId filing { id status }
    officers { name certificateNumber } items { itemId name basis } } } } }`;
export const FINDING = `mutation($v: ID!, $f: InspectionFinding!, $n: String, $d: Date, $c: OpenCaseInput) {
  recordInspectionFinding(visitId: $v, finding: $f, note: $n, rectificationDueOn: $d, case: $c) { ${INSPECTION_ERR}
  ... on MutationRecordInspectionFindingSuccess { data { id finding rectificationDueOn case { id number enterprise { id } } } } } }`;
export const RATE = `mutation($v: ID!, $s: Int!, $c: String) { rateInspectionVisit(visitId: $v, score: $s, comment: $c) {
  ${INSPECTION_ERR} ... on MutationRateInspectionVisitSuccess { data { id score comment visit { id } } } } }`;
export const CODE = `{ viewer { inspectionCode { code expiresAt keyId } } }`;

export const hours = (h: number, from: Date) => new Date(from.getTime() + h * 3600_000);

export async function codeOf(w: VisitWorld, token: string): Promise<string> {
  const r = await w.h.gql(CODE, {}, token);
  expect(r.errors).toBeUndefined();
  return r.data.viewer.inspectionCode.code as string;
}

export function filingInput(w: VisitWorld, over: Record<string, unknown> = {}) {
  return {
    agencyId: w.agencyA.gid,
    enterpriseId: w.enterprise.gid,
    itemIds: [w.itemA.gid],
    schemeId: w.schemeA.gid,
    officerIds: [w.people.officerA.gid, w.officerA2.gid],
    plannedFrom: hours(-1, w.clock.now).toISOString(),
    plannedTo: hours(48, w.clock.now).toISOString(),
    notice: 'AGREED',
    noticeNote: '已于前一日与企业负责人张某电话商定入企时间',
    ...over,
  };
}

/** Files through the API and returns the filing's global id (asserting success). */
export async function fileOk(w: VisitWorld, over: Record<string, unknown> = {}, token = w.tokens.officerA) {
  const r = await w.h.gql(FILE, { i: filingInput(w, over) }, token);
  expect(r.errors).toBeUndefined();
  expect(r.data.fileInspection.__typename, JSON.stringify(r.data)).toBe('MutationFileInspectionSuccess');
  return r.data.fileInspection.data;
}

export async function visitOk(w: VisitWorld, vars: Record<string, unknown>, token = w.tokens.officerA) {
  const r = await w.h.gql(VISIT, { o: [w.people.officerA.gid, w.officerA2.gid], ...vars }, token);
  expect(r.errors).toBeUndefined();
  expect(r.data.recordInspectionVisit.__typename, JSON.stringify(r.data)).toBe('MutationRecordInspectionVisitSuccess');
  return r.data.recordInspectionVisit.data;
}

export { gid };
