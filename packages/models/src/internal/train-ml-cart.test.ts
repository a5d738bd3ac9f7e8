import { describe, expect, it } from 'vitest';
import { positiveShare } from './train-ml-cart.js';

const leaf = (shares: number[]) => ({ columns: shares.length, get: (_row: number, column: number) => shares[column]! });

describe('positiveShare', () => {
  it("reads the positive column of ml-cart's leaf distribution", () => {
    expect(positiveShare(leaf([0.25, 0.75]))).toBe(0.75);
  });

  it('is 0 for an all-negative leaf, which ml-cart sizes to one column', () => {
    expect(positiveShare(leaf([1]))).toBe(0);
  });

  it("stays within [0, 1] when ml-cart's floating-point normalisation overshoots", () => {
    // Seen from the property test (seed 1632917178): a pure leaf held 1.0000000000000002.
    expect(positiveShare(leaf([-2e-16, 1.0000000000000002]))).toBe(1);
    expect(positiveShare(leaf([1.0000000000000002, -2e-16]))).toBe(0);
  });
});
