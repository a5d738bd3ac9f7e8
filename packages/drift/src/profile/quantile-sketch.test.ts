import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProfileSpec } from './create-profile-spec.js';
import type { NumericColumnProfile } from './dataset-profile.js';
import { profileDataset } from './profile-dataset.js';
import { sketchQuantile } from './quantile-sketch.js';
import { normals } from './profile.test-helper.js';

function sketchOf(values: readonly number[], relativeAccuracy = 0.01): NumericColumnProfile {
  const spec = createProfileSpec({ x: [0, 1] }, { relativeAccuracy });
  return profileDataset(spec, { x: values }).columns[0] as NumericColumnProfile;
}

/** The estimate's error bound: α relative for |x| ≥ 1e-9 (plus rounding of the logarithm), 1e-9 absolute below. */
function withinBound(estimate: number, exact: number, relativeAccuracy: number): boolean {
  if (Math.abs(exact) < 1e-9) return Math.abs(estimate - exact) < 1e-9;
  return Math.abs(estimate - exact) <= (relativeAccuracy + 1e-12) * Math.abs(exact);
}

describe('sketchQuantile', () => {
  it('is within relative error α of the exact lower quantile, for any values and α', () => {
    const values = fc.array(
      fc.oneof(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true }), fc.integer({ min: -5, max: 5 })),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(values, fc.constantFrom(0.001, 0.01, 0.05), fc.double({ min: 0, max: 1, noNaN: true }), (sample, alpha, probability) => {
        const sorted = [...sample].sort((a, b) => a - b);
        const exact = sorted[Math.floor(probability * (sorted.length - 1))]!;
        const estimate = sketchQuantile(sketchOf(sample, alpha).sketch, probability);
        expect(withinBound(estimate, exact, alpha), `${estimate} vs ${exact}`).toBe(true);
      }),
    );
  });

  it('holds its bound on a large skewed sample, at every percentile', () => {
    const sample = normals(100_000, 7).map((value) => Math.exp(2 * value));
    const sorted = [...sample].sort((a, b) => a - b);
    const { sketch } = sketchOf(sample);
    for (let percent = 0; percent <= 100; percent++) {
      const exact = sorted[Math.floor((percent / 100) * (sorted.length - 1))]!;
      expect(withinBound(sketchQuantile(sketch, percent / 100), exact, 0.01)).toBe(true);
    }
  });

  it('uses about ln(max / min) / ln γ buckets per sign', () => {
    const sample = Array.from({ length: 10_000 }, (_, index) => 1 + index / 10); // 1 … 1000.9
    const { sketch } = sketchOf([...sample, ...sample.map((value) => -value), 0]);
    const bound = Math.ceil(Math.log(1000.9) / Math.log(1.01 / 0.99)) + 1;
    const span = (keys: number[]) => keys[keys.length - 1]! - keys[0]! + 1;
    expect(span(sketch.positive.keys)).toBeLessThanOrEqual(bound);
    expect(span(sketch.negative.keys)).toBeLessThanOrEqual(bound);
    expect(sketch.positive.keys.length).toBeLessThanOrEqual(span(sketch.positive.keys));
    expect(sketch.zeroCount).toBe(1);
  });

  it('rejects empty sketches and probabilities outside [0, 1]', () => {
    expect(() => sketchQuantile(sketchOf([]).sketch, 0.5)).toThrow(expect.objectContaining({ code: 'EMPTY_SAMPLE' }));
    expect(() => sketchQuantile(sketchOf([1]).sketch, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => sketchQuantile(sketchOf([1]).sketch, Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
