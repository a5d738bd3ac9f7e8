import { describe, expect, it } from 'vitest';
import { kolmogorovDistribution } from '../../internal/kolmogorov-distribution.js';
import { kolmogorovLimitSurvival, ksLimitPValue } from './kolmogorov-limit.js';

describe('ksLimitPValue', () => {
  it('is within 3% of scipy kstwo.sf(D, round(en)) for p ≥ 1e-4, and 4.5% for p ≥ 1e-7, when en ≥ 100', () => {
    for (const effective of [100, 300, 1000, 16_240, 100_000]) {
      for (let z = 0.3; z < 6; z += 0.02) {
        const statistic = z / Math.sqrt(effective);
        const exact = kolmogorovDistribution(effective, statistic);
        if (exact < 1e-7) continue;
        const approximate = ksLimitPValue(statistic, 2 * effective, 2 * effective);
        expect(Math.abs(approximate / exact - 1), `en ${effective}, z ${z}`).toBeLessThan(exact >= 1e-4 ? 0.03 : 0.045);
      }
    }
  });

  it('joins its two series continuously and matches known values', () => {
    expect(kolmogorovLimitSurvival(1 - 1e-12)).toBeCloseTo(kolmogorovLimitSurvival(1), 11);
    expect(kolmogorovLimitSurvival(1.3580986393225505)).toBeCloseTo(0.05, 10); // scipy.special.kolmogi(0.05)
    expect(kolmogorovLimitSurvival(0)).toBe(1);
    expect(kolmogorovLimitSurvival(10)).toBeLessThan(1e-80);
  });
});
