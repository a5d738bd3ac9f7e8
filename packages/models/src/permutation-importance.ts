import { DriftwatchError, rocAuc } from '@driftwatch/drift';
import type { Classifier } from './classifier.js';
import { createRandom } from './internal/random.js';
import { labelFlags } from './internal/label-flags.js';
import type { TabularRow } from './tabular-row.js';

/**
 * Options for {@link permutationImportance}.
 *
 * @example
 * ```ts
 * const options: PermutationImportanceOptions = { repeats: 10, seed: 7, columns: ['Contract', 'tenure'] };
 * ```
 */
export interface PermutationImportanceOptions {
  /**
   * Shuffles per column; the importance is their mean.
   * @default 5
   */
  repeats?: number;
  /**
   * Seed of the shuffles.
   * @default 0
   */
  seed?: number;
  /**
   * Columns to score.
   * @default every feature column of the classifier
   */
  columns?: readonly string[];
}

/**
 * How much one column matters to a classifier.
 *
 * @example
 * ```ts
 * const top: FeatureImportance = { column: 'Contract', importance: 0.05, standardDeviation: 0.004 };
 * ```
 */
export interface FeatureImportance {
  column: string;
  /** Mean drop in ROC AUC when the column's values are shuffled across rows. */
  importance: number;
  /** Standard deviation of the drop over the repeats. */
  standardDeviation: number;
}

/**
 * Permutation feature importance: shuffle one input column across the rows, score again, and
 * report the mean drop in ROC AUC (from `@driftwatch/drift`), most important first. It works on
 * raw columns, so a one-hot encoded column counts once. Use held-out rows with labels.
 *
 * @example
 * ```ts
 * const importances = permutationImportance(classifier, testRows, { repeats: 3 });
 * importances[0]; // { column: 'Contract', importance: 0.05, standardDeviation: 0.004 }
 * ```
 */
export function permutationImportance(
  classifier: Classifier,
  rows: readonly TabularRow[],
  options: PermutationImportanceOptions = {},
): FeatureImportance[] {
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 0;
  const columns = options.columns ?? Object.keys(classifier.columnKinds);
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'permutationImportance: repeats must be a positive integer.' });
  }
  const actual = labelFlags(rows, classifier.target, classifier.positive);
  const baseline = rocAuc(actual, classifier.predictProba(rows));
  const random = createRandom(seed, 0x5eed);
  const order = new Uint32Array(rows.length);
  const importances: FeatureImportance[] = [];
  for (const column of columns) {
    if (!(column in classifier.columnKinds)) {
      throw new DriftwatchError({
        code: 'UNKNOWN_COLUMN',
        message: `permutationImportance: "${column}" is not a feature column of this classifier.`,
        details: { column },
      });
    }
    const drops: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (let index = 0; index < rows.length; index++) order[index] = index;
      for (let index = rows.length - 1; index > 0; index--) {
        const pick = random.nextInt(index + 1);
        const swap = order[index]!;
        order[index] = order[pick]!;
        order[pick] = swap;
      }
      const shuffled = rows.map((row, index) => ({ ...row, [column]: rows[order[index]!]![column] }));
      drops.push(baseline - rocAuc(actual, classifier.predictProba(shuffled)));
    }
    const mean = drops.reduce((total, drop) => total + drop, 0) / repeats;
    const variance = drops.reduce((total, drop) => total + (drop - mean) ** 2, 0) / repeats;
    importances.push({ column, importance: mean, standardDeviation: Math.sqrt(variance) });
  }
  return importances.sort((first, second) => second.importance - first.importance);
}
