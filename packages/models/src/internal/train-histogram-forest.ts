import type { BinnedFeatures } from './bin-features.js';
import { createHistogramWorkspace, growHistogramTree } from './grow-histogram-tree.js';
import { createRandom } from './random.js';
import { TreeBuilder, type TreeEnsemble } from './tree-ensemble.js';

/** Hyperparameters of {@link trainHistogramForest}, already resolved. */
export interface HistogramForestParameters {
  trees: number;
  maxDepth: number;
  minSamplesLeaf: number;
  featuresPerSplit: number;
  bootstrap: boolean;
  seed: number;
}

/**
 * A random forest on the histogram tree learner: each tree sees a bootstrap sample (as integer
 * weights, like sklearn), splits on Gini impurity over a fresh random subset of features at
 * every node, and its leaves hold the weighted share of positives. Tree `t` draws from its own
 * random stream, so a tree does not depend on the ones before it.
 *
 * @example
 * ```ts
 * const forest = trainHistogramForest(binned, labels, { trees: 100, maxDepth: Infinity, minSamplesLeaf: 1,
 *   featuresPerSplit: 6, bootstrap: true, seed: 0 });
 * ```
 */
export function trainHistogramForest(
  binned: BinnedFeatures,
  labels: Uint8Array,
  parameters: HistogramForestParameters,
): TreeEnsemble {
  const { rowCount, featureCount } = binned;
  const builder = new TreeBuilder();
  const workspace = createHistogramWorkspace(binned);
  const weights = new Float64Array(rowCount);
  const positives = new Float64Array(rowCount);
  const rows = new Uint32Array(rowCount);
  const treeParameters = {
    maxDepth: parameters.maxDepth,
    maxLeafNodes: Number.POSITIVE_INFINITY,
    minSamplesLeaf: parameters.minSamplesLeaf,
    minChildWeight: 0,
    l2Regularization: 0,
    featuresPerSplit: parameters.featuresPerSplit,
    minGain: 0,
  };
  const targets = {
    gradients: positives,
    hessians: weights,
    leafValue: (positiveWeight: number, totalWeight: number) => (totalWeight > 0 ? positiveWeight / totalWeight : 0),
  };
  for (let tree = 0; tree < parameters.trees; tree++) {
    const random = createRandom(parameters.seed, tree);
    if (parameters.bootstrap) {
      weights.fill(0);
      for (let draw = 0; draw < rowCount; draw++) weights[random.nextInt(rowCount)]! += 1;
    } else {
      weights.fill(1);
    }
    let used = 0;
    for (let row = 0; row < rowCount; row++) {
      positives[row] = weights[row]! * labels[row]!;
      if (weights[row]! > 0) rows[used++] = row;
    }
    growHistogramTree(binned, rows, 0, used, targets, treeParameters, random, builder, workspace);
  }
  return builder.build('mean', 0, featureCount);
}
