import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { brierScore } from './brier-score.js';

describe('brierScore', () => {
  // Oracle: sklearn 1.9.1, sklearn.metrics.brier_score_loss(y_true, y_proba).
  it.each([
    ['five probabilities', [1, 0, 1, 1, 0], [0.9, 0.1, 0.8, 0.35, 0.6], 0.1685],
    ['confident hits and misses', [1, 0, 1, 0], [1, 0, 0, 1], 0.5],
    ['a tiny probability', [1, 0, 1, 0], [1, 0, 1e-20, 0.5], 0.3125],
  ])('matches brier_score_loss: %s', (_name, actual, probabilities, expected) => {
    expect(brierScore(actual, probabilities)).toBeCloseTo(expected, 15);
  });

  it('matches brier_score_loss with string labels and on 300 tied probabilities', () => {
    // brier_score_loss(['Yes','No','No'], [0.7, 0.2, 0.6], pos_label='Yes')
    expect(brierScore(['Yes', 'No', 'No'], [0.7, 0.2, 0.6], { positive: 'Yes' })).toBeCloseTo(0.16333333333333333, 15);
    // a = ((i*13+5) % 7 < 3), p = ((i*37) % 11) / 10 for i in range(300): brier_score_loss(a, p)
    const indices = Array.from({ length: 300 }, (_, index) => index);
    const actual = indices.map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0));
    const probabilities = indices.map((index) => ((index * 37) % 11) / 10);
    expect(brierScore(actual, probabilities)).toBeCloseTo(0.35183333333333333, 14);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => brierScore([1, 0], [-0.1, 0.1])).toThrowError(DriftwatchError);
  });

  it('lies in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 50 }),
        (pairs) => {
          const score = brierScore(
            pairs.map(([label]) => label),
            pairs.map(([, probability]) => probability),
          );
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
