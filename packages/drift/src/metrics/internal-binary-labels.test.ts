import { describe, expect, it } from 'vitest';
import { encodeBinaryLabels, encodeScoredLabels } from './internal-binary-labels.js';

describe('encodeBinaryLabels', () => {
  it('defaults the positive class to 1 or true and finds the shared negative label', () => {
    const numeric = encodeBinaryLabels([{ labels: [0, 1, 1], role: 'actual' }]);
    expect(Array.from(numeric.flags[0]!)).toEqual([0, 1, 1]);
    expect([numeric.positive, numeric.negative]).toEqual([1, 0]);
    const booleans = encodeBinaryLabels([{ labels: [true, true], role: 'actual' }]);
    expect([booleans.positive, booleans.negative]).toEqual([true, false]);
    const pair = encodeBinaryLabels(
      [
        { labels: ['y', 'y'], role: 'actual' },
        { labels: ['n', 'y'], role: 'predicted' },
      ],
      { positive: 'y' },
    );
    expect(pair.negative).toBe('n');
    expect(Array.from(pair.flags[1]!)).toEqual([0, 1]);
  });

  it('names the offending input in its errors', () => {
    expect(() =>
      encodeBinaryLabels([
        { labels: [0, 1], role: 'actual' },
        { labels: [0, 2], role: 'predicted' },
      ]),
    ).toThrowError(/predicted labels hold more than two classes/);
    expect(() => encodeBinaryLabels([{ labels: [0, 1], role: 'actual' }], { positive: Number.NaN })).toThrowError(
      /finite number/,
    );
  });
});

describe('encodeScoredLabels', () => {
  it('counts positives and copies scores', () => {
    const encoded = encodeScoredLabels([1, 0, 1], [0.5, 0.25, 1], {}, 'probabilities');
    expect(encoded.positiveCount).toBe(2);
    expect(Array.from(encoded.scores)).toEqual([0.5, 0.25, 1]);
  });

  it('accepts any finite score but only probabilities within [0, 1]', () => {
    expect(encodeScoredLabels([1, 0], [-3, 7], {}, 'scores').positiveCount).toBe(1);
    expect(() => encodeScoredLabels([1, 0], [-3, 7], {}, 'probabilities')).toThrowError(/must lie in \[0, 1\]/);
    const infinite = [Number.POSITIVE_INFINITY, 7];
    expect(() => encodeScoredLabels([1, 0], infinite, {}, 'scores')).toThrowError(/must be finite/);
  });
});
