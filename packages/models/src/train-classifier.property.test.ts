import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifierFlavors, type ClassifierFlavor } from './classifier-flavors.js';
import { loadClassifier } from './load-classifier.js';
import type { TabularRow } from './tabular-row.js';
import { trainClassifier } from './train-classifier.js';

const small: Record<ClassifierFlavor, object> = {
  forest: { trees: 8 },
  boosting: { iterations: 8, minSamplesLeaf: 2 },
  logistic: {},
  'ml-random-forest': { trees: 3 },
  'ml-cart': { maxDepth: 4 },
};

// Cells as they come from CSV or JSON: numbers, numeric strings, blanks, words, nulls.
const numericCell = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom(' ', '', null, undefined),
);
const categoryCell = fc.constantFrom('red', 'green', 'blue', '', null, 7);
const row = fc.record({ amount: numericCell, count: fc.integer({ min: 0, max: 4 }), color: categoryCell, label: fc.boolean() });
const table = fc
  .array(row, { minLength: 4, maxLength: 50 })
  .map((rows) => [{ ...rows[0]!, label: true }, { ...rows[1]!, label: false }, ...rows.slice(2)] as TabularRow[]);
const anyQuery = fc.record(
  { amount: fc.oneof(numericCell, fc.string()), count: fc.anything(), color: fc.oneof(categoryCell, fc.string()) },
  { requiredKeys: [] },
);

describe.each(classifierFlavors)('%s properties', (flavor) => {
  const options = { target: 'label', positive: true, flavor, ...small[flavor] };

  it('predicts probabilities in [0, 1], even for odd or incomplete rows', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.array(anyQuery, { maxLength: 5 }), async (rows, queries) => {
        const classifier = await trainClassifier(rows, options);
        for (const probability of classifier.predictProba([...rows, ...queries])) {
          expect(probability).toBeGreaterThanOrEqual(0);
          expect(probability).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('does not depend on the order of the training rows', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 1000 }), async (rows, shuffleSeed, seed) => {
        const shuffled = shuffle(rows, shuffleSeed);
        const first = await trainClassifier(rows, { ...options, seed });
        const second = await trainClassifier(shuffled, { ...options, seed });
        expect([...second.predictProba(rows)]).toEqual([...first.predictProba(rows)]);
      }),
      { numRuns: 15 },
    );
  });

  it('round-trips through JSON text with bit-identical predictions', async () => {
    await fc.assert(
      fc.asyncProperty(table, async (rows) => {
        const classifier = await trainClassifier(rows, options);
        const restored = loadClassifier(JSON.stringify(classifier));
        const expected = classifier.predictProba(rows);
        const actual = restored.predictProba(rows);
        for (let index = 0; index < rows.length; index++) expect(Object.is(actual[index], expected[index])).toBe(true);
        expect(restored.toJSON()).toEqual(classifier.toJSON());
      }),
      { numRuns: 10 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const pick = state % (index + 1);
    [copy[index], copy[pick]] = [copy[pick]!, copy[index]!];
  }
  return copy;
}
