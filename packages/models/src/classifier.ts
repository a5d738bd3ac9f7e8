import type { ClassifierFlavor } from './classifier-flavors.js';
import type { ClassifierJson } from './classifier-json.js';
import type { FeatureKind } from './infer-column-kinds.js';
import type { FeatureImportance, PermutationImportanceOptions } from './permutation-importance.js';
import type { TabularRow } from './tabular-row.js';
import type { PositiveLabel } from './train-classifier-options.js';

/**
 * A trained tabular classifier: the fitted encoders and the learner, travelling together.
 * Scoring is synchronous and allocates only the result array.
 *
 * @example
 * ```ts
 * const classifier = await trainClassifier(rows, { target: 'Churn', positive: 'Yes', exclude: ['customerID'] });
 * const [probability] = classifier.predictProba([{ tenure: 3, Contract: 'Month-to-month' }]);
 * const restored = loadClassifier(JSON.parse(JSON.stringify(classifier)));
 * ```
 */
export interface Classifier {
  readonly flavor: ClassifierFlavor;
  /** The label column it was trained on. */
  readonly target: string;
  /** The label value whose probability {@link Classifier.predictProba} returns. */
  readonly positive: PositiveLabel;
  /** Feature columns and their kinds. Other columns of a row are ignored; absent ones count as missing. */
  readonly columnKinds: Readonly<Record<string, FeatureKind>>;
  /** Names of the encoded features, in model order. */
  readonly featureNames: readonly string[];
  /** The probability of the positive class for each row, in [0, 1]. */
  predictProba(rows: readonly TabularRow[]): Float64Array;
  /** {@link permutationImportance} of this classifier on labelled rows. */
  permutationImportance(rows: readonly TabularRow[], options?: PermutationImportanceOptions): FeatureImportance[];
  /** The JSON that {@link loadClassifier} restores, predicting bit-identical probabilities. */
  toJSON(): ClassifierJson;
}
