import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { twoProportionZTest, type TwoProportionAlternative } from './two-proportion-z-test.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.abs(expected),
  );
}

// Oracle: statsmodels 0.15.0 (scipy 1.17.1),
// statsmodels.stats.proportion.proportions_ztest([successesA, successesB], [totalA, totalB], alternative=A)
// with A = 'two-sided', 'larger' (our 'greater') and 'smaller' (our 'less'). Columns: counts, statistic,
// then p-values for two-sided, greater, less.
const cases: Array<[[number, number, number, number], number, number, number, number]> = [
  [[45, 100, 30, 100], 2.1908902300206647, 0.02845973691631055, 0.014229868458155276, 0.9857701315418447],
  [[5, 20, 12, 25], -1.5813049073736645, 0.11380833809565481, 0.9430958309521726, 0.056904169047827406],
  [[1, 1000, 0, 1000], 1.0002500937890797, 0.31718949224675075, 0.15859474612337537, 0.8414052538766246],
  [[480, 1000, 520, 1000], -1.7888543819998333, 0.0736382701203024, 0.9631808649398488, 0.0368191350601512],
  [[3000, 100000, 2800, 100000], 2.665056274756476, 0.007697544050050537, 0.0038487720250252686, 0.9961512279749747],
  [[2, 7, 5, 9], -1.0793650793650795, 0.28042501171986034, 0.8597874941400698, 0.14021250585993017],
  [[600, 1000, 300, 1000], 13.48399724926484, 1.9428901015464237e-41, 9.714450507732119e-42, 1],
];

describe('twoProportionZTest', () => {
  it.each(cases)('matches proportions_ztest for %j', (counts, statistic, ...pValues) => {
    const [successesA, totalA, successesB, totalB] = counts;
    const alternatives: TwoProportionAlternative[] = ['two-sided', 'greater', 'less'];
    alternatives.forEach((alternative, index) => {
      const result = twoProportionZTest({ successesA, totalA, successesB, totalB }, { alternative });
      expectRelative(result.statistic, statistic, 1e-14);
      expectRelative(result.pValue, pValues[index]!, 1e-12);
      expect(result.proportionA).toBe(successesA / totalA);
      expect(result.proportionB).toBe(successesB / totalB);
      expect(result.difference).toBe(successesA / totalA - successesB / totalB);
    });
  });

  it('defaults to two-sided', () => {
    const input = { successesA: 45, totalA: 100, successesB: 30, totalB: 100 };
    expect(twoProportionZTest(input)).toEqual(twoProportionZTest(input, { alternative: 'two-sided' }));
  });

  it('returns statistic 0 and p-value 1 when the pooled variance is 0 (statsmodels gives NaN)', () => {
    expect(twoProportionZTest({ successesA: 0, totalA: 50, successesB: 0, totalB: 60 })).toEqual({
      statistic: 0,
      pValue: 1,
      proportionA: 0,
      proportionB: 0,
      difference: 0,
    });
    const allSuccesses = { successesA: 50, totalA: 50, successesB: 60, totalB: 60 };
    expect(twoProportionZTest(allSuccesses, { alternative: 'less' }).pValue).toBe(1);
  });

  it('rejects impossible counts and unknown alternatives', () => {
    const input = { successesA: 5, totalA: 10, successesB: 5, totalB: 10 };
    expect(() => twoProportionZTest({ ...input, successesA: 11 })).toThrowError(DriftwatchError);
    expect(() => twoProportionZTest({ ...input, totalB: 0 })).toThrowError(DriftwatchError);
    expect(() => twoProportionZTest({ ...input, successesB: -1 })).toThrowError(DriftwatchError);
    expect(() => twoProportionZTest({ ...input, totalA: Number.NaN })).toThrowError(DriftwatchError);
    expect(() =>
      twoProportionZTest(input, { alternative: 'larger' as unknown as TwoProportionAlternative }),
    ).toThrowError(/Unknown alternative/);
  });

  it('has p-values in [0, 1], one-sided tails that add to 1, and a two-sided p-value twice the smaller tail', () => {
    const group = fc
      .integer({ min: 1, max: 10_000 })
      .chain((total) => fc.tuple(fc.integer({ min: 0, max: total }), fc.constant(total)));
    fc.assert(
      fc.property(group, group, ([successesA, totalA], [successesB, totalB]) => {
        const input = { successesA, totalA, successesB, totalB };
        // With no variance every alternative reports p = 1; that case has its own test.
        fc.pre(successesA + successesB > 0 && successesA + successesB < totalA + totalB);
        const twoSided = twoProportionZTest(input).pValue;
        const greater = twoProportionZTest(input, { alternative: 'greater' }).pValue;
        const less = twoProportionZTest(input, { alternative: 'less' }).pValue;
        for (const pValue of [twoSided, greater, less]) {
          expect(pValue).toBeGreaterThanOrEqual(0);
          expect(pValue).toBeLessThanOrEqual(1);
        }
        expect(greater + less).toBeCloseTo(1, 12);
        expect(twoSided).toBeCloseTo(Math.min(1, 2 * Math.min(greater, less)), 12);
        const swapped = twoProportionZTest({
          successesA: successesB,
          totalA: totalB,
          successesB: successesA,
          totalB: totalA,
        });
        expect(swapped.pValue).toBeCloseTo(twoSided, 14);
      }),
    );
  });
});
