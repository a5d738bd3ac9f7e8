import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { classifierFlavors } from './classifier-flavors.js';
import { classifierJsonFormat, classifierJsonVersion } from './classifier-json.js';
import { syntheticRows } from './internal/synthetic-rows.test-helper.js';
import { loadClassifier } from './load-classifier.js';
import { trainClassifier } from './train-classifier.js';

describe('loadClassifier', () => {
  it.each(classifierFlavors)('restores a %s classifier with bit-identical predictions', async (flavor) => {
    const train = syntheticRows(300, 3);
    const test = syntheticRows(100, 4);
    const classifier = await trainClassifier(train, { target: 'label', positive: 'Yes', flavor, trees: 10 });
    const text = JSON.stringify(classifier);
    const restored = loadClassifier(JSON.parse(text));
    expect(restored.flavor).toBe(flavor);
    expect(restored.featureNames).toEqual(classifier.featureNames);
    const expected = classifier.predictProba(test);
    const actual = restored.predictProba(test);
    expect(actual.length).toBe(expected.length);
    for (let index = 0; index < expected.length; index++) expect(Object.is(actual[index], expected[index])).toBe(true);
    // Serializing the restored classifier gives back the same text.
    expect(JSON.stringify(restored)).toBe(text);
  });

  it.each(classifierFlavors)('keeps a %s document unchanged through JSON text, even with -0 in the data', async (flavor) => {
    const rows = [-0, -0, -0, 1, 2, -0, 3, -0].map((amount, index) => ({ amount, label: index % 2 === 0 ? 'Yes' : 'No' }));
    const classifier = await trainClassifier(rows, { target: 'label', positive: 'Yes', flavor, trees: 3, iterations: 3 });
    expect(JSON.parse(JSON.stringify(classifier))).toEqual(classifier.toJSON());
  });

  it('records the format, version and hyperparameters', async () => {
    const classifier = await trainClassifier(syntheticRows(50), { target: 'label', positive: 'Yes', trees: 3 });
    expect(classifier.toJSON()).toMatchObject({
      format: classifierJsonFormat,
      version: classifierJsonVersion,
      flavor: 'forest',
      target: 'label',
      positive: 'Yes',
      hyperparameters: { trees: 3, maxDepth: null, maxFeatures: 'sqrt', bootstrap: true, minSamplesLeaf: 1, maxBins: 255 },
      trainingRowCount: 50,
    });
    expect(Object.isFrozen(classifier.toJSON())).toBe(true);
  });

  it('rejects documents it cannot read', async () => {
    const json = (await trainClassifier(syntheticRows(50), { target: 'label', positive: 'Yes', flavor: 'boosting', iterations: 3 })).toJSON();
    const model = json.model as Record<string, unknown>;
    const cases: Array<[unknown, string]> = [
      ['{not json', 'PARSE_FAILED'],
      [null, 'INVALID_ARGUMENT'],
      [{ ...json, format: 'something-else' }, 'INVALID_ARGUMENT'],
      [{ ...json, version: classifierJsonVersion + 1 }, 'INVALID_ARGUMENT'],
      [{ ...json, flavor: 'svm' }, 'INVALID_ARGUMENT'],
      [{ ...json, featureNames: ['only-one'] }, 'INVALID_ARGUMENT'],
      [{ ...json, model: { ...model, kind: 'neural' } }, 'INVALID_ARGUMENT'],
      [{ ...json, model: { ...model, firstChild: { type: 'int32', base64: 'AAAA' } } }, 'INVALID_ARGUMENT'],
      [{ ...json, encoder: { columns: [{ kind: 'categorical', column: 'plan', categories: ['a'], centers: [0], scales: [1] }] } }, 'INVALID_ARGUMENT'],
      [{ ...json, encoder: { columns: 'none' } }, 'INVALID_ARGUMENT'],
    ];
    for (const [document, code] of cases) {
      const error = (() => {
        try {
          loadClassifier(document as never);
        } catch (caught) {
          return caught;
        }
      })();
      expect(DriftwatchError.isInstance(error), JSON.stringify(document)?.slice(0, 60)).toBe(true);
      expect((error as DriftwatchError).code).toBe(code);
    }
  });

  it('is not affected by later changes to the document it was given', async () => {
    const classifier = await trainClassifier(syntheticRows(80), { target: 'label', positive: 'Yes', flavor: 'logistic' });
    const document = JSON.parse(JSON.stringify(classifier));
    const restored = loadClassifier(document);
    const before = restored.predictProba(syntheticRows(5, 9));
    document.encoder.columns[0].fill = 1e9;
    expect(restored.predictProba(syntheticRows(5, 9))).toEqual(before);
    expect(restored.toJSON()).toEqual(classifier.toJSON());
  });
});
