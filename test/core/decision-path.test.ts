// The decision path: decideCase reads what a decision needs once (the locked case, then its officers,
// matter, enterprise, agency and procedure steps) and asks who may decide once, inside its transaction,
// so a plugin deciding through the core service is held to 第57条 as the GraphQL mutation is. A bound on
// its SQL statements keeps a re-read from creeping back in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, ForbiddenError, unitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { decideCaseInTx } from '@zhifa/core/cases';
import { countStatements, createHarness, ERR, gid, testSettings, type Harness } from '@zhifa/testkit';
import { directCase, readyToDecide, seedCounty, type County } from './case-fixtures.js';

let h: Harness;
let c: County;
beforeAll(async () => {
  h = await createHarness();
  c = await seedCounty(h);
});
afterAll(() => h?.close());

/** BEGIN, COMMIT, ROLLBACK (PGlite's adapter logs its COMMIT as a comment): not the decision's own statements. */
const isTransactionControl = (sql: string) => /^\s*(-- Implicit ")?(BEGIN|COMMIT|ROLLBACK)\b/i.test(sql);

const DECIDE_ID = `mutation($caseId: ID!, $input: DecideCaseInput!) {
  decideCase(caseId: $caseId, input: $input) { ${ERR} ... on MutationDecideCaseSuccess { data { id stage } } }
}`;

describe('decideCase', () => {
  it('costs a bounded number of SQL statements', async () => {
    const decide = async () => {
      const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW', {
        matterId: c.matters.food.id,
      });
      await readyToDecide(h, k.id);
      return countStatements(
        h,
        () =>
          h.gql(
            DECIDE_ID,
            {
              caseId: gid('EnforcementCase', k.id),
              input: { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000 }] },
            },
            c.tokens.head,
          ),
        { ignore: isTransactionControl },
      );
    };
    // The first request identifies the caller (the viewer cache answers the next without SQL).
    await decide();
    const { result, count, statements } = await decide();
    expect((result.data as { decideCase: { data: unknown } }).decideCase.data).toMatchObject({ stage: 'DECIDED' });
    // The scope (case and officers, before any input is looked at), the lock, the decision's facts, the
    // penalty, the document number, the update, the event, and the answer read after commit: 8, where
    // 15 were before the facts were read once (BEGIN and COMMIT not counted).
    expect(count, statements.join('\n')).toBeLessThanOrEqual(8);
    // From the lock on, three reads: the lock, the facts, and the answer after commit.
    const fromLock = statements.slice(statements.findIndex((s) => /FOR UPDATE/.test(s)));
    expect(fromLock.filter((s) => /^SELECT/.test(s.trim())).length, fromLock.join('\n')).toBe(3);
  });

  it('refuses an assigned officer deciding a general-procedure case through the core service (第57条)', async () => {
    // No GraphQL scope runs here: a plugin calling decideCaseInTx is protected by the service alone.
    const k = await directCase(h, c.market.id, c.shop.id, [c.people.o1.id, c.people.o2.id], 'LEGAL_REVIEW', {
      matterId: c.matters.food.id,
    });
    await readyToDecide(h, k.id);
    const o1 = c.people.o1;
    const viewer: Viewer = {
      kind: 'person',
      personId: o1.id,
      name: o1.name,
      agencyId: o1.agencyId,
      agencyKind: c.market.kind,
      roles: o1.roles,
    };
    const env = {
      prisma: h.db.prisma,
      viewer,
      guards: new CaseGuards(),
      settings: testSettings(),
      clock: () => new Date(),
    };
    const decide = unitOfWork(env, (uow) =>
      decideCaseInTx(uow, k.id, { decision: 'PENALTY', penalties: [{ kind: 'FINE', amountFen: 8_000_000n }] }),
    );
    await expect(decide).rejects.toBeInstanceOf(ForbiddenError);
    await expect(decide).rejects.toThrow('普通程序案件由行政机关负责人作出决定（行政处罚法第57条）');
    const after = await h.db.prisma.enforcementCase.findUniqueOrThrow({ where: { id: k.id } });
    expect(after).toMatchObject({ stage: 'LEGAL_REVIEW', decision: null, decisionNumber: null });
    expect(await h.db.prisma.event.count({ where: { caseId: k.id } })).toBe(0);
  });
});
