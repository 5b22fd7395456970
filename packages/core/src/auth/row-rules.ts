// Row rules: which rows of a Prisma-backed type a viewer may read, declared once per type and
// applied by the framework (row-rules-plugin.ts) on every path that loads the type. Keystone's
// list-level `filter` access is the model: the rule is a Prisma filter, so hidden rows are never
// loaded, and pagination and counts agree with what the caller sees.
//
//   const caseRule = defineRowRule('EnforcementCase', { where: (v) => …, can: (v, c) => … });
//   builder.prismaNode('EnforcementCase', { rowRule: caseRule, … });
//
// A Prisma-backed object type without a `rowRule` does not build. `publicRows` is a declaration
// too: every row, for everyone.
import type PrismaTypes from '../generated/pothos-types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from './viewer.js';

export type RowModel = keyof PrismaTypes;
export type RowFilter<M extends RowModel> = PrismaTypes[M]['Where'];

/**
 * "No rows", the one way to write it. A rule says it by returning null from `where`; where Prisma
 * needs a filter (a nested relation's `where`, a node lookup), the framework writes the rule's
 * `noRows`: this for a model with an `id`. Not `{ OR: [] }`: Prisma 6.19 reads that as false only
 * at the top of a `where`, and as true inside an AND (checked: `{ AND: [{ OR: [] }] }` matches
 * every row).
 */
export const NO_ROWS = Object.freeze({ id: Object.freeze({ in: [] as number[] }) });

export interface RowRule<M extends RowModel = RowModel> {
  readonly model: M;
  /** What the viewer may read, as a Prisma filter (`{}`: every row); null when the viewer may read no row. */
  readonly where: (viewer: Viewer) => RowFilter<M> | null;
  /**
   * The same rule as a pure check of one loaded row, for a to-one relation (a filter cannot narrow
   * a to-one include). It may read only columns every query of the type loads (in select mode, the
   * type's own `select`). Without it, a to-one relation to this type is checked with one batched
   * query per request tick, unless the relation is declared `rowRuleImplied`.
   */
  can?(viewer: Viewer, row: PrismaTypes[M]['Shape']): boolean;
  /**
   * The relation of this model whose row decides: a row is visible exactly when that row is
   * (`rowsThrough`). The framework then adds no filter where the row is reached from that row
   * (a case's steps under a visible case), and none on the way back to it.
   */
  readonly through?: string;
  /** Every row, for every viewer (`publicRows`): the framework adds nothing anywhere. */
  readonly isPublic: boolean;
  /** A filter matching no row of the model, written where the rule's `where` is null. */
  readonly noRows: RowFilter<M>;
}

export function defineRowRule<M extends RowModel>(
  model: M,
  spec: { where: RowRule<M>['where']; can?(viewer: Viewer, row: PrismaTypes[M]['Shape']): boolean },
): RowRule<M> {
  return { model, where: perViewer(spec.where), can: spec.can?.bind(spec), isPublic: false, noRows: NO_ROWS };
}

/** Every row is public (an explicit declaration, not a default): the framework applies nothing. */
export function publicRows<M extends RowModel>(model: M): RowRule<M> {
  return {
    model,
    where: () => ALL_ROWS,
    can: () => true,
    isPublic: true,
    noRows: NO_ROWS,
  };
}

/**
 * A row is visible exactly when its `relation` row is, under `parent`'s rule: a case's steps,
 * officers and measures are read by whoever may read the case.
 */
export function rowsThrough<M extends RowModel, P extends RowModel>(
  model: M,
  relation: PrismaTypes[M]['RelationName'] & string,
  parent: RowRule<P>,
): RowRule<M> {
  return {
    model,
    through: relation,
    isPublic: false,
    // The parent's "no rows" under the relation: a model without an `id` of its own (CaseOfficer) has one.
    noRows: { [relation]: parent.noRows },
    where: perViewer((v) => {
      const w = parent.where(v);
      if (w === null) return null;
      return isAllRows(w) ? ALL_ROWS : { [relation]: w };
    }),
  };
}

const ALL_ROWS = Object.freeze({});

/**
 * A rule's filter, computed once per viewer: the framework asks for it on every row of a to-one
 * relation and every nested list. A viewer is immutable (a changed person is a new viewer), and
 * the filter is only ever read (andRule and withWhere build new objects around it).
 */
function perViewer<W>(where: (v: Viewer) => W): (v: Viewer) => W {
  const known = new WeakMap<Viewer, W>();
  return (v) => {
    if (known.has(v)) return known.get(v) as W;
    const w = where(v);
    known.set(v, w);
    return w;
  };
}

/** Whether a rule's filter lets every row through (`{}`): nothing to add, nothing to check. */
export function isAllRows(where: object): boolean {
  for (const _ in where) return false;
  return true;
}

/** `where` narrowed by a rule's filter; unique fields stay at the top, so findUnique accepts it. */
export function andRule<W extends object>(where: W | undefined, rule: object): W {
  if (!where) return rule as W;
  const and = (where as { AND?: unknown }).AND;
  return {
    ...where,
    AND: and === undefined ? [rule] : Array.isArray(and) ? [...(and as unknown[]), rule] : [and, rule],
  };
}

/** Where a scoped context (row-rules-plugin.ts) keeps the request's own client. */
export const UNSCOPED_CLIENT = Symbol('zhifa.unscopedClient');

/**
 * The request's client without row rules (Keystone's `context.sudo()`). A query resolver's
 * `ctx.prisma` reads only the rows the viewer may read; a domain check that must see further —
 * a party's earlier cases in every agency for 首违 — reads through this, and says why. Whatever it
 * reads is not handed to the caller as rows. In a mutation it is `ctx.prisma` itself.
 */
export function sudo(ctx: { prisma: PrismaClient }): PrismaClient {
  return (ctx as { [UNSCOPED_CLIENT]?: PrismaClient })[UNSCOPED_CLIENT] ?? ctx.prisma;
}
