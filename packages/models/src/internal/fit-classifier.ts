import { DriftwatchError } from '@driftwatch/drift';
import { classifierJsonFormat, classifierJsonVersion, type ClassifierJson } from '../classifier-json.js';
import { inferColumnKinds } from '../infer-column-kinds.js';
import type { TabularRow } from '../tabular-row.js';
import type { TrainClassifierOptions } from '../train-classifier-options.js';
import { canonicalOrder } from './canonical-order.js';
import { binFeatures } from './bin-features.js';
import { labelFlags } from './label-flags.js';
import type { LearnedModelJson } from './learned-model.js';
import { featureSampleSize, hyperparametersJson, resolveTrainOptions, type ResolvedTrainOptions } from './resolve-train-options.js';
import { fitTabularEncoder } from './tabular-encoder.js';
import { trainGradientBoosting } from './train-gradient-boosting.js';
import { trainHistogramForest } from './train-histogram-forest.js';
import { logisticModelToJson, trainLogisticRegression } from './train-logistic-regression.js';
import { mlCartModelToJson, trainMlCart } from './train-ml-cart.js';
import { mlRandomForestModelToJson, trainMlRandomForest } from './train-ml-random-forest.js';
import { treeEnsembleToJson } from './tree-ensemble.js';

/**
 * Trains synchronously and returns the serialized classifier. Both {@link trainClassifier} and
 * the training worker call this, and both build their `Classifier` from the JSON, so a model
 * trained in a worker scores exactly like one trained in process.
 *
 * @example
 * ```ts
 * const json = fitClassifier(rows, { target: 'Churn', positive: 'Yes' });
 * ```
 */
export function fitClassifier(rows: readonly TabularRow[], options: TrainClassifierOptions): ClassifierJson {
  const resolved = resolveTrainOptions(options);
  if (!Array.isArray(rows) || rows.length < 2) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'trainClassifier: rows must be an array of at least 2 objects.' });
  }
  const labels = labelFlags(rows, resolved.target, resolved.positive);
  let positiveCount = 0;
  for (const flag of labels) positiveCount += flag;
  if (positiveCount === 0 || positiveCount === rows.length) {
    throw new DriftwatchError({
      code: 'INVALID_ARGUMENT',
      message: `trainClassifier: the training rows need both the positive label "${String(resolved.positive)}" and another label.`,
      details: { positiveCount, rowCount: rows.length },
    });
  }
  const columnKinds = inferColumnKinds(rows, resolved);
  if (Object.keys(columnKinds).length === 0) {
    throw new DriftwatchError({ code: 'INVALID_ARGUMENT', message: 'trainClassifier: no feature columns are left.' });
  }
  const encoder = fitTabularEncoder(rows, columnKinds, resolved);
  const ordered = canonicalOrder(encoder.encodeRows(rows), labels, rows.length, encoder.featureCount);

  let model: LearnedModelJson;
  try {
    model = trainModel(ordered.features, ordered.labels, rows.length, encoder.featureCount, resolved);
  } catch (error) {
    if (DriftwatchError.isInstance(error)) throw error;
    throw new DriftwatchError({
      code: 'TRAINING_FAILED',
      message: `trainClassifier: the ${resolved.flavor} learner failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
      details: { flavor: resolved.flavor },
    });
  }
  return {
    format: classifierJsonFormat,
    version: classifierJsonVersion,
    flavor: resolved.flavor,
    target: resolved.target,
    positive: resolved.positive,
    columnKinds,
    featureNames: [...encoder.featureNames],
    hyperparameters: hyperparametersJson(resolved),
    seed: resolved.seed,
    standardize: resolved.standardize,
    trainingRowCount: rows.length,
    trainingPositiveCount: positiveCount,
    encoder: encoder.toJSON() as unknown as Record<string, unknown>,
    model: model as unknown as Record<string, unknown>,
  };
}

function trainModel(
  features: Float64Array,
  labels: Uint8Array,
  rowCount: number,
  featureCount: number,
  options: ResolvedTrainOptions,
): LearnedModelJson {
  switch (options.flavor) {
    case 'logistic':
      return logisticModelToJson(
        trainLogisticRegression(features, labels, rowCount, featureCount, {
          inverseRegularization: options.inverseRegularization,
          maxIterations: options.maxIterations,
          tolerance: 1e-10,
        }),
      );
    case 'forest':
      return treeEnsembleToJson(
        trainHistogramForest(binFeatures(features, rowCount, featureCount, options.maxBins), labels, {
          trees: options.trees,
          maxDepth: options.maxDepth,
          minSamplesLeaf: options.minSamplesLeaf,
          featuresPerSplit: featureSampleSize(options.maxFeatures, featureCount),
          bootstrap: options.bootstrap,
          seed: options.seed,
        }),
      );
    case 'boosting':
      return treeEnsembleToJson(
        trainGradientBoosting(binFeatures(features, rowCount, featureCount, options.maxBins), labels, {
          iterations: options.iterations,
          learningRate: options.learningRate,
          maxLeafNodes: options.maxLeafNodes,
          maxDepth: options.maxDepth,
          minSamplesLeaf: options.minSamplesLeaf,
          l2Regularization: options.l2Regularization,
          seed: options.seed,
        }),
      );
    case 'ml-cart':
      return mlCartModelToJson(
        trainMlCart(binFeatures(features, rowCount, featureCount, options.maxBins), labels, {
          maxDepth: options.maxDepth,
          minSamplesSplit: options.minSamplesSplit,
          gainThreshold: options.gainThreshold,
        }),
      );
    case 'ml-random-forest':
      return mlRandomForestModelToJson(
        trainMlRandomForest(binFeatures(features, rowCount, featureCount, options.maxBins), labels, {
          trees: options.trees,
          featuresPerTree: featureSampleSize(options.maxFeatures, featureCount),
          maxDepth: options.maxDepth,
          minSamplesSplit: options.minSamplesSplit,
          gainThreshold: options.gainThreshold,
          seed: options.seed,
        }),
      );
  }
}
