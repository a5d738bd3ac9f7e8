import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binFeatures, binOf } from './bin-features.js';

describe('binFeatures', () => {
  it('gives each distinct value its own bin when there are few, with midpoint thresholds', () => {
    const binned = binFeatures(new Float64Array([3, 1, 2, 1]), 4, 1, 255);
    expect([...binned.thresholds[0]!]).toEqual([1.5, 2.5]);
    expect([...binned.bins]).toEqual([2, 0, 1, 0]);
    expect(binned.binCounts[0]).toBe(3);
  });

  it('caps the bins and keeps "bin <= b" equal to "value <= thresholds[b]"', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 2, max: 255 }),
        (values, maxBins) => {
          const binned = binFeatures(Float64Array.from(values), values.length, 1, maxBins);
          const thresholds = binned.thresholds[0]!;
          expect(thresholds.length + 1).toBeLessThanOrEqual(maxBins);
          for (let index = 1; index < thresholds.length; index++) expect(thresholds[index]).toBeGreaterThan(thresholds[index - 1]!);
          values.forEach((value, row) => {
            const bin = binned.bins[row]!;
            expect(binOf(value, thresholds)).toBe(bin);
            for (let split = 0; split < thresholds.length; split++) expect(bin <= split).toBe(value <= thresholds[split]!);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stores the same bins row-major and column-major', () => {
    const binned = binFeatures(new Float64Array([1, 10, 2, 20, 3, 30]), 3, 2, 255);
    for (let row = 0; row < 3; row++) {
      for (let feature = 0; feature < 2; feature++) {
        expect(binned.columnBins[feature * 3 + row]).toBe(binned.bins[row * 2 + feature]);
      }
    }
  });
});
