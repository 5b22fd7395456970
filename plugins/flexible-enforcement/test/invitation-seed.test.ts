// The invitations of the demo data, through the plugin's services: one visited, closed and rated a month ago with a
// case citing it; one scheduled; one awaiting an answer; one declined. The state machine and the binding hold on
// them: core's openCase on the visited enterprise and matter is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@zhifa/testkit';
import { seedDemoData } from '../../../packages/server/src/seed/index.js';
import { flexibleEnforcementPlugin } from '../src/index.js';
import { bindingVisits } from '../src/invitation-binding.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ plugins: [flexibleEnforcementPlugin] });
  await seedDemoData(h.db.prisma, { plugins: [flexibleEnforcementPlugin] });
}, 300_000);
afterAll(() => h?.close());

describe('invitation demo data', () => {
  it('one in each state the demo shows, the visited one rated and cited by a case', async () => {
    const p = h.db.prisma;
    const rows = await p.invitation.findMany({ include: { officers: true, matters: true, citations: true } });
    expect(rows.map((r) => r.status).sort()).toEqual(['CLOSED', 'DECLINED', 'REQUESTED', 'SCHEDULED']);
    const closed = rows.find((r) => r.status === 'CLOSED')!;
    expect(closed).toMatchObject({ rating: 5 });
    expect(closed.officers).toHaveLength(2);
    expect(closed.citations).toHaveLength(1);
    expect(closed.visitedAt!.getTime()).toBeLessThan(Date.now() - 29 * 86_400_000);
    const c = await p.enforcementCase.findUniqueOrThrow({ where: { id: closed.citations[0].caseId } });
    expect(c).toMatchObject({ enterpriseId: closed.enterpriseId, agencyId: closed.agencyId });
    expect(closed.matters.map((m) => m.matterId)).toContain(c.matterId);
    // The visit still binds: any other case on that enterprise and matter must cite it.
    const binding = await bindingVisits(
      p,
      { agencyId: closed.agencyId, enterpriseId: closed.enterpriseId, matterId: c.matterId! },
      new Date(),
    );
    expect(binding.map((b) => b.id)).toEqual([closed.id]);
    expect(rows.find((r) => r.status === 'DECLINED')!.declineReason).toBeTruthy();
    expect(rows.find((r) => r.status === 'SCHEDULED')!.officers).toHaveLength(2);
  });
});
