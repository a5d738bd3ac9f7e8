/// <reference path="./ml-cart.d.ts" />
import { DecisionTreeClassifier } from 'ml-cart';
import type { BinnedFeatures } from './bin-features.js';
import {
  prebinnedRows,
  prebinningFromJson,
  prebinningToJson,
  prebinRow,
  type Prebinning,
} from './ml-prebinning.js';
import type { EncodedTypedArray } from './typed-array-codec.js';
import { withUniqueSplitCandidates } from './unique-split-candidates.js';

/** Hyperparameters of {@link trainMlCart}, already resolved. */
export interface MlCartParameters {
  maxDepth: number;
  /** ml-cart makes a node a leaf when it has `minNumSamples` rows or fewer; this is that + 1. */
  minSamplesSplit: number;
  gainThreshold: number;
}

/** The class distribution that an ml-cart leaf holds (an ml-matrix row vector). */
export interface MlLeafDistribution {
  readonly columns: number;
  get(row: number, column: number): number;
}

/** The subset of ml-cart's internal tree node used for scoring. */
export interface MlTreeNode {
  classify(row: number[]): MlLeafDistribution;
}

/** A trained ml-cart tree plus the bin edges its inputs went through. */
export interface MlCartModel {
  readonly tree: DecisionTreeClassifier;
  readonly prebinning: Prebinning;
}

/** A serialized {@link MlCartModel}: ml-cart's own JSON plus the bin edges. */
export interface MlCartModelJson {
  kind: 'ml-cart';
  binThresholds: EncodedTypedArray[];
  tree: unknown;
}

/**
 * Trains ml-cart's `DecisionTreeClassifier` (Gini) on pre-binned features and labels 0/1.
 *
 * @example
 * ```ts
 * const model = trainMlCart(binned, labels, { maxDepth: 6, minSamplesSplit: 4, gainThreshold: 0 });
 * ```
 */
export function trainMlCart(binned: BinnedFeatures, labels: Uint8Array, parameters: MlCartParameters): MlCartModel {
  const tree = new DecisionTreeClassifier({
    gainFunction: 'gini',
    splitFunction: 'mean',
    maxDepth: parameters.maxDepth,
    minNumSamples: parameters.minSamplesSplit - 1,
    gainThreshold: parameters.gainThreshold,
  });
  const rows = prebinnedRows(binned);
  const labelList = Array.from(labels);
  withUniqueSplitCandidates(mlCartTreeNodePrototype(), () => tree.train(rows, labelList));
  return { tree, prebinning: { thresholds: binned.thresholds } };
}

/**
 * The probability of the positive class: the positive share of the leaf's class distribution.
 * ml-cart sizes a leaf's distribution by the largest label in it, so an all-negative leaf has
 * a single column.
 *
 * @example
 * ```ts
 * predictMlCart(model, encodedRow, 0);
 * ```
 */
export function predictMlCart(model: MlCartModel, features: Float64Array, offset: number): number {
  return positiveShare((model.tree.root as MlTreeNode).classify(prebinRow(model.prebinning, features, offset)));
}

/**
 * The positive share of a leaf distribution, clamped to [0, 1]: ml-cart normalises the counts in
 * floating point, so a pure leaf can hold 1.0000000000000002 (found by the property test).
 */
export function positiveShare(distribution: MlLeafDistribution): number {
  return distribution.columns > 1 ? Math.min(1, Math.max(0, distribution.get(0, 1))) : 0;
}

/** Serializes through ml-cart's own `toJSON`, as plain JSON. */
export function mlCartModelToJson(model: MlCartModel): MlCartModelJson {
  return {
    kind: 'ml-cart',
    binThresholds: prebinningToJson(model.prebinning),
    tree: JSON.parse(JSON.stringify(model.tree.toJSON())) as unknown,
  };
}

/** Reverses {@link mlCartModelToJson} through ml-cart's `DecisionTreeClassifier.load`. */
export function mlCartModelFromJson(json: MlCartModelJson, featureCount: number): MlCartModel {
  return { tree: DecisionTreeClassifier.load(json.tree), prebinning: prebinningFromJson(json.binThresholds, featureCount) };
}

let treeNodePrototype: object | undefined;

/** ml-cart does not export its `TreeNode` class; a three-row tree hands us its prototype. */
function mlCartTreeNodePrototype(): object {
  if (!treeNodePrototype) {
    const probe = new DecisionTreeClassifier({});
    probe.train([[0], [1], [2]], [0, 1, 0]);
    treeNodePrototype = Object.getPrototypeOf(probe.root) as object;
  }
  return treeNodePrototype;
}
