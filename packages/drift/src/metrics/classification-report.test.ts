import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { accuracy, classificationReport, f1Score, precision, recall } from './classification-report.js';

const indices = Array.from({ length: 300 }, (_, index) => index);

describe('classification metrics', () => {
  // Oracle: sklearn 1.9.1 with zero_division=0:
  // accuracy_score(a, p), precision_score(a, p, zero_division=0), recall_score(a, p, zero_division=0),
  // f1_score(a, p, zero_division=0); pos_label='Yes' for the string case.
  it.each([
    {
      name: 'ten 0/1 labels',
      actual: [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
      predicted: [1, 0, 0, 1, 0, 1, 1, 0, 0, 0],
      options: {},
      expected: { accuracy: 0.7, precision: 0.75, recall: 0.6, f1: 0.6666666666666666, support: 5 },
    },
    {
      name: 'string labels',
      actual: ['Yes', 'No', 'No', 'Yes', 'No'],
      predicted: ['Yes', 'Yes', 'No', 'No', 'No'],
      options: { positive: 'Yes' },
      expected: { accuracy: 0.6, precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
    },
    {
      name: 'nothing predicted positive (precision 0/0)',
      actual: [1, 0, 1, 0],
      predicted: [0, 0, 0, 0],
      options: {},
      expected: { accuracy: 0.5, precision: 0, recall: 0, f1: 0, support: 2 },
    },
    {
      name: 'no positives anywhere (recall and F1 0/0)',
      actual: [0, 0, 0],
      predicted: [0, 0, 0],
      options: {},
      expected: { accuracy: 1, precision: 0, recall: 0, f1: 0, support: 0 },
    },
    {
      name: 'a false positive only',
      actual: [0, 0, 0],
      predicted: [0, 1, 0],
      options: {},
      expected: { accuracy: 0.6666666666666666, precision: 0, recall: 0, f1: 0, support: 0 },
    },
    {
      // a = ((i*13+5) % 7 < 3), p = ((i*29+3) % 5 < 2) for i in range(300)
      name: '300 generated labels',
      actual: indices.map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0)),
      predicted: indices.map((index) => ((index * 29 + 3) % 5 < 2 ? 1 : 0)),
      options: {},
      expected: {
        accuracy: 0.5166666666666667,
        precision: 0.43333333333333335,
        recall: 0.40310077519379844,
        f1: 0.41767068273092367,
        support: 129,
      },
    },
  ])('matches sklearn: $name', ({ actual, predicted, options, expected }) => {
    const report = classificationReport(actual, predicted, options);
    expect(report).toMatchObject(expected);
    expect(report.accuracy).toBe(accuracy(actual, predicted));
    expect(report.precision).toBe(precision(actual, predicted, options));
    expect(report.recall).toBe(recall(actual, predicted, options));
    expect(report.f1).toBe(f1Score(actual, predicted, options));
  });

  it('compares any labels for accuracy but insists on equal, non-empty inputs', () => {
    expect(accuracy(['cat', 'dog', 'eel'], ['cat', 'dog', 'dog'])).toBeCloseTo(2 / 3, 15);
    expect(() => accuracy([], [])).toThrowError(DriftwatchError);
    expect(() => accuracy([1], [1, 0])).toThrowError(DriftwatchError);
    expect(() => precision(['No', 'Yes'], ['No', 'Yes'])).toThrowError(DriftwatchError);
  });

  it('keeps every metric in [0, 1] with F1 between precision and recall', () => {
    const labelPairs = fc.array(fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(labelPairs, (pairs) => {
        const report = classificationReport(
          pairs.map(([label]) => label),
          pairs.map(([, label]) => label),
        );
        for (const value of [report.accuracy, report.precision, report.recall, report.f1]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
        expect(report.f1).toBeLessThanOrEqual(Math.max(report.precision, report.recall) + 1e-15);
        expect(report.f1).toBeGreaterThanOrEqual(Math.min(report.precision, report.recall) - 1e-15);
      }),
    );
  });
});
