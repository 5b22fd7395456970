// The authorisation matrix: for every root operation (Query, Mutation and Subscription field), what
// each role gets when it calls it, written as a table that reads as the access policy. It is test
// code, kept with the tests: core's rows in core-matrix.ts, the list machinery's in list-matrix.ts
// (for every plugin that defines a list kind), a plugin's in its own test/access-matrix.ts, which
// exports `authorisationMatrix` (defineAuthorisationMatrix). test/auth/authorisation-matrix.test.ts
// finds a plugin's rows there by that convention, builds one shared world of fixtures, runs every row
// as every role and fails for any root field of the built schema that has no row.
import type { PrismaClient } from '@zhifa/core/prisma';

/** The callers, in the order of the table's columns. */
export const MATRIX_ROLES = [
  'public', // no token
  'enterprise', // the user of the enterprise that is party to the world's case
  'officer', // an OFFICER of the world's agency ("the right agency")
  'otherOfficer', // an OFFICER of another enforcement agency
  'agencyAdmin', // the AGENCY_ADMIN of the world's agency
  'supervisor', // a SUPERVISOR of the county justice bureau
  'surveyOrg', // the survey organisation, by API key
  'systemAdmin', // a SYSTEM_ADMIN
  'legalReviewer', // a LEGAL_REVIEWER of the world's agency (法制审核, 行政处罚法 第58条), not an officer
  'agencyHead', // the AGENCY_HEAD of the world's agency (行政机关负责人, 第57条), not an officer
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * What a role gets:
 * - `allow`: past authorisation. A query answers data (a non-empty page, a non-null item), or a
 *   RULE_VIOLATION / VALIDATION_FAILED / NOT_FOUND about the harmless input; a mutation answers
 *   anything but UnauthenticatedError, ForbiddenError or NotFoundError (a RuleViolation or
 *   ValidationError about the harmless input is expected); a subscription is accepted.
 * - `DENY`: refused. UNAUTHENTICATED for the public and FORBIDDEN for everyone else: a top-level
 *   error for a query or subscription, the typed UnauthenticatedError / ForbiddenError for a mutation.
 * - `none`: allowed, but the row rule leaves the caller nothing: a query answers null or an empty
 *   page, a mutation NotFoundError (the target is invisible to the caller).
 */
export type Outcome = 'allow' | 'DENY' | 'none';
export const OUTCOMES: readonly Outcome[] = ['allow', 'DENY', 'none'];
export type Expectation = Readonly<Record<MatrixRole, Outcome>>;

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface AccessRow {
  operation: OperationKind;
  /** The root field the row is about. */
  field: string;
  expect: Expectation;
  /** One operation selecting `field` (a mutation selects `__typename` of its result union). */
  document: string;
  variables: Record<string, unknown>;
}

/** A reference to a fixture: its global id and its database id. */
export interface Fixture {
  id: string;
  rowId: number;
}

/**
 * The shared world the rows are written against, built once by the test (global ids, plus the row
 * ids a plugin needs to write its own fixtures).
 */
export interface MatrixWorld {
  /** The county government (COUNTY_GOVERNMENT): the parent of `agency`, `otherAgency` and `justiceBureau`. */
  county: Fixture;
  /** The right agency: an ENFORCEMENT_AGENCY (domain 市场监管, document prefix 矩阵市监) with `officer`, `colleague` and `agencyAdmin`. */
  agency: Fixture & { name: string };
  /** Another ENFORCEMENT_AGENCY, with `otherOfficer`. */
  otherAgency: Fixture;
  /** The county justice bureau (JUSTICE_BUREAU), with `supervisor`. */
  justiceBureau: Fixture;
  /** The survey organisation's agency (SURVEY_ORGANISATION); its API key is the `surveyOrg` caller. */
  surveyOrganisation: Fixture;
  /** A second officer of `agency` with a valid certificate reviewed this year (issued 2023): the person that person mutations act on. */
  colleague: Fixture & { name: string };
  /** The people behind the roles. */
  people: {
    officer: Fixture;
    otherOfficer: Fixture;
    agencyAdmin: Fixture;
    supervisor: Fixture;
    systemAdmin: Fixture;
    legalReviewer: Fixture;
    agencyHead: Fixture;
  };
  /** The `enterprise` caller's enterprise, party to `case`. */
  enterprise: Fixture & { uscc: string };
  /** Another enterprise; no case. */
  otherEnterprise: Fixture & { uscc: string };
  /**
   * A published enforcement matter `agency` may enforce (市场监管, ENFORCEMENT_AGENCY): 未按规定公示营业执照,
   * warning or a fine up to ¥30,000.
   */
  matter: Fixture & { code: string };
  /** A case of `agency` against `enterprise` on `matter`, REGISTERED, no officers, opened through openCase (its event is in the log). */
  case: Fixture & { number: string };
  /** A case of `agency` against `enterprise` on `matter`, DECIDED on 2024-06-01 (a ¥5,000 fine). */
  decidedCase: Fixture;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
}

/** One part's rows: it may first write fixtures of its own on the shared world. */
export interface AuthorisationMatrix {
  rows(world: MatrixWorld, prisma: PrismaClient): Promise<readonly AccessRow[]>;
}

export function defineAuthorisationMatrix(rows: (world: MatrixWorld) => readonly AccessRow[]): AuthorisationMatrix;
export function defineAuthorisationMatrix<F>(
  fixtures: (world: MatrixWorld, prisma: PrismaClient) => Promise<F>,
  rows: (world: MatrixWorld, fixtures: F) => readonly AccessRow[],
): AuthorisationMatrix;
export function defineAuthorisationMatrix<F>(
  first: ((world: MatrixWorld) => readonly AccessRow[]) | ((world: MatrixWorld, prisma: PrismaClient) => Promise<F>),
  rows?: (world: MatrixWorld, fixtures: F) => readonly AccessRow[],
): AuthorisationMatrix {
  if (!rows) {
    const plain = first as (world: MatrixWorld) => readonly AccessRow[];
    return { rows: (world) => Promise.resolve(plain(world)) };
  }
  const fixtures = first as (world: MatrixWorld, prisma: PrismaClient) => Promise<F>;
  return { rows: async (world, prisma) => rows(world, await fixtures(world, prisma)) };
}

/**
 * The outcomes of one row, one word per role in MATRIX_ROLES order, e.g.
 * `'DENY  allow allow none  allow allow DENY  allow'`. Throws on anything else, so a malformed row
 * fails the test that builds it.
 */
export function expectation(policy: string): Expectation {
  const words = policy.trim().split(/\s+/);
  if (
    words.length !== MATRIX_ROLES.length ||
    !words.every((w): w is Outcome => (OUTCOMES as readonly string[]).includes(w))
  )
    throw new Error(
      `an access policy needs ${MATRIX_ROLES.length} outcomes (${OUTCOMES.join('/')}), one per role (${MATRIX_ROLES.join(' ')}): "${policy}"`,
    );
  return Object.fromEntries(MATRIX_ROLES.map((role, i) => [role, words[i]])) as Record<MatrixRole, Outcome>;
}

/**
 * A variable value that stands for the caller: the runner replaces it with the caller's own person id
 * (variablesFor), so one row asks every role to act on itself — "nobody changes their own roles". A
 * caller who is no person (the public, the enterprise user, the survey organisation) gets the
 * colleague's id instead; those rows refuse them before any person is looked at.
 */
export const MATRIX_SELF = '<the caller>';

/** A row's variables for one caller: MATRIX_SELF replaced by the caller's own person id. */
export function variablesFor(row: AccessRow, role: MatrixRole, world: MatrixWorld): Record<string, unknown> {
  const people = world.people as Partial<Record<MatrixRole, Fixture>>;
  const self = (people[role] ?? world.colleague).id;
  return Object.fromEntries(Object.entries(row.variables).map(([k, v]) => [k, v === MATRIX_SELF ? self : v]));
}

const row =
  (operation: OperationKind) =>
  (field: string, policy: string, document: string, variables: Record<string, unknown> = {}): AccessRow => ({
    operation,
    field,
    expect: expectation(policy),
    document,
    variables,
  });

export const queryRow = row('query');
export const mutationRow = row('mutation');
export const subscriptionRow = row('subscription');
