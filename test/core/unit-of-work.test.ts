// The unit of work: a domain change and its events commit together; a unit that records nothing in
// the event log is refused (and rolled back) unless it says why; every row and event of one unit
// carries the same clock reading and the actor of its viewer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseGuards, defineTopic, NoEventEmitted, PluginSettings, unitOfWork } from '@zhifa/core';
import type { Viewer } from '@zhifa/core/auth';
import { createHarness, type Harness } from '@zhifa/testkit';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h?.close());

const noted = defineTopic<{ key: string }>('test.noted');
const FIXED = new Date('2026-03-31T16:00:00Z');
const viewer: Viewer = { kind: 'system', name: 'test' };
const env = () => ({
  prisma: h.db.prisma,
  viewer,
  guards: new CaseGuards(),
  settings: new PluginSettings(),
  clock: () => FIXED,
});

describe('unitOfWork', () => {
  it('commits the change and its event together, with the viewer as actor and the unit clock', async () => {
    const now = await unitOfWork(env(), async (uow) => {
      await uow.tx.meta.create({ data: { key: 'uow-1', value: 'v' } });
      await uow.emit(noted, { key: 'uow-1' }, { agencyId: null });
      return uow.now;
    });
    expect(now).toEqual(FIXED);
    expect(await h.db.prisma.meta.findUnique({ where: { key: 'uow-1' } })).not.toBeNull();
    const e = await h.db.prisma.event.findFirstOrThrow({ where: { topic: 'test.noted' }, orderBy: { id: 'desc' } });
    expect(e).toMatchObject({ actor: 'system:test', payload: { key: 'uow-1' }, public: false });
  });

  it('refuses a unit that emits nothing, writing nothing', async () => {
    await expect(
      unitOfWork(env(), (uow) => uow.tx.meta.create({ data: { key: 'uow-2', value: 'v' } })),
    ).rejects.toBeInstanceOf(NoEventEmitted);
    expect(await h.db.prisma.meta.findUnique({ where: { key: 'uow-2' } })).toBeNull();
  });

  it('commits a silent unit that says why', async () => {
    await unitOfWork(env(), (uow) => uow.tx.meta.create({ data: { key: 'uow-3', value: 'v' } }), {
      silent: 'test marker',
    });
    expect(await h.db.prisma.meta.findUnique({ where: { key: 'uow-3' } })).not.toBeNull();
  });

  it('rolls back the change and its events when the work throws after emitting', async () => {
    const before = await h.db.prisma.event.count();
    await expect(
      unitOfWork(env(), async (uow) => {
        await uow.tx.meta.create({ data: { key: 'uow-4', value: 'v' } });
        await uow.emit(noted, { key: 'uow-4' }, {});
        throw new Error('refused later');
      }),
    ).rejects.toThrow('refused later');
    expect(await h.db.prisma.meta.findUnique({ where: { key: 'uow-4' } })).toBeNull();
    expect(await h.db.prisma.event.count()).toBe(before);
  });

  it('acts for another viewer with as(), in the same transaction', async () => {
    await unitOfWork(env(), (uow) =>
      uow.as({ kind: 'enterprise', enterpriseId: 7, name: 'E' }).emit(noted, { key: 'uow-5' }, { enterpriseId: 7 }),
    );
    const e = await h.db.prisma.event.findFirstOrThrow({ where: { topic: 'test.noted' }, orderBy: { id: 'desc' } });
    expect(e).toMatchObject({ actor: 'enterprise:7', enterpriseId: 7 });
  });
});
