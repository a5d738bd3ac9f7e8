import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { rocAuc } from './roc-auc.js';
import { rocCurve } from './roc-curve.js';

const indices = (length: number) => Array.from({ length }, (_, index) => index);
const tiedScores = indices(300).map((index) => ((index * 37) % 11) / 10);
const tiedLabels = indices(300).map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0));
const correlatedLabels = indices(300).map((index) => (((index * 37) % 11) + (index % 4) > 7 ? 1 : 0));

function expectCloseArray(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 15));
}

describe('rocCurve', () => {
  // Oracle: sklearn 1.9.1, fpr, tpr, thresholds = sklearn.metrics.roc_curve(y_true, y_score)
  // (drop_intermediate=True, first threshold inf).
  it.each([
    {
      name: 'sklearn docstring',
      labels: [0, 0, 1, 1],
      scores: [0.1, 0.4, 0.35, 0.8],
      falsePositiveRate: [0, 0, 0.5, 0.5, 1],
      truePositiveRate: [0, 0.5, 0.5, 1, 1],
      thresholds: [Infinity, 0.8, 0.4, 0.35, 0.1],
    },
    {
      name: 'ten points, no ties',
      labels: [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
      scores: [0.9, 0.8, 0.7, 0.6, 0.55, 0.54, 0.53, 0.52, 0.51, 0.505],
      falsePositiveRate: [0, 0, 0.2, 0.2, 0.6, 0.6, 0.8, 0.8, 1],
      truePositiveRate: [0, 0.2, 0.2, 0.6, 0.6, 0.8, 0.8, 1, 1],
      thresholds: [Infinity, 0.9, 0.8, 0.6, 0.54, 0.53, 0.52, 0.51, 0.505],
    },
    {
      name: '300 points, 11 distinct scores (0.2 is collinear and dropped)',
      labels: tiedLabels,
      scores: tiedScores,
      falsePositiveRate: [
        0, 0.0935672514619883, 0.18128654970760233, 0.27485380116959063, 0.36257309941520466, 0.45614035087719296,
        0.543859649122807, 0.6374269005847953, 0.7309941520467836, 0.9064327485380117, 1,
      ],
      truePositiveRate: [
        0, 0.08527131782945736, 0.17829457364341086, 0.2713178294573643, 0.3643410852713178, 0.4496124031007752,
        0.5426356589147286, 0.6356589147286822, 0.7209302325581395, 0.9069767441860465, 1,
      ],
      thresholds: [Infinity, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.1, 0],
    },
    {
      name: '300 points, 11 distinct scores, informative',
      labels: correlatedLabels,
      scores: tiedScores,
      falsePositiveRate: [
        0, 0, 0, 0, 0.03954802259887006, 0.11299435028248588, 0.22598870056497175, 0.384180790960452,
        0.8418079096045198, 1,
      ],
      truePositiveRate: [
        0, 0.21951219512195122, 0.43902439024390244, 0.6666666666666666, 0.8292682926829268, 0.943089430894309, 1, 1, 1,
        1,
      ],
      thresholds: [Infinity, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.1, 0],
    },
  ])('matches roc_curve: $name', ({ labels, scores, falsePositiveRate, truePositiveRate, thresholds }) => {
    const curve = rocCurve(labels, scores);
    expectCloseArray(curve.falsePositiveRate, falsePositiveRate);
    expectCloseArray(curve.truePositiveRate, truePositiveRate);
    expect(curve.thresholds).toEqual(thresholds);
  });

  it('matches roc_curve with string labels', () => {
    // roc_curve(['No','Yes','Yes','No','Yes'], [0.2, 0.9, 0.2, 0.3, 0.3], pos_label='Yes')
    const curve = rocCurve(['No', 'Yes', 'Yes', 'No', 'Yes'], [0.2, 0.9, 0.2, 0.3, 0.3], { positive: 'Yes' });
    expect(curve).toEqual({
      falsePositiveRate: [0, 0, 1],
      truePositiveRate: [0, 0.3333333333333333, 1],
      thresholds: [Infinity, 0.9, 0.2],
    });
  });

  it('keeps both points when there are only two distinct scores', () => {
    expect(rocCurve([0, 1, 1], [0, 1, 1])).toEqual({
      falsePositiveRate: [0, 0, 1],
      truePositiveRate: [0, 1, 1],
      thresholds: [Infinity, 1, 0],
    });
  });

  it('rejects a single class', () => {
    expect(() => rocCurve([1, 1], [0.2, 0.3])).toThrowError(DriftwatchError);
  });

  it('is monotone from (0, 0) to (1, 1) and its trapezoid area equals rocAuc', () => {
    const labelledScores = fc
      .array(fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: -6, max: 6 }).map((score) => score / 4)), {
        minLength: 2,
        maxLength: 150,
      })
      .filter((pairs) => pairs.some(([label]) => label === 1) && pairs.some(([label]) => label === 0));
    fc.assert(
      fc.property(labelledScores, (pairs) => {
        const labels = pairs.map(([label]) => label);
        const scores = pairs.map(([, score]) => score);
        const { falsePositiveRate, truePositiveRate, thresholds } = rocCurve(labels, scores);
        expect(falsePositiveRate[0]).toBe(0);
        expect(truePositiveRate[0]).toBe(0);
        expect(falsePositiveRate.at(-1)).toBe(1);
        expect(truePositiveRate.at(-1)).toBe(1);
        let area = 0;
        for (let index = 1; index < thresholds.length; index++) {
          expect(thresholds[index]!).toBeLessThan(thresholds[index - 1]!);
          expect(falsePositiveRate[index]!).toBeGreaterThanOrEqual(falsePositiveRate[index - 1]!);
          expect(truePositiveRate[index]!).toBeGreaterThanOrEqual(truePositiveRate[index - 1]!);
          area +=
            ((falsePositiveRate[index]! - falsePositiveRate[index - 1]!) *
              (truePositiveRate[index]! + truePositiveRate[index - 1]!)) /
            2;
        }
        expect(area).toBeCloseTo(rocAuc(labels, scores), 12);
      }),
      { numRuns: 300 },
    );
  });
});
