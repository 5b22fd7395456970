// The rule on what a 从轻 / 减轻 decision may cite, at its boundaries (行政处罚法 第32条、第34条).
import { describe, expect, it } from 'vitest';
import { basisRefusal, type BasisRequest, type CitedItem } from '../src/basis-rules.js';

const item = (over: Partial<CitedItem> = {}): CitedItem => ({
  kind: 'LIGHTER',
  domain: '市场监管',
  binding: true,
  matterCode: 'M-1',
  exclusions: '两年内再次违法的',
  fineMinFen: 100_000,
  fineMaxFen: 600_000,
  circumstance: null,
  ...over,
});
const req = (over: Partial<BasisRequest> = {}): BasisRequest => ({
  decision: 'LIGHTER',
  fineFen: 500_000n,
  matter: { code: 'M-1', domain: '市场监管', fineMinFen: 100_000n },
  agencyDomains: ['市场监管'],
  item: item(),
  exclusionsAbsent: true,
  ...over,
});
const rule = (r: BasisRequest) => basisRefusal(r)?.rule ?? null;

describe('a LIGHTER decision within the item’s band', () => {
  it('exactly the band’s top is allowed; one fen above is refused, naming 第32条', () => {
    expect(rule(req({ fineFen: 600_000n }))).toBeNull();
    expect(rule(req({ fineFen: 600_001n }))).toBe('FLEXIBLE_FINE_OUTSIDE_BAND');
    expect(basisRefusal(req({ fineFen: 600_001n }))?.zh).toContain('第32条');
  });
  it('exactly the band’s bottom is allowed; one fen below is refused', () => {
    expect(rule(req({ fineFen: 100_000n }))).toBeNull();
    expect(rule(req({ fineFen: 99_999n }))).toBe('FLEXIBLE_FINE_OUTSIDE_BAND');
  });
  it('an item without a band leaves the fine to the 裁量基准 tier core checks', () => {
    expect(rule(req({ fineFen: 2_900_000n, item: item({ fineMinFen: null, fineMaxFen: null }) }))).toBeNull();
  });
});

describe('a MITIGATED decision below the minimum', () => {
  const mitigated = (fineFen: bigint | null) =>
    req({ decision: 'MITIGATED', fineFen, item: item({ kind: 'MITIGATED', circumstance: 'CONFESSED' }) });
  it('one fen below the statutory minimum is allowed; the minimum itself is refused', () => {
    expect(rule(mitigated(99_999n))).toBeNull();
    expect(rule(mitigated(100_000n))).toBe('FLEXIBLE_MITIGATED_NOT_BELOW_MINIMUM');
  });
  it('a lighter kind (no fine) is allowed', () => {
    expect(rule(mitigated(null))).toBeNull();
  });
});

describe('what may not be cited', () => {
  it('an item of the other kind', () => {
    expect(rule(req({ item: item({ kind: 'MITIGATED' }) }))).toBe('FLEXIBLE_ITEM_KIND');
    expect(rule(req({ decision: 'MITIGATED', fineFen: null }))).toBe('FLEXIBLE_ITEM_KIND');
  });
  it('an item of another matter or domain, or for a case without a matter', () => {
    expect(rule(req({ item: item({ matterCode: 'M-2' }) }))).toBe('FLEXIBLE_ITEM_MATTER');
    expect(rule(req({ item: item({ domain: '生态环境' }) }))).toBe('FLEXIBLE_ITEM_MATTER');
    expect(rule(req({ matter: null }))).toBe('FLEXIBLE_ITEM_MATTER');
    expect(rule(req({ agencyDomains: ['生态环境'] }))).toBe('FLEXIBLE_ITEM_MATTER');
  });
  it('an item whose 排除情形 the officers marked present', () => {
    expect(rule(req({ exclusionsAbsent: false }))).toBe('FLEXIBLE_EXCLUSION_PRESENT');
  });
  it('an item of a list not published, not in force or not binding the agency', () => {
    expect(rule(req({ item: item({ binding: false }) }))).toBe('FLEXIBLE_ITEM_NOT_BINDING');
  });
});
