// What the warnings' tests share: a world whose settings they know, and the visit service's transaction reproduced
// inside core's unit of work (lock the enterprise → write the visit with its items → raise), since the visit service
// itself is another slice's.
import { CaseGuards, unitOfWork, type PluginSettings, type UnitOfWork } from '@zhifa/core';
import { testSettings, type Harness } from '@zhifa/testkit';
import { lockEnterprise } from '../src/enterprise-lock.js';
import { emitVisitRecorded } from '../src/events.js';
import { inspectionsSettings, type InspectionsSettings } from '../src/settings.js';
import { raiseVisitWarningsInTx } from '../src/warnings/raise.js';
import { createInspectionWorld, insertVisit, type InspectionWorld, type VisitRow } from './fixtures.js';

export interface WarningWorld extends InspectionWorld {
  settings: PluginSettings;
  clock: () => Date;
}

/** The inspection world with the warning thresholds given (the rest at their defaults). */
export async function createWarningWorld(
  thresholds: Partial<InspectionsSettings> = {},
  clock: () => Date = () => new Date(),
): Promise<WarningWorld> {
  const settings = testSettings();
  settings.set(inspectionsSettings, { ...settings.get(inspectionsSettings), ...thresholds });
  const w = await createInspectionWorld({ settings, clock });
  return { ...w, settings, clock };
}

/** A unit of work as the system, on the world's database and settings (events wake the app's bus). */
export function work<T>(
  w: { h: Harness; settings: PluginSettings; clock: () => Date },
  fn: (uow: UnitOfWork) => Promise<T>,
  silent?: string,
): Promise<T> {
  return unitOfWork(
    {
      prisma: w.h.db.prisma,
      viewer: { kind: 'system', name: 'test-visits' },
      guards: new CaseGuards(),
      settings: w.settings,
      clock: w.clock,
      events: w.h.app.events,
    },
    fn,
    silent === undefined ? {} : { silent },
  );
}

/** The visit service's transaction: lock, write the visit, raise; returns the visit id and the warnings raised. */
export async function recordVisit(
  w: WarningWorld,
  v: VisitRow,
  between?: () => Promise<void>,
): Promise<{ visitId: number; warningIds: number[] }> {
  return work(w, async (uow) => {
    await lockEnterprise(uow.tx, v.enterpriseId);
    const visit = await insertVisit(w, v, uow.tx);
    await between?.();
    await emitVisitRecorded(uow, visit);
    return { visitId: visit.id, warningIds: await raiseVisitWarningsInTx(uow, visit.id) };
  });
}

/** A visit row of agency A or B at the world's enterprise, with its own officers and item. */
export function visitOf(
  w: InspectionWorld,
  agency: 'A' | 'B',
  visitedAt: Date,
  extra: Partial<VisitRow> = {},
): VisitRow {
  const a = agency === 'A';
  return {
    agencyId: a ? w.agencyA.id : w.agencyB.id,
    enterpriseId: w.enterprise.id,
    visitedAt,
    itemIds: [a ? w.itemA.id : w.itemB.id],
    officerIds: a ? [w.people.officerA.id, w.officerA2.id] : [w.people.officerB.id, w.officerB2.id],
    filingId: null,
    ...extra,
  };
}

export const at = (iso: string) => new Date(iso);
