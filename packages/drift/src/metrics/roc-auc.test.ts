import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DriftwatchError } from '../errors/driftwatch-error.js';
import { rocAuc } from './roc-auc.js';

// Deterministic datasets that the Python oracle rebuilds from the same integer formulas.
const indices = (length: number) => Array.from({ length }, (_, index) => index);
const tiedScores = indices(300).map((index) => ((index * 37) % 11) / 10);
const tiedLabels = indices(300).map((index) => ((index * 13 + 5) % 7 < 3 ? 1 : 0));
const correlatedLabels = indices(300).map((index) => (((index * 37) % 11) + (index % 4) > 7 ? 1 : 0));
const largeScores = indices(1000).map((index) => ((index * 7919) % 1009) / 1009);
const largeLabels = indices(1000).map((index) => (((index * 7919) % 1009) + ((index * 104729) % 613) > 800 ? 1 : 0));

/** O(n²) pair count, the definition of the statistic. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let positive = 0; positive < labels.length; positive++) {
    for (let negative = 0; negative < labels.length; negative++) {
      if (labels[positive] !== 1 || labels[negative] !== 0) continue;
      pairs++;
      if (scores[positive]! > scores[negative]!) wins += 1;
      else if (scores[positive] === scores[negative]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('rocAuc', () => {
  // Oracle: sklearn 1.9.1, sklearn.metrics.roc_auc_score(y_true, y_score).
  it.each([
    ['sklearn docstring', [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75],
    [
      'ten points, no ties',
      [1, 0, 1, 1, 0, 0, 1, 0, 1, 0],
      [0.9, 0.8, 0.7, 0.6, 0.55, 0.54, 0.53, 0.52, 0.51, 0.505],
      0.6399999999999999,
    ],
    ['300 points, 11 distinct scores', tiedLabels, tiedScores, 0.49666802665578674],
    ['300 points, 11 distinct scores, informative', correlatedLabels, tiedScores, 0.9784575811859814],
    ['1000 points', largeLabels, largeScores, 0.9289288928892889],
  ])('matches roc_auc_score: %s', (_name, labels, scores, expected) => {
    expect(rocAuc(labels, scores)).toBeCloseTo(expected, 13);
  });

  it('matches roc_auc_score with string labels and a named positive class', () => {
    // roc_auc_score(np.array(['No','Yes','Yes','No','Yes']) == 'Yes', [0.2, 0.9, 0.2, 0.3, 0.3])
    expect(rocAuc(['No', 'Yes', 'Yes', 'No', 'Yes'], [0.2, 0.9, 0.2, 0.3, 0.3], { positive: 'Yes' })).toBeCloseTo(
      0.6666666666666666,
      14,
    );
  });

  it('accepts booleans, typed arrays and a numeric positive other than 1', () => {
    expect(rocAuc([false, false, true, true], Float64Array.of(0.1, 0.4, 0.35, 0.8))).toBe(0.75);
    expect(rocAuc([2, 2, 1, 1], [0.1, 0.4, 0.35, 0.8], { positive: 2 })).toBe(0.25);
    expect(rocAuc([-1, -1, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it('treats -0 and +0 as one tied score', () => {
    expect(rocAuc([0, 1], [-0, 0])).toBe(0.5);
  });

  it('rejects one-class input, bad scores and mismatched labels', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return DriftwatchError.isInstance(error) ? error.code : 'not a DriftwatchError';
      }
      return 'no error';
    };
    expect(codeOf(() => rocAuc([1, 1, 1], [0.1, 0.2, 0.3]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc([0, 1], [0.1, Number.NaN]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc([0, 1], [0.1]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc([0, 1, 2], [0.1, 0.2, 0.3]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc(['a', 'b'], [0.1, 0.2]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc([0, '1' as unknown as number], [0.1, 0.2]))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => rocAuc([], []))).toBe('EMPTY_SAMPLE');
  });

  // Small integers give many ties; arbitrary doubles give extremes, subnormals and signed zeros.
  const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const labelledScores = fc
    .array(fc.tuple(fc.constantFrom(0, 1), score), { minLength: 2, maxLength: 200 })
    .filter((pairs) => pairs.some(([label]) => label === 1) && pairs.some(([label]) => label === 0));

  it('lies in [0, 1], equals the pairwise definition, and flips under negated scores', () => {
    fc.assert(
      fc.property(labelledScores, (pairs) => {
        const labels = pairs.map(([label]) => label);
        const scores = pairs.map(([, score]) => score);
        const area = rocAuc(labels, scores);
        expect(area).toBeGreaterThanOrEqual(0);
        expect(area).toBeLessThanOrEqual(1);
        expect(area).toBeCloseTo(pairwiseAuc(labels, scores), 12);
        expect(rocAuc(labels, scores.map((score) => -score))).toBeCloseTo(1 - area, 12);
      }),
      { numRuns: 300 },
    );
  });
});
