// What every person mutation shares (person-mutations.ts, person-roles.ts, certificate-mutations.ts):
// the agency of a person for authorisation, reporting a record's problems, and certificate numbers —
// unique among holders, and never again once retired (rules/certificate.ts, CERTIFICATE_NUMBER_RETIRED).
import type { Context } from '../context.js';
import type { Db } from '../db.js';
import type { CertificateStatus } from '../generated/prisma/enums.js';
import { CERTIFICATE_NUMBER_RETIRED, type PersonRecordProblem } from '../rules/certificate.js';
import { RuleViolation, ValidationError } from '../errors.js';
import { tryParseId, type GlobalId } from '../ids.js';

/** The agency of a person, for authorisation; null when there is no such person. */
export async function agencyOfPerson(ctx: Context, gid: GlobalId): Promise<number | null> {
  const n = tryParseId(gid, 'Person');
  if (n === null) return null;
  const p = await ctx.prisma.person.findUnique({ where: { id: n }, select: { agencyId: true } });
  return p?.agencyId ?? null;
}

/** Throw a record's problems: the first rule as a RuleViolation, else every field mistake under `prefix`. */
export function throwProblems(problems: PersonRecordProblem[], prefix: string[] = ['input']): void {
  if (problems.length === 0) return;
  const rule = problems.find((p) => p.kind === 'RULE');
  if (rule) throw new RuleViolation(rule.rule, rule);
  throw new ValidationError(problems.map((p) => ({ path: [...prefix, ...p.path], messageZh: p.zh, messageEn: p.en })));
}

const NUMBER_TAKEN = { zh: '执法证号已被他人使用', en: 'this certificate number belongs to someone else' };

/**
 * A number may go on `self`'s card (null: a person not yet created) when nobody else holds it and it
 * was never retired — unless `self` holds it still (a withdrawn card stays on record with its holder).
 */
export async function assertNumberFree(tx: Db, number: string, self: number | null, path: string[]): Promise<void> {
  const holder = await tx.person.findUnique({ where: { certificateNumber: number }, select: { id: true } });
  if (holder && holder.id !== self) throw ValidationError.one(path, NUMBER_TAKEN);
  if (holder) return;
  if (await tx.retiredCertificate.findUnique({ where: { number }, select: { number: true } }))
    throw new RuleViolation(CERTIFICATE_NUMBER_RETIRED.rule, CERTIFICATE_NUMBER_RETIRED);
}

/** Whether the person ever held a card that was retired: their next one is an issuance. */
export async function heldACertificate(tx: Db, personId: number): Promise<boolean> {
  return (await tx.retiredCertificate.count({ where: { personId } })) > 0;
}

/** Retire a number for good (it left its holder, or became final); retiring it again changes nothing. */
export async function retireNumber(
  tx: Db,
  number: string,
  personId: number,
  status: CertificateStatus | null,
  by: string,
): Promise<void> {
  await tx.retiredCertificate.upsert({
    where: { number },
    create: { number, personId, status, retiredBy: by },
    update: {},
  });
}

/** Two concurrent writers can both pass the check above; the unique index then decides. */
export async function guardUnique<T>(
  work: () => Promise<T>,
  path: string[] = ['input', 'certificate', 'number'],
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') throw ValidationError.one(path, NUMBER_TAKEN);
    throw err;
  }
}
