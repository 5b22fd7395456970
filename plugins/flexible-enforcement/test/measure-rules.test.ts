// When a waiver may be recorded (measure-rules.ts), pure: at the edges of each refusal.
import { describe, expect, it } from 'vitest';
import { noWaivingItemRefusal, waiverRefusal } from '../src/measure-rules.js';

describe('waiverRefusal', () => {
  it('a first waiver of a kind, with no measure of it pending or in force, is allowed', () => {
    expect(waiverRefusal('SEAL_UP', [], [])).toBeNull();
    // Other kinds, other outcomes, measures released or refused do not stand in the way.
    expect(
      waiverRefusal(
        'SEAL_UP',
        [
          { measureKind: 'SEIZURE', outcome: 'WAIVED' },
          { measureKind: 'SEAL_UP', outcome: 'REFUSED' },
          { measureKind: 'SEAL_UP', outcome: 'JUSTIFIED' },
        ],
        [
          { kind: 'SEAL_UP', status: 'RELEASED' },
          { kind: 'SEAL_UP', status: 'REFUSED' },
          { kind: 'SEIZURE', status: 'IN_FORCE' },
        ],
      ),
    ).toBeNull();
  });

  it('a second waiver of the same kind is refused', () => {
    expect(waiverRefusal('SEAL_UP', [{ measureKind: 'SEAL_UP', outcome: 'WAIVED' }], [])?.rule).toBe(
      'FLEXIBLE_MEASURE_ALREADY_WAIVED',
    );
  });

  it('a measure of the kind awaiting approval or in force is refused, naming 第28条', () => {
    for (const status of ['REQUESTED', 'IN_FORCE'] as const) {
      const r = waiverRefusal('FREEZE', [], [{ kind: 'FREEZE', status }]);
      expect(r?.rule).toBe('FLEXIBLE_MEASURE_WAIVER_CONFLICT');
      expect(r?.zh).toContain('第28条');
    }
  });

  it('no item: bilingual, naming 第16条第2款 and the kind', () => {
    const r = noWaivingItemRefusal('SEIZURE');
    expect(r).toMatchObject({ rule: 'FLEXIBLE_MEASURE_WAIVER_NO_ITEM' });
    expect(r.zh).toContain('第16条第2款');
    expect(r.zh).toContain('扣押');
    expect(r.en).toContain('seizure');
  });
});
