import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from './errors/driftwatch-error.js';
import { latencyQuantiles, quantile } from './quantiles.js';

describe('quantile', () => {
  // Oracle: numpy 2.4.6, np.quantile(np.array(values, dtype=float), probabilities) (method='linear').
  it.each([
    [[3, 1, 2], [0, 0.25, 0.5, 0.75, 1], [1, 1.5, 2, 2.5, 3]],
    [
      [0.1, 0.7, 0.2, 0.3, 1e6, -5, 2.5, 2.5, 2.5, 9],
      [0.01, 0.1, 0.33, 0.5, 0.9, 0.95, 0.99, 1],
      [-4.541, -0.4099999999999999, 0.297, 1.6, 100008.09999999964, 550004.0499999989, 910000.8100000002, 1000000],
    ],
    [[5], [0, 0.5, 1], [5, 5, 5]],
    [[1, 2], [0.5, 0.3, 0.7], [1.5, 1.3, 1.7]],
    // 0.12000000000000001 comes from numpy's a + (b − a)·g branch, 0.28 from its b − (b − a)·(1 − g) branch.
    [[0.1, 0.2, 0.3], [0.1, 0.9], [0.12000000000000001, 0.28]],
  ])('is identical to np.quantile(%j, %j)', (values, probabilities, expected) => {
    expect(quantile(values, probabilities)).toEqual(expected);
    probabilities.forEach((probability, index) => expect(quantile(values, probability)).toBe(expected[index]));
  });

  it('drops null, undefined, NaN and ±Infinity before computing', () => {
    expect(quantile([3, null, 1, undefined, Number.NaN, 2, Number.POSITIVE_INFINITY], 0.25)).toBe(1.5);
    expect(quantile(Float32Array.of(4, 2, Number.NaN), [0.5])).toEqual([3]);
  });

  it('throws EMPTY_SAMPLE with no finite values and INVALID_ARGUMENT for bad probabilities', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return DriftwatchError.isInstance(error) ? error.code : 'not a DriftwatchError';
      }
      return 'no error';
    };
    expect(codeOf(() => quantile([], 0.5))).toBe('EMPTY_SAMPLE');
    expect(codeOf(() => quantile([null, Number.NaN], [0.5]))).toBe('EMPTY_SAMPLE');
    expect(codeOf(() => quantile([1, 2], 1.5))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => quantile([1, 2], [0.5, Number.NaN]))).toBe('INVALID_ARGUMENT');
  });

  it('is monotone in the probability and stays within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e12, max: 1e12 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (values, probabilities) => {
          const sortedProbabilities = [...probabilities].sort((left, right) => left - right);
          const results = quantile(values, sortedProbabilities);
          const minimum = Math.min(...values);
          const maximum = Math.max(...values);
          results.forEach((result, index) => {
            expect(result).toBeGreaterThanOrEqual(minimum);
            expect(result).toBeLessThanOrEqual(maximum);
            if (index > 0) expect(result).toBeGreaterThanOrEqual(results[index - 1]!);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('latencyQuantiles', () => {
  it('matches np.quantile(latencies, [0.5, 0.95, 0.99]) on 1000 generated latencies', () => {
    // i = np.arange(1000); latencies = ((i*7919) % 1009)*0.37 + (i % 7)*0.01
    const latencies = Array.from({ length: 1000 }, (_, index) => ((index * 7919) % 1009) * 0.37 + (index % 7) * 0.01);
    expect(latencyQuantiles(latencies)).toEqual({ p50: 187.06, p95: 354.48799999999994, p99: 369.2643, count: 1000 });
  });

  it('counts only the finite values and rejects an empty sample', () => {
    expect(latencyQuantiles([12, 15, 11, 250, 14, Number.NaN])).toMatchObject({ p50: 14, count: 5 });
    expect(() => latencyQuantiles([null])).toThrowError(DriftwatchError);
  });
});
