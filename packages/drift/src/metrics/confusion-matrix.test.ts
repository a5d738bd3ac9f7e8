import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { confusionMatrix } from './confusion-matrix.js';

function errorCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return DriftwatchError.isInstance(error) ? error.code : 'not a DriftwatchError';
  }
  return 'no error';
}

describe('confusionMatrix', () => {
  // Oracle: sklearn 1.9.1, tn, fp, fn, tp = sklearn.metrics.confusion_matrix(y_true, y_pred).ravel()
  it('matches confusion_matrix on 0/1 labels', () => {
    // confusion_matrix([1,0,1,1,0,0,1,0,1,0], [1,0,0,1,0,1,1,0,0,0]).ravel() == [4, 1, 2, 3]
    expect(confusionMatrix([1, 0, 1, 1, 0, 0, 1, 0, 1, 0], [1, 0, 0, 1, 0, 1, 1, 0, 0, 0])).toEqual({
      truePositive: 3,
      falsePositive: 1,
      trueNegative: 4,
      falseNegative: 2,
      labels: { positive: 1, negative: 0 },
    });
  });

  it('matches confusion_matrix on string labels with a named positive class', () => {
    // confusion_matrix(['Yes','No','No','Yes','No'], ['Yes','Yes','No','No','No'], labels=['No','Yes']).ravel()
    // == [2, 1, 1, 1]
    const actual = ['Yes', 'No', 'No', 'Yes', 'No'];
    const predicted = ['Yes', 'Yes', 'No', 'No', 'No'];
    expect(confusionMatrix(actual, predicted, { positive: 'Yes' })).toEqual({
      truePositive: 1,
      falsePositive: 1,
      trueNegative: 2,
      falseNegative: 1,
      labels: { positive: 'Yes', negative: 'No' },
    });
  });

  it('matches confusion_matrix on 300 generated labels', () => {
    // a = ((i*13+5) % 7 < 3), p = ((i*29+3) % 5 < 2) for i in range(300): ravel() == [103, 68, 77, 52]
    const indices = Array.from({ length: 300 }, (_, index) => index);
    const actual = indices.map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0));
    const predicted = indices.map((index) => ((index * 29 + 3) % 5 < 2 ? 1 : 0));
    expect(confusionMatrix(actual, predicted)).toMatchObject({
      trueNegative: 103,
      falsePositive: 68,
      falseNegative: 77,
      truePositive: 52,
    });
  });

  it('handles booleans, a single class and a custom numeric positive', () => {
    expect(confusionMatrix([true, false], [true, true]).labels).toEqual({ positive: true, negative: false });
    expect(confusionMatrix([0, 0, 0], [0, 0, 0])).toMatchObject({ trueNegative: 3, truePositive: 0 });
    expect(confusionMatrix(['a', 'a'], ['a', 'a'], { positive: 'b' }).labels).toEqual({ positive: 'b', negative: 'a' });
    expect(confusionMatrix(['b', 'b'], ['b', 'b'], { positive: 'b' }).labels).toEqual({
      positive: 'b',
      negative: undefined,
    });
    expect(confusionMatrix([2, 5, 5], [5, 5, 2], { positive: 5 })).toMatchObject({
      truePositive: 1,
      falsePositive: 1,
      falseNegative: 1,
      trueNegative: 0,
    });
  });

  it('rejects three classes, mismatched types and lengths, and string labels without a positive class', () => {
    expect(errorCode(() => confusionMatrix([0, 1, 2], [0, 1, 1]))).toBe('INVALID_ARGUMENT');
    // the negative label must be the same in actual and predicted
    expect(errorCode(() => confusionMatrix(['a', 'y'], ['b', 'y'], { positive: 'y' }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => confusionMatrix([0, 1], [0, true]))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => confusionMatrix([0, 1], [0]))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => confusionMatrix(['No', 'Yes'], ['No', 'Yes']))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => confusionMatrix([0, Number.NaN], [0, 1]))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => confusionMatrix([], []))).toBe('EMPTY_SAMPLE');
  });

  it('has cells that add up to the sample size and to the class totals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 100 }), (pairs) => {
        const actual = pairs.map(([label]) => label);
        const predicted = pairs.map(([, label]) => label);
        const matrix = confusionMatrix(actual, predicted);
        const { truePositive, falsePositive, trueNegative, falseNegative } = matrix;
        expect(truePositive + falsePositive + trueNegative + falseNegative).toBe(pairs.length);
        expect(matrix.truePositive + matrix.falseNegative).toBe(actual.filter(Boolean).length);
        expect(matrix.truePositive + matrix.falsePositive).toBe(predicted.filter(Boolean).length);
      }),
    );
  });
});
