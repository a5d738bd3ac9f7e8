import { DriftwatchError } from '@driftwatch/drift';
import { classifierFlavors, type ClassifierFlavor } from '../classifier-flavors.js';
import type { MaxFeatures, PositiveLabel, TrainClassifierOptions } from '../train-classifier-options.js';

/** {@link TrainClassifierOptions} with every default applied, frozen. */
export interface ResolvedTrainOptions {
  readonly target: string;
  readonly positive: PositiveLabel;
  readonly flavor: ClassifierFlavor;
  readonly categorical: readonly string[];
  readonly numeric: readonly string[];
  readonly exclude: readonly string[];
  readonly seed: number;
  readonly worker: boolean;
  readonly standardize: boolean;
  readonly maxCategories: number;
  readonly missingIndicators: boolean;
  readonly maxBins: number;
  readonly trees: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly maxFeatures: MaxFeatures;
  readonly bootstrap: boolean;
  readonly iterations: number;
  readonly learningRate: number;
  readonly maxLeafNodes: number;
  readonly l2Regularization: number;
  readonly inverseRegularization: number;
  readonly maxIterations: number;
  readonly minSamplesSplit: number;
  readonly gainThreshold: number;
}

/** The hyperparameters each flavor reads, recorded in the serialized classifier. */
export const flavorHyperparameters: Readonly<Record<ClassifierFlavor, readonly (keyof ResolvedTrainOptions)[]>> = {
  forest: ['trees', 'maxDepth', 'minSamplesLeaf', 'maxFeatures', 'bootstrap', 'maxBins'],
  boosting: ['iterations', 'learningRate', 'maxLeafNodes', 'maxDepth', 'minSamplesLeaf', 'l2Regularization', 'maxBins'],
  logistic: ['inverseRegularization', 'maxIterations'],
  'ml-random-forest': ['trees', 'maxFeatures', 'maxDepth', 'minSamplesSplit', 'gainThreshold', 'maxBins'],
  'ml-cart': ['maxDepth', 'minSamplesSplit', 'gainThreshold', 'maxBins'],
};

/**
 * Applies the defaults, the only place they live (the README and the JSDoc of
 * {@link TrainClassifierOptions} list them), and checks every value.
 *
 * @example
 * ```ts
 * resolveTrainOptions({ target: 'Churn', positive: 'Yes' }).trees; // 100
 * ```
 */
export function resolveTrainOptions(options: TrainClassifierOptions): ResolvedTrainOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  if (typeof options.target !== 'string' || options.target === '') throw invalid('target', 'must be a column name');
  const positive = options.positive;
  if (!['string', 'number', 'boolean'].includes(typeof positive)) {
    throw invalid('positive', 'must be the label value of the positive class (string, number or boolean)');
  }
  const flavor = options.flavor ?? 'forest';
  if (!classifierFlavors.includes(flavor)) throw invalid('flavor', `must be one of ${classifierFlavors.join(', ')}`);

  const resolved: ResolvedTrainOptions = {
    target: options.target,
    positive,
    flavor,
    categorical: columnList(options.categorical, 'categorical'),
    numeric: columnList(options.numeric, 'numeric'),
    exclude: columnList(options.exclude, 'exclude'),
    seed: integer(options.seed ?? 0, 'seed', -(2 ** 31), 2 ** 31 - 1),
    worker: boolean(options.worker ?? false, 'worker'),
    standardize: boolean(options.standardize ?? flavor === 'logistic', 'standardize'),
    maxCategories: integer(options.maxCategories ?? 100, 'maxCategories', 1, 100_000),
    missingIndicators: boolean(options.missingIndicators ?? true, 'missingIndicators'),
    maxBins: integer(options.maxBins ?? 255, 'maxBins', 2, 255),
    trees: integer(options.trees ?? (flavor === 'ml-random-forest' ? 30 : 100), 'trees', 1, 100_000),
    maxDepth: depth(options.maxDepth ?? (flavor === 'ml-cart' ? 6 : flavor === 'ml-random-forest' ? 10 : Infinity)),
    minSamplesLeaf: integer(options.minSamplesLeaf ?? (flavor === 'boosting' ? 20 : 1), 'minSamplesLeaf', 1, 2 ** 31),
    maxFeatures: maxFeatures(options.maxFeatures ?? (flavor === 'ml-random-forest' ? 0.3 : 'sqrt')),
    bootstrap: boolean(options.bootstrap ?? true, 'bootstrap'),
    iterations: integer(options.iterations ?? 100, 'iterations', 1, 100_000),
    learningRate: positiveNumber(options.learningRate ?? 0.1, 'learningRate'),
    maxLeafNodes: integer(options.maxLeafNodes ?? 31, 'maxLeafNodes', 2, 2 ** 31),
    l2Regularization: nonNegativeNumber(options.l2Regularization ?? 0, 'l2Regularization'),
    inverseRegularization: positiveNumber(options.inverseRegularization ?? 1, 'inverseRegularization'),
    maxIterations: integer(options.maxIterations ?? 100, 'maxIterations', 1, 100_000),
    minSamplesSplit: integer(options.minSamplesSplit ?? 4, 'minSamplesSplit', 2, 2 ** 31),
    gainThreshold: nonNegativeNumber(options.gainThreshold ?? (flavor === 'ml-random-forest' ? 0.01 : 0), 'gainThreshold'),
  };
  return Object.freeze(resolved);
}

/**
 * The number of features to draw from `featureCount`.
 *
 * @example
 * ```ts
 * featureSampleSize('sqrt', 46); // 6
 * ```
 */
export function featureSampleSize(setting: MaxFeatures, featureCount: number): number {
  let count: number;
  if (setting === 'sqrt') count = Math.floor(Math.sqrt(featureCount));
  else if (setting === 'log2') count = Math.floor(Math.log2(featureCount));
  else if (setting === 'all') count = featureCount;
  else if (setting < 1) count = Math.floor(setting * featureCount);
  else count = setting;
  return Math.max(1, Math.min(featureCount, count));
}

/** The flavor's hyperparameters as JSON (`null` stands for an unlimited `Infinity`). */
export function hyperparametersJson(options: ResolvedTrainOptions): Record<string, string | number | boolean | null> {
  const json: Record<string, string | number | boolean | null> = {};
  for (const key of flavorHyperparameters[options.flavor]) {
    const value = options[key] as string | number | boolean;
    json[key] = typeof value === 'number' && !Number.isFinite(value) ? null : value;
  }
  return json;
}

function invalid(option: string, problem: string): DriftwatchError {
  return new DriftwatchError({
    code: 'INVALID_ARGUMENT',
    message: `trainClassifier: options.${option} ${problem}.`,
    details: { option },
  });
}

function columnList(value: readonly string[] | undefined, option: string): readonly string[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value) || value.some((column) => typeof column !== 'string')) {
    throw invalid(option, 'must be an array of column names');
  }
  return Object.freeze([...value]);
}

function integer(value: number, option: string, minimum: number, maximum: number): number {
  if (!Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalid(option, `must be an integer from ${minimum} to ${maximum}`);
  }
  return value;
}

function boolean(value: boolean, option: string): boolean {
  if (typeof value !== 'boolean') throw invalid(option, 'must be a boolean');
  return value;
}

function positiveNumber(value: number, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(option, 'must be a positive number');
  return value;
}

function nonNegativeNumber(value: number, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(option, 'must be a non-negative number');
  return value;
}

function depth(value: number): number {
  if (value === Infinity) return value;
  return integer(value, 'maxDepth', 1, 10_000);
}

function maxFeatures(value: MaxFeatures): MaxFeatures {
  if (value === 'sqrt' || value === 'log2' || value === 'all') return value;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && (value < 1 || Number.isInteger(value))) return value;
  throw invalid('maxFeatures', "must be 'sqrt', 'log2', 'all', a fraction in (0, 1) or a whole number of at least 1");
}
