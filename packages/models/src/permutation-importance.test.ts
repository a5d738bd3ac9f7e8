import { DriftwatchError } from '@driftwatch/drift';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from './internal/synthetic-rows.test-helper.js';
import { permutationImportance } from './permutation-importance.js';
import { trainClassifier } from './train-classifier.js';

describe('permutationImportance', () => {
  it('ranks the informative columns above noise', async () => {
    const classifier = await trainClassifier(syntheticRows(500, 1), {
      target: 'label', positive: 'Yes', flavor: 'logistic', exclude: ['charges'],
    });
    const importances = permutationImportance(classifier, syntheticRows(300, 2), { repeats: 3, seed: 1 });
    expect(importances.map((entry) => entry.column)).toEqual(['signal', 'plan', 'noise']);
    expect(importances[0]!.importance).toBeGreaterThan(0.1);
    expect(Math.abs(importances[2]!.importance)).toBeLessThan(0.02);
    for (const entry of importances) expect(entry.standardDeviation).toBeGreaterThanOrEqual(0);
  });

  it('is deterministic for a seed and available as a method', async () => {
    const classifier = await trainClassifier(syntheticRows(200), { target: 'label', positive: 'Yes', trees: 10 });
    const rows = syntheticRows(100, 5);
    expect(classifier.permutationImportance(rows, { seed: 4, repeats: 2 })).toEqual(
      permutationImportance(classifier, rows, { seed: 4, repeats: 2 }),
    );
  });

  it('rejects unknown columns', async () => {
    const classifier = await trainClassifier(syntheticRows(100), { target: 'label', positive: 'Yes', trees: 5 });
    expect(() => permutationImportance(classifier, syntheticRows(50), { columns: ['nope'] })).toThrowError(
      expect.objectContaining({ code: 'UNKNOWN_COLUMN' }) as DriftwatchError,
    );
  });
});
