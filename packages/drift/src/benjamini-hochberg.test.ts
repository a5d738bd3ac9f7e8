import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjamini-hochberg.js';
import { bonferroni } from './bonferroni.js';
import { DriftwatchError } from './errors/driftwatch-error.js';

// Benjamini & Hochberg (1995), table 1: 15 raw p-values. Padded with 10 more so ties in the adjusted values appear.
const paperPValues = [
  0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216, 0.222, 0.251, 0.269, 0.275, 0.34, 0.341, 0.384,
  0.569, 0.594, 0.696, 0.762, 0.94, 0.942, 0.975, 0.986,
];

describe('benjaminiHochberg', () => {
  // Oracle: statsmodels 0.15.0, statsmodels.stats.multitest.multipletests(p, method='fdr_bh')[1].
  it.each([
    [
      [0.01, 0.04, 0.03, 0.005, 0.2],
      [0.024999999999999998, 0.049999999999999996, 0.049999999999999996, 0.024999999999999998, 0.2],
    ],
    [[0.5, 0.5, 0.5, 0.01], [0.5, 0.5, 0.5, 0.04]],
    [
      paperPValues,
      [
        0.025, 0.1, 0.21, 0.21, 0.21, 0.25, 0.26428571428571423, 0.49107142857142855, 0.49107142857142855,
        0.49107142857142855, 0.49107142857142855, 0.49107142857142855, 0.49107142857142855, 0.49107142857142855,
        0.5328125, 0.5328125, 0.5647058823529412, 0.781578947368421, 0.781578947368421, 0.8699999999999999,
        0.9071428571428571, 0.986, 0.986, 0.986, 0.986,
      ],
    ],
    [[0.9, 0.95, 1], [1, 1, 1]],
    [[1e-300, 0.3, 1e-10], [3e-300, 0.3, 1.5000000000000002e-10]],
    [[0.1], [0.1]],
  ])('is identical to multipletests(%j, method="fdr_bh")', (pValues, expected) => {
    expect(benjaminiHochberg(pValues)).toEqual(expected);
  });

  it('keeps NaN in place and leaves it out of the count m', () => {
    const withoutNaN = benjaminiHochberg([0.01, 0.04]);
    expect(benjaminiHochberg([0.01, Number.NaN, 0.04])).toEqual([withoutNaN[0], Number.NaN, withoutNaN[1]]);
    expect(benjaminiHochberg([Number.NaN])).toEqual([Number.NaN]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('accepts typed arrays and rejects p-values outside [0, 1]', () => {
    expect(benjaminiHochberg(Float64Array.of(0.5, 0.01))).toEqual([0.5, 0.02]);
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrowError(DriftwatchError);
    expect(() => benjaminiHochberg([-0.1])).toThrowError(DriftwatchError);
  });

  it('is ≥ raw, ≤ Bonferroni, ≤ 1 and monotone in the rank of the raw p-value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (pValues) => {
        const adjusted = benjaminiHochberg(pValues);
        const conservative = bonferroni(pValues);
        pValues.forEach((pValue, index) => {
          expect(adjusted[index]!).toBeGreaterThanOrEqual(pValue);
          // p / (rank / m) and p · m round differently, so allow a few ulps.
          expect(adjusted[index]!).toBeLessThanOrEqual(conservative[index]! * (1 + 4 * Number.EPSILON));
          expect(adjusted[index]!).toBeLessThanOrEqual(1);
        });
        const order = pValues.map((_, index) => index).sort((left, right) => pValues[left]! - pValues[right]!);
        for (let rank = 1; rank < order.length; rank++) {
          expect(adjusted[order[rank]!]!).toBeGreaterThanOrEqual(adjusted[order[rank - 1]!]!);
        }
      }),
      { numRuns: 300 },
    );
  });
});
