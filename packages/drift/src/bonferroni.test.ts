import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bonferroni } from './bonferroni.js';
import { DriftwatchError } from './errors/driftwatch-error.js';

describe('bonferroni', () => {
  // Oracle: statsmodels 0.15.0, statsmodels.stats.multitest.multipletests(p, method='bonferroni')[1].
  it.each([
    [[0.01, 0.04, 0.03, 0.005, 0.2], [0.05, 0.2, 0.15, 0.025, 1]],
    [[0.5, 0.5, 0.5, 0.01], [1, 1, 1, 0.04]],
    [[1e-300, 0.3, 1e-10], [3e-300, 0.8999999999999999, 3e-10]],
    [[0.1], [0.1]],
  ])('is identical to multipletests(%j, method="bonferroni")', (pValues, expected) => {
    expect(bonferroni(pValues)).toEqual(expected);
  });

  it('keeps NaN in place and leaves it out of the count m', () => {
    expect(bonferroni([0.01, Number.NaN, 0.04])).toEqual([0.02, Number.NaN, 0.08]);
    expect(bonferroni([])).toEqual([]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => bonferroni([0.2, Number.POSITIVE_INFINITY])).toThrowError(DriftwatchError);
  });

  it('is min(1, p·m): at least the raw p-value and at most 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (pValues) => {
        bonferroni(pValues).forEach((adjusted, index) => {
          expect(adjusted).toBe(Math.min(1, pValues[index]! * pValues.length));
          expect(adjusted).toBeGreaterThanOrEqual(pValues[index]!);
        });
      }),
    );
  });
});
