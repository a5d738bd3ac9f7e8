import { describe, expect, it } from 'vitest';
import { kolmogorovDistribution } from '../../internal/kolmogorov-distribution.js';
import { ksTest } from '../../ks-test.js';
import { ksAsymptoticPValue } from './ks-asymptotic-p-value.js';
import { kolmogorovLimitSurvival } from './kolmogorov-limit.js';

describe('kolmogorovLimitSurvival', () => {
  it('joins its two series continuously and matches known values', () => {
    expect(kolmogorovLimitSurvival(1 - 1e-12)).toBeCloseTo(kolmogorovLimitSurvival(1), 11);
    expect(kolmogorovLimitSurvival(1.3580986393225505)).toBeCloseTo(0.05, 10); // scipy.special.kolmogi(0.05)
    expect(kolmogorovLimitSurvival(0)).toBe(1);
    expect(kolmogorovLimitSurvival(10)).toBeLessThan(1e-80);
  });
});

describe('ksAsymptoticPValue', () => {
  it("is ksTest's asymp p-value for the same D; within 0.004 of it where en > 1,000 and √en·D < 0.5", () => {
    for (const [referenceCount, currentCount] of [[3, 5], [40, 25], [1000, 1000], [20_000, 86_400], [150_000, 90_000]] as const) {
      const effective = (referenceCount * currentCount) / (referenceCount + currentCount);
      for (let z = 0.05; z < 4; z += 0.05) {
        const statistic = z / Math.sqrt(effective);
        if (statistic >= 1) continue;
        const scipy = kolmogorovDistribution(Math.max(1, Math.round(effective)), statistic);
        const pValue = ksAsymptoticPValue(statistic, referenceCount, currentCount);
        if (z >= 0.5 || effective <= 1000) expect(pValue, `${referenceCount}×${currentCount}, z ${z}`).toBe(Math.min(1, Math.max(0, scipy)));
        else expect(Math.abs(pValue - scipy), `${referenceCount}×${currentCount}, z ${z}`).toBeLessThan(0.004);
      }
    }
  });

  it('agrees with ksTest on real samples', () => {
    const reference = Array.from({ length: 400 }, (_, index) => index);
    const current = Array.from({ length: 300 }, (_, index) => index + 40);
    const expected = ksTest(reference, current, { method: 'asymp' });
    expect(ksAsymptoticPValue(expected.statistic, 400, 300)).toBe(expected.pValue);
  });
});
