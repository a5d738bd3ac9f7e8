import { describe, expect, it } from 'vitest';
import { fitTabularEncoder, loadTabularEncoder } from './tabular-encoder.js';

const rows = [
  { age: '30', plan: 'basic' },
  { age: ' ', plan: 'pro' },
  { age: 50, plan: 'basic' },
  { age: 'n/a', plan: '' },
  { age: 10, plan: 'basic' },
];
const kinds = { age: 'numeric', plan: 'categorical' } as const;

describe('fitTabularEncoder', () => {
  it('imputes the median, flags missing cells and one-hot encodes with an unknown bucket', () => {
    const encoder = fitTabularEncoder(rows, kinds, { standardize: false, maxCategories: 100, missingIndicators: true });
    expect(encoder.featureNames).toEqual(['age', 'age=<missing>', 'plan=basic', 'plan=pro', 'plan=<unknown>']);
    expect([...encoder.encodeRows([{ age: ' ', plan: 'pro' }, { age: 7, plan: 'gold' }, {}])]).toEqual([
      30, 1, 0, 1, 0,
      7, 0, 0, 0, 1,
      30, 1, 0, 0, 1,
    ]);
    expect(encoder.featureRanges).toEqual([
      { column: 'age', start: 0, end: 2 },
      { column: 'plan', start: 2, end: 5 },
    ]);
  });

  it('keeps the most frequent categories and sends the rest to the unknown bucket', () => {
    const encoder = fitTabularEncoder(rows, kinds, { standardize: false, maxCategories: 1, missingIndicators: false });
    expect(encoder.featureNames).toEqual(['age', 'plan=basic', 'plan=<unknown>']);
  });

  it('standardizes every feature to mean 0 and variance 1 on the training rows', () => {
    const encoder = fitTabularEncoder(rows, kinds, { standardize: true, maxCategories: 100, missingIndicators: true });
    const matrix = encoder.encodeRows(rows);
    for (let feature = 0; feature < encoder.featureCount; feature++) {
      const column = rows.map((_, row) => matrix[row * encoder.featureCount + feature]!);
      const mean = column.reduce((total, value) => total + value, 0) / column.length;
      const variance = column.reduce((total, value) => total + (value - mean) ** 2, 0) / column.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(variance).toBeCloseTo(1, 12);
    }
  });

  it('fits the same state whatever the row order, and reloads from JSON', () => {
    const options = { standardize: true, maxCategories: 100, missingIndicators: true };
    const forward = fitTabularEncoder(rows, kinds, options);
    const backward = fitTabularEncoder([...rows].reverse(), kinds, options);
    expect(backward.toJSON()).toEqual(forward.toJSON());
    const reloaded = loadTabularEncoder(JSON.parse(JSON.stringify(forward.toJSON())));
    expect(reloaded.encodeRows(rows)).toEqual(forward.encodeRows(rows));
  });
});
