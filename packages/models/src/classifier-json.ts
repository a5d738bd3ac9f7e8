import type { ClassifierFlavor } from './classifier-flavors.js';
import type { FeatureKind } from './infer-column-kinds.js';
import type { PositiveLabel } from './train-classifier-options.js';

/**
 * The `format` tag of every serialized classifier.
 *
 * @example
 * ```ts
 * classifier.toJSON().format === classifierJsonFormat; // true
 * ```
 */
export const classifierJsonFormat = 'driftwatch.classifier';

/**
 * The version written by this release. {@link loadClassifier} reads this version and rejects
 * others with `INVALID_ARGUMENT`, rather than guessing at a layout it does not know.
 *
 * @example
 * ```ts
 * if (document.version !== classifierJsonVersion) console.warn('retrain: model from another release');
 * ```
 */
export const classifierJsonVersion = 1;

/**
 * A trained classifier as plain JSON: what `classifier.toJSON()` returns and
 * {@link loadClassifier} reads. `encoder` and `model` are opaque: their layout may change with
 * `version`. Typed arrays inside are little-endian base64, so floats round-trip bit for bit.
 *
 * @example
 * ```ts
 * const json: ClassifierJson = classifier.toJSON();
 * await writeFile('model.json', JSON.stringify(json));
 * ```
 */
export interface ClassifierJson {
  format: typeof classifierJsonFormat;
  version: number;
  flavor: ClassifierFlavor;
  target: string;
  positive: PositiveLabel;
  /** Feature columns and their kinds, in encoding order. */
  columnKinds: Record<string, FeatureKind>;
  /** Names of the encoded features, such as `Contract=Month-to-month` or `TotalCharges=<missing>`. */
  featureNames: string[];
  /** The hyperparameters the flavor used; `null` stands for an unlimited `Infinity`. */
  hyperparameters: Record<string, string | number | boolean | null>;
  seed: number;
  standardize: boolean;
  trainingRowCount: number;
  trainingPositiveCount: number;
  encoder: Record<string, unknown>;
  model: Record<string, unknown>;
}
