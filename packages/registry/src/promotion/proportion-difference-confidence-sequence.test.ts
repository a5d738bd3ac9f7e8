import { twoProportionZTest } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { proportionDifferenceConfidenceSequence } from './proportion-difference-confidence-sequence.js';
import { binomial, createSeededRandom } from './simulation.test-helper.js';

describe('proportionDifferenceConfidenceSequence', () => {
  it('matches the normal-mixture formula, worked by hand', () => {
    const result = proportionDifferenceConfidenceSequence({ successesA: 880, totalA: 1000, successesB: 7200, totalB: 9000 }, { alpha: 0.05, mixtureStandardDeviation: 0.025 });
    const pA = 880.5 / 1001;
    const pB = 7200.5 / 9001;
    const variance = (pA * (1 - pA)) / 1000 + (pB * (1 - pB)) / 9000;
    const tauSquared = 0.025 ** 2;
    const halfWidth = Math.sqrt(((variance * (variance + tauSquared)) / tauSquared) * Math.log((variance + tauSquared) / (variance * 0.05 ** 2)));
    expect(result.difference).toBeCloseTo(0.08, 12);
    expect(result.variance).toBeCloseTo(variance, 15);
    expect(result.lower).toBeCloseTo(0.08 - halfWidth, 12);
    expect(result.upper).toBeCloseTo(0.08 + halfWidth, 12);
    const logLikelihoodRatio = 0.5 * Math.log(variance / (variance + tauSquared)) + (tauSquared * 0.08 ** 2) / (2 * variance * (variance + tauSquared));
    expect(result.logLikelihoodRatio).toBeCloseTo(logLikelihoodRatio, 10);
    expect(result.method).toBe('normal-mixture');
  });

  it('excludes θ₀ exactly when the likelihood ratio reaches 1/α (the sequence and the test agree)', () => {
    const random = createSeededRandom(3);
    for (let trial = 0; trial < 500; trial++) {
      const totalA = 50 + Math.floor(random() * 5000);
      const totalB = 50 + Math.floor(random() * 5000);
      const input = { successesA: Math.floor(random() * (totalA + 1)), totalA, successesB: Math.floor(random() * (totalB + 1)), totalB };
      const result = proportionDifferenceConfidenceSequence(input);
      if (Math.abs(result.lower) < 1e-9 || Math.abs(result.upper) < 1e-9) continue;
      const excludesZero = result.lower > 0 || result.upper < 0;
      expect(result.pValue <= 0.05).toBe(excludesZero);
    }
  });

  it('is wider than the fixed-sample 95 % interval (the price of looking at every step)', () => {
    const result = proportionDifferenceConfidenceSequence({ successesA: 4100, totalA: 5000, successesB: 4000, totalB: 5000 });
    const fixedHalfWidth = 1.96 * Math.sqrt(result.variance);
    expect(result.upper - result.difference).toBeGreaterThan(fixedHalfWidth);
    expect(twoProportionZTest({ successesA: 4100, totalA: 5000, successesB: 4000, totalB: 5000 }).pValue).toBeLessThan(0.05);
  });

  it('covers the true difference at every look of a long stream, in at least 1 − α of 200 seeded streams', () => {
    let missed = 0;
    for (let run = 0; run < 200; run++) {
      const random = createSeededRandom(1000 + run);
      let successesA = 0;
      let successesB = 0;
      let totalA = 0;
      let totalB = 0;
      for (let look = 0; look < 200; look++) {
        successesA += binomial(random, 20, 0.82);
        successesB += binomial(random, 80, 0.8);
        totalA += 20;
        totalB += 80;
        if (totalA < 200) continue;
        const result = proportionDifferenceConfidenceSequence({ successesA, totalA, successesB, totalB });
        if (result.lower > 0.02 || result.upper < 0.02) {
          missed++;
          break;
        }
      }
    }
    expect(missed / 200).toBeLessThanOrEqual(0.05);
  });

  it('rejects impossible counts and options with INVALID_ARGUMENT', () => {
    expect(() => proportionDifferenceConfidenceSequence({ successesA: 5, totalA: 4, successesB: 1, totalB: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => proportionDifferenceConfidenceSequence({ successesA: 0, totalA: 0, successesB: 1, totalB: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => proportionDifferenceConfidenceSequence({ successesA: 1, totalA: 2, successesB: 1, totalB: 2 }, { alpha: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => proportionDifferenceConfidenceSequence({ successesA: 1, totalA: 2, successesB: 1, totalB: 2 }, { mixtureStandardDeviation: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
