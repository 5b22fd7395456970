// A WebSocket connection's timers (lifetime, credential expiry, idle) use coarse delays: Node keeps
// a timer list per distinct delay until that delay has passed, cleared or not, so millisecond
// delays left one behind for every connection the soak churned.
import { describe, expect, it } from 'vitest';
import { coarseDelay } from '@zhifa/server';

describe('coarseDelay', () => {
  it('never shortens a delay, and lengthens it by less than a second (a minute beyond one)', () => {
    for (const ms of [0, 1, 999, 1_000, 1_001, 59_999, 60_000, 60_001, 3_599_999, 604_800_000]) {
      const d = coarseDelay(ms);
      expect(d).toBeGreaterThanOrEqual(ms);
      expect(d - ms).toBeLessThan(ms > 60_000 ? 60_000 : 1_000);
    }
    expect(coarseDelay(-5)).toBe(0);
    expect(coarseDelay(2 ** 31 - 1)).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('10,000 jittered one-hour lifetimes and token expiries share a few hundred delays', () => {
    const delays = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      delays.add(coarseDelay(3_600_000 * (1 - Math.random() * 0.1)));
      delays.add(coarseDelay(Math.random() * 7_200_000));
    }
    // lifetimes: 7 whole minutes; expiries: 61 whole seconds up to a minute, 120 whole minutes beyond.
    expect(delays.size).toBeLessThanOrEqual(7 + 61 + 120);
  });
});
