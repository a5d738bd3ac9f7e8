import { describe, expect, it } from 'vitest';
import { topMovedBins } from './top-moved-bins.js';

describe('topMovedBins', () => {
  it('ranks bins by the absolute change of share and labels numeric bins as right-closed intervals', () => {
    const bins = topMovedBins({ kind: 'numeric', edges: [0, 10, 20, 30, 40.123456], referenceCounts: [25, 25, 25, 25], currentCounts: [5, 25, 10, 60] });
    expect(bins).toEqual([
      { bin: '(30, 40.12]', referenceShare: 0.25, currentShare: 0.6 },
      { bin: '[0, 10]', referenceShare: 0.25, currentShare: 0.05 },
      { bin: '(20, 30]', referenceShare: 0.25, currentShare: 0.1 },
    ]);
  });

  it('names categories and copes with an empty side', () => {
    expect(topMovedBins({ kind: 'categorical', categories: ['a', 'b'], referenceCounts: [1, 3], currentCounts: [0, 0] }, 1)).toEqual([
      { bin: 'b', referenceShare: 0.75, currentShare: 0 },
    ]);
  });
});
