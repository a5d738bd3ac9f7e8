import { RandomForestClassifier as UntypedRandomForestClassifier } from 'ml-random-forest';
import type { BinnedFeatures } from './bin-features.js';
import {
  prebinnedRows,
  prebinningFromJson,
  prebinningToJson,
  prebinRow,
  type Prebinning,
} from './ml-prebinning.js';
import { positiveShare, type MlTreeNode } from './train-ml-cart.js';
import type { EncodedTypedArray } from './typed-array-codec.js';
import { withUniqueSplitCandidates } from './unique-split-candidates.js';

/** The subset of ml-random-forest's `RandomForestClassifier` that Driftwatch calls. */
interface MlRandomForest {
  estimators: Array<{ root: unknown }>;
  indexes: number[][];
  train(trainingSet: number[][], trainingValues: number[]): void;
  toJSON(): unknown;
}

interface MlRandomForestConstructor {
  new (options: {
    nEstimators: number;
    maxFeatures: number;
    replacement: boolean;
    seed: number;
    useSampleBagging: boolean;
    noOOB: boolean;
    treeOptions: { maxDepth: number; minNumSamples: number; gainThreshold: number };
  }): MlRandomForest;
  load(model: unknown): MlRandomForest;
}

// The package's bundled declarations do not compile; describe what we use instead.
const RandomForestClassifier = UntypedRandomForestClassifier as unknown as MlRandomForestConstructor;

/** Hyperparameters of {@link trainMlRandomForest}, already resolved. */
export interface MlRandomForestParameters {
  trees: number;
  /** Features drawn (without replacement) for each tree: ml-random-forest samples per tree, not per split. */
  featuresPerTree: number;
  maxDepth: number;
  minSamplesSplit: number;
  gainThreshold: number;
  seed: number;
}

/** A trained ml-random-forest plus the bin edges its inputs went through. */
export interface MlRandomForestModel {
  readonly forest: MlRandomForest;
  readonly prebinning: Prebinning;
}

/** A serialized {@link MlRandomForestModel}: ml-random-forest's own JSON plus the bin edges. */
export interface MlRandomForestModelJson {
  kind: 'ml-random-forest';
  binThresholds: EncodedTypedArray[];
  forest: unknown;
}

/**
 * Trains ml-random-forest's `RandomForestClassifier` on pre-binned features: bootstrap samples,
 * one feature subset per tree drawn without replacement (the default, with replacement, repeats
 * columns), and ml-cart trees inside.
 *
 * @example
 * ```ts
 * const model = trainMlRandomForest(binned, labels, { trees: 30, featuresPerTree: 14, maxDepth: 10,
 *   minSamplesSplit: 4, gainThreshold: 0.01, seed: 0 });
 * ```
 */
export function trainMlRandomForest(
  binned: BinnedFeatures,
  labels: Uint8Array,
  parameters: MlRandomForestParameters,
): MlRandomForestModel {
  const featureCount = binned.featureCount;
  const forest = new RandomForestClassifier({
    nEstimators: parameters.trees,
    maxFeatures: maxFeaturesArgument(parameters.featuresPerTree, featureCount),
    replacement: false,
    seed: parameters.seed,
    useSampleBagging: true,
    noOOB: true,
    treeOptions: {
      maxDepth: parameters.maxDepth,
      minNumSamples: parameters.minSamplesSplit - 1,
      gainThreshold: parameters.gainThreshold,
    },
  });
  const rows = prebinnedRows(binned);
  const labelList = Array.from(labels);
  withUniqueSplitCandidates(mlRandomForestTreeNodePrototype(), () => forest.train(rows, labelList));
  return { forest, prebinning: { thresholds: binned.thresholds } };
}

/**
 * The probability of the positive class: the mean over trees of the leaf's positive share.
 * ml-random-forest's own `predictProbability` counts votes, and its `reduce` without an initial
 * value starts from the first tree's predicted label instead of its vote, so it is not used.
 *
 * @example
 * ```ts
 * predictMlRandomForest(model, encodedRow, 0);
 * ```
 */
export function predictMlRandomForest(model: MlRandomForestModel, features: Float64Array, offset: number): number {
  const codes = prebinRow(model.prebinning, features, offset);
  const { estimators, indexes } = model.forest;
  let sum = 0;
  for (let tree = 0; tree < estimators.length; tree++) {
    const columns = indexes[tree]!;
    const subset: number[] = new Array(columns.length);
    for (let index = 0; index < columns.length; index++) subset[index] = codes[columns[index]!]!;
    sum += positiveShare((estimators[tree]!.root as MlTreeNode).classify(subset));
  }
  return estimators.length === 0 ? 0 : sum / estimators.length;
}

/** Serializes through ml-random-forest's own `toJSON`, as plain JSON. */
export function mlRandomForestModelToJson(model: MlRandomForestModel): MlRandomForestModelJson {
  return {
    kind: 'ml-random-forest',
    binThresholds: prebinningToJson(model.prebinning),
    forest: JSON.parse(JSON.stringify(model.forest.toJSON())) as unknown,
  };
}

/** Reverses {@link mlRandomForestModelToJson} through `RandomForestClassifier.load`. */
export function mlRandomForestModelFromJson(json: MlRandomForestModelJson, featureCount: number): MlRandomForestModel {
  return {
    forest: RandomForestClassifier.load(json.forest),
    prebinning: prebinningFromJson(json.binThresholds, featureCount),
  };
}

/**
 * ml-random-forest reads a number in (0, 1] as a fraction and anything else as a count, so a
 * count of one would mean "all features"; a fraction that floors to one says what we mean.
 */
function maxFeaturesArgument(featuresPerTree: number, featureCount: number): number {
  const count = Math.max(1, Math.min(featureCount, Math.floor(featuresPerTree)));
  return count === 1 && featureCount > 1 ? 1.5 / featureCount : count;
}

let treeNodePrototype: object | undefined;

/** The prototype of the tree nodes this very copy of ml-random-forest builds. */
function mlRandomForestTreeNodePrototype(): object {
  if (!treeNodePrototype) {
    const probe = new RandomForestClassifier({
      nEstimators: 1,
      maxFeatures: 1,
      replacement: false,
      seed: 1,
      useSampleBagging: false,
      noOOB: true,
      treeOptions: { maxDepth: 1, minNumSamples: 1, gainThreshold: 0 },
    });
    probe.train([[0], [1], [2]], [0, 1, 0]);
    treeNodePrototype = Object.getPrototypeOf(probe.estimators[0]!.root) as object;
  }
  return treeNodePrototype;
}
