// The pure 双随机 sampling (src/rules/draw.ts): the stream is HMAC-SHA256 as any standard tool computes it, the
// same inputs give the same draw and another seed another, and the credit-class weights hold statistically —
// checked on a fixed set of seeds, so the test is deterministic (never flaky) yet would fail for a wrong method.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CreditRiskClass } from '@zhifa/core/prisma';
import {
  drawRefusal,
  drawSample,
  MAX_DRAW_POOL,
  seedKey,
  streamValue,
  type PoolEnterprise,
} from '../src/rules/draw.js';

const WEIGHTS = { A: 1, B: 2, C: 4, D: 8 };
const CLASSES: CreditRiskClass[] = ['A', 'B', 'C', 'D'];
const seedOf = (label: string) => createHash('sha256').update(label).digest('hex');
const pool = (perClass: number): PoolEnterprise[] =>
  CLASSES.flatMap((c, k) =>
    Array.from({ length: perClass }, (_, i) => ({ id: k * perClass + i + 1, creditRiskClass: c })),
  );

describe('the random stream', () => {
  it('is HMAC-SHA256(seed, counter) as Python’s hmac computes it (anyone can reproduce a draw)', () => {
    // python3: hmac.new(seed, struct.pack('>Q', i), hashlib.sha256).digest()[:8] >> 11, (bits + 0.5) / 2**53
    const key = seedKey('00'.repeat(31) + '01');
    expect([0, 1, 2].map((i) => streamValue(key, i))).toEqual([
      0.4187629157269874, 0.997883890432331, 0.5529336175131534,
    ]);
  });
});

describe('drawSample', () => {
  const input = (seed: string, count = 10) => ({
    seed,
    weights: WEIGHTS,
    enterprises: pool(25),
    officers: [11, 12, 13, 14, 15],
    count,
    officersPerEnterprise: 2,
  });

  it('is the same for the same inputs and differs for another seed', () => {
    const a = drawSample(input(seedOf('a')));
    expect(drawSample(input(seedOf('a')))).toEqual(a);
    const b = drawSample(input(seedOf('b')));
    expect(b.map((d) => d.enterpriseId)).not.toEqual(a.map((d) => d.enterpriseId));
  });

  it('draws without replacement, in positions 1…n, with two distinct officers of the pool for each', () => {
    const d = drawSample(input(seedOf('c'), 100));
    expect(d.map((x) => x.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(new Set(d.map((x) => x.enterpriseId)).size).toBe(100);
    for (const x of d) {
      expect(x.officerIds).toHaveLength(2);
      expect(new Set(x.officerIds).size).toBe(2);
      expect(x.officerIds.every((o) => [11, 12, 13, 14, 15].includes(o))).toBe(true);
    }
  });

  it('draws classes in proportion to their weights: 2,000 draws of one pass a chi-square test at p = 0.001', () => {
    const observed: Record<CreditRiskClass, number> = { A: 0, B: 0, C: 0, D: 0 };
    const runs = 2000;
    for (let s = 0; s < runs; s++) {
      const [one] = drawSample({ ...input(seedOf(`weights-${s}`), 1), enterprises: pool(10), officers: [1, 2] });
      observed[one.creditRiskClass]++;
    }
    const total = CLASSES.reduce((n, c) => n + WEIGHTS[c], 0);
    const chi2 = CLASSES.reduce((sum, c) => {
      const expected = (runs * WEIGHTS[c]) / total;
      return sum + (observed[c] - expected) ** 2 / expected;
    }, 0);
    expect(chi2).toBeLessThan(16.27); // 3 degrees of freedom, p = 0.001
    // And a method that ignored the weights would fail it: D (8/15) is drawn most, A (1/15) least.
    expect(observed.D).toBeGreaterThan(observed.C);
    expect(observed.C).toBeGreaterThan(observed.B);
    expect(observed.B).toBeGreaterThan(observed.A);
  });
});

describe('drawRefusal', () => {
  it('refuses a pool above the cap, a count above the pool and fewer than two officers, at their boundaries', () => {
    expect(drawRefusal(1, MAX_DRAW_POOL, 2)).toBeNull();
    expect(drawRefusal(1, MAX_DRAW_POOL + 1, 2)?.rule).toBe('INSPECTION_DRAW_POOL_TOO_LARGE');
    expect(drawRefusal(5, 5, 2)).toBeNull();
    expect(drawRefusal(6, 5, 2)?.rule).toBe('INSPECTION_DRAW_POOL_TOO_SMALL');
    expect(drawRefusal(1, 5, 1)?.rule).toBe('INSPECTION_DRAW_OFFICERS');
  });
});
