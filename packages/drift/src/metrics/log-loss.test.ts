import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { logLoss } from './log-loss.js';

describe('logLoss', () => {
  // Oracle: sklearn 1.9.1, sklearn.metrics.log_loss(y_true, y_proba) (clips to finfo(float64).eps).
  it.each([
    ['five probabilities', [1, 0, 1, 1, 0], [0.9, 0.1, 0.8, 0.35, 0.6], 0.4799954878005391],
    ['confident hits and misses, clipped', [1, 0, 1, 0], [1, 0, 0, 1], 18.021826694558577],
    ['a probability below epsilon', [1, 0, 1, 0], [1, 0, 1e-20, 0.5], 9.184200142419275],
  ])('matches log_loss: %s', (_name, actual, probabilities, expected) => {
    expect(logLoss(actual, probabilities)).toBeCloseTo(expected, 13);
  });

  it('matches log_loss with string labels and on 300 tied probabilities', () => {
    // log_loss(['Yes','No','No'], [0.7, 0.2, 0.6], labels=['No','Yes'])
    expect(logLoss(['Yes', 'No', 'No'], [0.7, 0.2, 0.6], { positive: 'Yes' })).toBeCloseTo(0.49870307570903244, 14);
    // a = ((i*13+5) % 7 < 3), p = ((i*37) % 11) / 10 for i in range(300): log_loss(a, p)
    const indices = Array.from({ length: 300 }, (_, index) => index);
    const actual = indices.map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0));
    const probabilities = indices.map((index) => ((index * 37) % 11) / 10);
    expect(logLoss(actual, probabilities)).toBeCloseTo(4.0825985377151826, 12);
  });

  it('uses options.epsilon for clipping', () => {
    // Older sklearn releases defaulted to eps=1e-15; the loss of a confident miss is then -ln(1e-15).
    expect(logLoss([1], [0], { epsilon: 1e-15 })).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss([1], [0], { epsilon: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(() => logLoss([1], [0.5], { epsilon: 0.5 })).toThrowError(DriftwatchError);
  });

  it('rejects probabilities outside [0, 1] and mismatched lengths', () => {
    expect(() => logLoss([1, 0], [1.2, 0.1])).toThrowError(/probabilities must lie in \[0, 1\]/);
    expect(() => logLoss([1, 0], [Number.NaN, 0.1])).toThrowError(DriftwatchError);
    expect(() => logLoss([1, 0], [0.1])).toThrowError(DriftwatchError);
  });

  it('is non-negative and bounded by −ln(epsilon)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        (pairs) => {
          const loss = logLoss(
            pairs.map(([label]) => label),
            pairs.map(([, probability]) => probability),
          );
          expect(loss).toBeGreaterThanOrEqual(0);
          expect(loss).toBeLessThanOrEqual(-Math.log(Number.EPSILON) + 1e-12);
        },
      ),
    );
  });
});
