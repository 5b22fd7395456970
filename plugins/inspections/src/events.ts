// Emitting with the right scope, in one place: who an event reaches is a security decision (topics.ts).
import type { UnitOfWork } from '@zhifa/core';
import type { InspectionFiling, InspectionRating, InspectionVisit } from '@zhifa/core/prisma';
import {
  INSPECTION_FILING_CHANGED,
  INSPECTION_VISIT_RATED,
  INSPECTION_VISIT_RECORDED,
  type INSPECTION_FILING_CHANGED as FilingTopic,
} from './topics.js';

type FilingAction = NonNullable<NonNullable<(typeof FilingTopic)['payload']>['action']>;

/** A surprise check (突击检查) reaches its enterprise only once visited; an agreed one from its filing on. */
export function filingEnterpriseScope(f: Pick<InspectionFiling, 'enterpriseId' | 'notice' | 'status'>): number | null {
  return f.notice === 'AGREED' || f.status === 'VISITED' ? f.enterpriseId : null;
}

export async function emitFilingChanged(
  uow: UnitOfWork,
  f: Pick<InspectionFiling, 'id' | 'agencyId' | 'enterpriseId' | 'notice' | 'status' | 'jointInspectionId'>,
  action: FilingAction,
): Promise<void> {
  const enterpriseId = filingEnterpriseScope(f);
  await uow.emit(
    INSPECTION_FILING_CHANGED,
    { filingId: f.id, agencyId: f.agencyId, enterpriseId, action, jointInspectionId: f.jointInspectionId },
    { agencyId: f.agencyId, enterpriseId },
  );
}

export async function emitVisitRecorded(
  uow: UnitOfWork,
  v: Pick<InspectionVisit, 'id' | 'agencyId' | 'enterpriseId' | 'filingId' | 'jointInspectionId'>,
): Promise<void> {
  await uow.emit(
    INSPECTION_VISIT_RECORDED,
    {
      visitId: v.id,
      agencyId: v.agencyId,
      enterpriseId: v.enterpriseId,
      filingId: v.filingId,
      jointInspectionId: v.jointInspectionId,
    },
    { agencyId: v.agencyId, enterpriseId: v.enterpriseId },
  );
}

/** Scoped to the enterprise alone: supervisors see every event; the agency inspected must not see this one. */
export async function emitVisitRated(
  uow: UnitOfWork,
  r: Pick<InspectionRating, 'id' | 'visitId' | 'enterpriseId' | 'score'>,
): Promise<void> {
  await uow.emit(
    INSPECTION_VISIT_RATED,
    { ratingId: r.id, visitId: r.visitId, enterpriseId: r.enterpriseId, score: r.score },
    { enterpriseId: r.enterpriseId },
  );
}
