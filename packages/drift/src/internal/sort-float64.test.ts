import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './sort-float64.js';

describe('sortFloat64', () => {
  it('orders like a comparison sort, including negatives, zeros and extremes', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 3000 }), (values) => {
        const expected = Float64Array.from(values).sort();
        const actual = sortFloat64(Float64Array.from(values));
        // -0 and +0 compare equal; compare with === so either order passes.
        expect(actual.length).toBe(expected.length);
        for (let index = 0; index < expected.length; index++) expect(actual[index] === expected[index]).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('sorts integer-valued data where whole radix passes are skipped', () => {
    const values = Float64Array.from({ length: 5000 }, (_, index) => (index * 7919) % 73);
    const expected = Float64Array.from(values).sort();
    expect(Array.from(sortFloat64(values))).toEqual(Array.from(expected));
  });
});
