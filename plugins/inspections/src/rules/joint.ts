// Joint inspections 综合查一次 (国办发〔2024〕54号): the common window of several planned windows, and how visits are
// counted for an enterprise — a joint inspection once, however many agencies recorded their part of it.

export interface Window {
  from: Date;
  to: Date;
}

/** The common part of the windows, or null when they do not all overlap (windows that only touch do not). */
export function windowIntersection(windows: readonly Window[]): Window | null {
  if (windows.length === 0) return null;
  const from = Math.max(...windows.map((w) => w.from.getTime()));
  const to = Math.min(...windows.map((w) => w.to.getTime()));
  return from < to ? { from: new Date(from), to: new Date(to) } : null;
}

/**
 * Inspections the enterprise underwent: each visit outside a joint inspection once, each joint inspection once
 * whatever the number of member agencies' visit records (a joint visit counts once for the enterprise). Figures
 * per enterprise and the warnings' counts at the enterprise use this; counts per agency count each agency's own
 * record (the agency did inspect).
 */
export function enterpriseInspectionCount(visits: readonly { jointInspectionId: number | null }[]): number {
  const joints = new Set<number>();
  let alone = 0;
  for (const v of visits) {
    if (v.jointInspectionId === null) alone++;
    else joints.add(v.jointInspectionId);
  }
  return alone + joints.size;
}
