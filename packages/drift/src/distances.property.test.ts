import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hellinger } from './hellinger.js';
import { jensenShannon } from './jensen-shannon.js';
import { psi } from './psi.js';
import { wasserstein } from './wasserstein.js';

const numericSample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 });
const tiedSample = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 300 });
const categoricalSample = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 1, maxLength: 300 });
const anySample = fc.oneof(numericSample, tiedSample, categoricalSample);

/** A seeded Fisher–Yates shuffle, so a failing case replays. */
function shuffled<T>(values: readonly T[], seed: number): T[] {
  const copy = [...values];
  let state = seed >>> 0 || 1;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) >>> 0;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

describe('distance properties', () => {
  it('psi(x, x) = 0, and the same holds for Jensen–Shannon, Hellinger and Wasserstein', () => {
    fc.assert(
      fc.property(anySample, (sample) => {
        expect(psi(sample, sample).value).toBe(0);
        expect(jensenShannon(sample, sample).value).toBe(0);
        expect(hellinger(sample, sample).value).toBe(0);
        if (typeof sample[0] === 'number') expect(wasserstein(sample as number[], sample as number[]).value).toBe(0);
      }),
    );
  });

  it('Jensen–Shannon and Hellinger lie in [0, 1]; PSI and Wasserstein are non-negative', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(numericSample, numericSample), fc.tuple(categoricalSample, categoricalSample)), ([reference, current]) => {
        const js = jensenShannon(reference, current).value;
        const distance = hellinger(reference, current).value;
        expect(js).toBeGreaterThanOrEqual(0);
        expect(js).toBeLessThanOrEqual(1);
        expect(distance).toBeGreaterThanOrEqual(0);
        expect(distance).toBeLessThanOrEqual(1);
        expect(psi(reference, current).value).toBeGreaterThanOrEqual(0);
        if (typeof reference[0] === 'number') {
          expect(wasserstein(reference as number[], current as number[]).value).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('Jensen–Shannon and Wasserstein are symmetric on categorical bins and raw values', () => {
    fc.assert(
      fc.property(categoricalSample, categoricalSample, (reference, current) => {
        expect(jensenShannon(reference, current).value).toBeCloseTo(jensenShannon(current, reference).value, 12);
      }),
    );
    fc.assert(
      fc.property(numericSample, numericSample, (reference, current) => {
        const forward = wasserstein(reference, current).value;
        const backward = wasserstein(current, reference).value;
        expect(Math.abs(forward - backward)).toBeLessThanOrEqual(1e-9 * Math.max(1, forward));
      }),
    );
  });

  it('results do not change when either sample is permuted', () => {
    fc.assert(
      fc.property(anySample, anySample, fc.integer(), (reference, current, seed) => {
        if (typeof reference[0] !== typeof current[0]) return;
        const permutedReference = shuffled<number | string>(reference, seed);
        const permutedCurrent = shuffled<number | string>(current, seed + 1);
        expect(psi(permutedReference, permutedCurrent)).toEqual(psi(reference, current));
        expect(jensenShannon(permutedReference, permutedCurrent).value).toBe(jensenShannon(reference, current).value);
      }),
    );
  });

  it('missing values are ignored and never crash', () => {
    const withMissing = [1, null, 2, undefined, Number.NaN, 3, Number.POSITIVE_INFINITY];
    expect(psi(withMissing, [1, 2, 3])).toEqual(psi([1, 2, 3], [1, 2, 3]));
    expect(() => psi([null, Number.NaN], [1])).toThrowError(/reference sample has no finite numeric values/);
    expect(psi(['a', '', null, 'b'], ['a', 'b']).value).toBe(0);
  });
});
