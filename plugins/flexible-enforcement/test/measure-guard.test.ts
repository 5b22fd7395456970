// The no-compulsory-measure guard through core's recordCompulsoryMeasure (行政强制法 第16条第2款): a measure of
// the kind a published, in-force NO_COMPULSORY item names for the case's matter needs a written justification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatter, rowCounts } from '@zhifa/testkit';
import { createWorld } from './fixtures.js';
import * as fx from './measure-fixtures.js';

let w: fx.MeasureWorld;
beforeAll(async () => {
  w = await fx.withSecondOfficer(await createWorld());
});
afterAll(() => w?.h.close());

const noCompulsoryList = (matterCode: string, opts: { status?: 'PUBLISHED' | 'DRAFT'; validUntil?: Date } = {}) =>
  fx.noCompulsoryList(w, matterCode, opts);
const investigatingCase = (matterId: number) => fx.investigatingCase(w, matterId);
const record = (caseId: number, input: Record<string, unknown>) => fx.recordMeasure(w, caseId, input);

describe('a measure a published NO_COMPULSORY item waives', () => {
  it('is refused without a written justification, naming 第16条第2款, and writes nothing', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    const c = await investigatingCase(matter.id);
    const before = await rowCounts(w.h.db.prisma);
    const refused = await record(c, {});
    expect(refused).toMatchObject({ __typename: 'RuleViolation', rule: 'FLEXIBLE_MEASURE_JUSTIFICATION_REQUIRED' });
    expect(refused.message).toContain('第16条第2款');
    // A blank one is refused by core's input hygiene before the guard.
    expect((await record(c, { justification: '   ' })).__typename).toBe('ValidationError');
    expect(await rowCounts(w.h.db.prisma)).toEqual(before);
  });

  it('with a justification is recorded, and the check (JUSTIFIED) is tied to the measure', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    const c = await investigatingCase(matter.id);
    const done = await record(c, { justification: '当事人拒不停止销售，存在转移证据风险' });
    expect(done.__typename, JSON.stringify(done)).toBe('MutationRecordCompulsoryMeasureSuccess');
    const checks = await w.h.db.prisma.compulsoryMeasureCheck.findMany({ where: { caseId: c } });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({
      outcome: 'JUSTIFIED',
      measureKind: 'SEAL_UP',
      justification: '当事人拒不停止销售，存在转移证据风险',
      measureId: Number(Buffer.from(done.data.id, 'base64').toString().split(':')[1]),
    });
  });
});

describe('what the guard leaves alone', () => {
  it('another measure kind, a draft list, a list no longer in force, another matter: no justification needed', async () => {
    const matter = await createMatter(w.h.db.prisma);
    await noCompulsoryList(matter.code);
    expect((await record(await investigatingCase(matter.id), { kind: 'SEIZURE' })).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const drafted = await createMatter(w.h.db.prisma);
    await noCompulsoryList(drafted.code, { status: 'DRAFT' });
    expect((await record(await investigatingCase(drafted.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const lapsed = await createMatter(w.h.db.prisma);
    await noCompulsoryList(lapsed.code, { validUntil: new Date('2025-06-30T00:00:00Z') });
    expect((await record(await investigatingCase(lapsed.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
    const other = await createMatter(w.h.db.prisma);
    expect((await record(await investigatingCase(other.id), {})).__typename).toBe(
      'MutationRecordCompulsoryMeasureSuccess',
    );
  });
});
