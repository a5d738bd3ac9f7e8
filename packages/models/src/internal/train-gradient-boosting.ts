import type { BinnedFeatures } from './bin-features.js';
import { createHistogramWorkspace, growHistogramTree } from './grow-histogram-tree.js';
import { createRandom } from './random.js';
import { TreeBuilder, type TreeEnsemble } from './tree-ensemble.js';

/** Hyperparameters of {@link trainGradientBoosting}, already resolved. */
export interface GradientBoostingParameters {
  iterations: number;
  learningRate: number;
  maxLeafNodes: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2Regularization: number;
  seed: number;
}

/**
 * Gradient boosting with log loss on the histogram tree learner, like sklearn's
 * HistGradientBoostingClassifier: start from the log-odds of the positive rate, then fit one
 * best-first tree per iteration to the gradients and hessians, leaves shrunk by the learning rate.
 *
 * @example
 * ```ts
 * const model = trainGradientBoosting(binned, labels, { iterations: 100, learningRate: 0.1, maxLeafNodes: 31,
 *   maxDepth: Infinity, minSamplesLeaf: 20, l2Regularization: 0, seed: 0 });
 * ```
 */
export function trainGradientBoosting(
  binned: BinnedFeatures,
  labels: Uint8Array,
  parameters: GradientBoostingParameters,
): TreeEnsemble {
  const { rowCount, featureCount } = binned;
  let positives = 0;
  for (let row = 0; row < rowCount; row++) positives += labels[row]!;
  const rate = Math.min(Math.max(positives / rowCount, 1e-12), 1 - 1e-12);
  const baseline = Math.log(rate / (1 - rate));

  const raw = new Float64Array(rowCount).fill(baseline);
  const gradients = new Float64Array(rowCount);
  const hessians = new Float64Array(rowCount);
  const rows = new Uint32Array(rowCount);
  const builder = new TreeBuilder();
  const workspace = createHistogramWorkspace(binned);
  const treeParameters = {
    maxDepth: parameters.maxDepth,
    maxLeafNodes: parameters.maxLeafNodes,
    minSamplesLeaf: parameters.minSamplesLeaf,
    // sklearn's min_hessian_to_split.
    minChildWeight: 1e-3,
    l2Regularization: parameters.l2Regularization,
    featuresPerSplit: featureCount,
    minGain: 1e-12,
  };
  const { learningRate, l2Regularization } = parameters;
  const targets = {
    gradients,
    hessians,
    leafValue: (gradientSum: number, hessianSum: number) => (-learningRate * gradientSum) / (hessianSum + l2Regularization),
    onLeaf: (value: number, leafRows: Uint32Array, start: number, end: number) => {
      for (let index = start; index < end; index++) raw[leafRows[index]!]! += value;
    },
  };
  for (let iteration = 0; iteration < parameters.iterations; iteration++) {
    for (let row = 0; row < rowCount; row++) {
      const probability = 1 / (1 + Math.exp(-raw[row]!));
      gradients[row] = probability - labels[row]!;
      hessians[row] = probability * (1 - probability);
      rows[row] = row;
    }
    growHistogramTree(
      binned,
      rows,
      0,
      rowCount,
      targets,
      treeParameters,
      createRandom(parameters.seed, iteration),
      builder,
      workspace,
    );
  }
  return builder.build('logistic', baseline, featureCount);
}
