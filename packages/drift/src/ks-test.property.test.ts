import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ksMethods, ksTest } from './ks-test.js';

// Small integers make ties common, which is where ECDF bookkeeping goes wrong.
const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: -5, max: 5 }));
const sample = fc.array(value, { minLength: 1, maxLength: 40 });
const method = fc.constantFrom(...ksMethods);

/**
 * scipy's 'asymp' uses n = round(n1 n2 / (n1 + n2)), which is round(0.5) = 0 for two samples of one
 * value, and kstwo.sf with n = 0 is NaN. ksTest keeps that; the properties below exclude it.
 */
function isDegenerate(reference: readonly number[], current: readonly number[], chosen: string): boolean {
  return chosen === 'asymp' && reference.length === 1 && current.length === 1;
}

function shuffled<T>(values: readonly T[], seed: number): T[] {
  const copy = [...values];
  let state = seed >>> 0 || 1;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe('ksTest properties', () => {
  it('statistic and p-value lie in [0, 1]', () => {
    fc.assert(
      fc.property(sample, sample, method, (reference, current, chosen) => {
        fc.pre(!isDegenerate(reference, current, chosen));
        const result = ksTest(reference, current, { method: chosen });
        expect(result.statistic).toBeGreaterThanOrEqual(0);
        expect(result.statistic).toBeLessThanOrEqual(1);
        expect(result.pValue).toBeGreaterThanOrEqual(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('does not depend on the order of either sample', () => {
    fc.assert(
      fc.property(sample, sample, method, fc.integer(), (reference, current, chosen, seed) => {
        const expected = ksTest(reference, current, { method: chosen });
        const permuted = ksTest(shuffled(reference, seed), shuffled(current, seed + 1), { method: chosen });
        expect(permuted).toEqual(expected);
      }),
    );
  });

  it('gives statistic 0 and p-value 1 for a sample against itself', () => {
    fc.assert(
      fc.property(sample, method, (values, chosen) => {
        fc.pre(!isDegenerate(values, values, chosen));
        const result = ksTest(values, values, { method: chosen });
        expect(result.statistic).toBe(0);
        expect(result.pValue).toBe(1);
      }),
    );
  });

  it('gives the same statistic with the samples swapped', () => {
    fc.assert(
      fc.property(sample, sample, method, (reference, current, chosen) => {
        const forward = ksTest(reference, current, { method: chosen });
        const backward = ksTest(current, reference, { method: chosen });
        // Every ECDF difference just changes sign, and both p-value methods are symmetric in (n1, n2).
        expect(backward.statistic).toBe(forward.statistic);
        expect(backward.pValue).toBe(forward.pValue);
      }),
    );
  });
});
