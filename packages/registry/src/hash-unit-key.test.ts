import { describe, expect, it } from 'vitest';
import { hashUnitKey } from './hash-unit-key.js';

describe('hashUnitKey', () => {
  it('is deterministic and in [0, 1)', () => {
    for (let index = 0; index < 1000; index++) {
      const bucket = hashUnitKey('salt', `customer-${index}`);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(1);
      expect(hashUnitKey('salt', `customer-${index}`)).toBe(bucket);
    }
    expect(hashUnitKey('', '')).toBeLessThan(1);
  });

  it('depends on the salt, and keeps the boundary between salt and key', () => {
    expect(hashUnitKey('a', 'customer-1')).not.toBe(hashUnitKey('b', 'customer-1'));
    expect(hashUnitKey('ab', 'c')).not.toBe(hashUnitKey('a', 'bc'));
    expect(hashUnitKey('a\u0000', 'b')).not.toBe(hashUnitKey('a', '\u0000b'));
  });

  it('spreads 200,000 sequential keys uniformly over 50 buckets (chi-squared p > 0.001)', () => {
    const counts = new Array<number>(50).fill(0);
    for (let index = 0; index < 200_000; index++) counts[Math.floor(hashUnitKey('experiment-7', String(index)) * 50)]!++;
    const expected = 200_000 / 50;
    const statistic = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // The 0.999 quantile of chi-squared with 49 degrees of freedom.
    expect(statistic).toBeLessThan(85.35);
  });

  it('gives independent assignments under two salts (the 10 % slices overlap about 1 %)', () => {
    let both = 0;
    for (let index = 0; index < 100_000; index++) {
      if (hashUnitKey('test-1', `u${index}`) < 0.1 && hashUnitKey('test-2', `u${index}`) < 0.1) both++;
    }
    expect(both / 100_000).toBeGreaterThan(0.008);
    expect(both / 100_000).toBeLessThan(0.012);
  });
});
