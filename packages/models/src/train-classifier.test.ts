import { DriftwatchError, rocAuc } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { classifierFlavors, type ClassifierFlavor } from './classifier-flavors.js';
import { separableRows, syntheticRows } from './internal/synthetic-rows.test-helper.js';
import { trainClassifier } from './train-classifier.js';

// Small hyperparameters keep the mljs flavors fast on small data.
const quick: Record<ClassifierFlavor, object> = {
  forest: { trees: 20 },
  boosting: { iterations: 30 },
  logistic: {},
  'ml-random-forest': { trees: 5, maxFeatures: 'all' },
  'ml-cart': {},
};

describe('trainClassifier', () => {
  describe.each(classifierFlavors)('%s', (flavor) => {
    it('separates separable data perfectly (AUC 1)', async () => {
      const rows = separableRows(200);
      const classifier = await trainClassifier(rows, { target: 'label', positive: 1, flavor, ...quick[flavor] });
      const probabilities = classifier.predictProba(rows);
      expect(rocAuc(rows.map((row) => row.label as number), probabilities)).toBe(1);
      for (const probability of probabilities) {
        expect(probability).toBeGreaterThanOrEqual(0);
        expect(probability).toBeLessThanOrEqual(1);
      }
    });

    it('learns a noisy signal and ranks held-out rows well', async () => {
      const train = syntheticRows(400, 1);
      const test = syntheticRows(200, 2);
      const classifier = await trainClassifier(train, { target: 'label', positive: 'Yes', flavor, ...quick[flavor] });
      expect(rocAuc(test.map((row) => row.label as string), classifier.predictProba(test), { positive: 'Yes' })).toBeGreaterThan(0.8);
    });
  });

  it('learns a single-split stump at the midpoint between the classes', async () => {
    const rows = [1, 2, 3, 4, 10, 11, 12, 13].map((x) => ({ x, label: x > 5 ? 'Yes' : 'No' }));
    const classifier = await trainClassifier(rows, {
      target: 'label', positive: 'Yes', trees: 1, bootstrap: false, maxDepth: 1, maxFeatures: 'all',
    });
    // The split lies halfway between 4 and 10; each side is a pure leaf.
    expect([...classifier.predictProba([{ x: 6.9 }, { x: 7 }, { x: 7.1 }])]).toEqual([0, 0, 1]);
    const json = classifier.toJSON();
    expect(json.featureNames).toEqual(['x']);
    expect(json.hyperparameters).toMatchObject({ trees: 1, maxDepth: 1, bootstrap: false });
  });

  it('gives the base rate when one boosting iteration cannot split', async () => {
    const rows = [0, 0, 0, 1].map((label, index) => ({ x: index, label }));
    const classifier = await trainClassifier(rows, { target: 'label', positive: 1, flavor: 'boosting', iterations: 1 });
    // min_samples_leaf 20 forbids any split: the prediction is the training positive rate.
    expect(classifier.predictProba([{ x: 0 }])[0]).toBeCloseTo(0.25, 12);
  });

  it('infers kinds, treats blank and non-numeric cells as missing, and buckets unseen categories', async () => {
    const rows = syntheticRows(300);
    const classifier = await trainClassifier(rows, { target: 'label', positive: 'Yes', flavor: 'logistic' });
    expect(classifier.columnKinds).toEqual({ charges: 'numeric', noise: 'numeric', plan: 'categorical', signal: 'numeric' });
    expect(classifier.featureNames).toContain('charges=<missing>');
    expect(classifier.featureNames).toContain('plan=<unknown>');
    const [blank, word, absent] = classifier.predictProba([
      { signal: 5, plan: 'plus', noise: 0.5, charges: ' ' },
      { signal: 5, plan: 'plus', noise: 0.5, charges: 'n/a' },
      { signal: 5, plan: 'plus', noise: 0.5 },
    ]);
    expect(word).toBe(blank);
    expect(absent).toBe(blank);
    const [unseen] = classifier.predictProba([{ signal: 5, plan: 'enterprise', noise: 0.5, charges: 15 }]);
    expect(unseen).toBeGreaterThan(0);
    expect(unseen).toBeLessThan(1);
  });

  it('honours categorical, numeric and exclude', async () => {
    const rows = syntheticRows(100).map((row, index) => ({ ...row, id: `customer-${index}`, code: index % 4 }));
    const classifier = await trainClassifier(rows, {
      target: 'label', positive: 'Yes', flavor: 'logistic', exclude: ['id', 'noise'], categorical: ['code'], numeric: ['plan'],
    });
    expect(classifier.columnKinds).toEqual({ charges: 'numeric', code: 'categorical', plan: 'numeric', signal: 'numeric' });
  });

  it('rejects bad options and unusable rows with INVALID_ARGUMENT', async () => {
    const rows = syntheticRows(20);
    const cases: Array<[unknown, unknown]> = [
      [rows, { target: 'label', positive: 'Yes', flavor: 'svm' }],
      [rows, { target: 'label', positive: 'Yes', trees: 0 }],
      [rows, { target: 'label', positive: 'Yes', maxFeatures: 1.5 }],
      [rows, { target: 'label', positive: 'Maybe' }],
      [[...rows, { signal: 1 }], { target: 'label', positive: 'Yes' }],
      [[], { target: 'label', positive: 'Yes' }],
      [rows, { target: 'label', positive: 'Yes', categorical: ['plan'], numeric: ['plan'] }],
    ];
    for (const [badRows, options] of cases) {
      const error = await trainClassifier(badRows as never, options as never).catch((caught: unknown) => caught);
      expect(DriftwatchError.isInstance(error), JSON.stringify(options)).toBe(true);
      expect((error as DriftwatchError).code).toBe('INVALID_ARGUMENT');
    }
  });
});
