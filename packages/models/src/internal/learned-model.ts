import {
  logisticModelFromJson,
  predictLogistic,
  type LogisticModelJson,
} from './train-logistic-regression.js';
import { mlCartModelFromJson, predictMlCart, type MlCartModelJson } from './train-ml-cart.js';
import {
  mlRandomForestModelFromJson,
  predictMlRandomForest,
  type MlRandomForestModelJson,
} from './train-ml-random-forest.js';
import { predictTreeEnsemble, treeEnsembleFromJson, type TreeEnsembleJson } from './tree-ensemble.js';

/** The serialized learner inside a classifier, told apart by `kind`. */
export type LearnedModelJson = TreeEnsembleJson | LogisticModelJson | MlCartModelJson | MlRandomForestModelJson;

/** Scores one encoded row: the probability of the positive class. */
export type RowScorer = (features: Float64Array, offset: number) => number;

/**
 * Rebuilds a learner from its JSON and returns the function that scores encoded rows.
 *
 * @example
 * ```ts
 * const score = loadLearnedModel(json.model, encoder.featureCount);
 * score(encodedRow, 0);
 * ```
 */
export function loadLearnedModel(json: LearnedModelJson, featureCount: number): RowScorer {
  switch (json.kind) {
    case 'tree-ensemble': {
      if (json.featureCount !== featureCount) {
        throw new RangeError(`The trees expect ${json.featureCount} features, the encoder makes ${featureCount}.`);
      }
      const ensemble = treeEnsembleFromJson(json);
      return (features, offset) => predictTreeEnsemble(ensemble, features, offset);
    }
    case 'logistic': {
      const model = logisticModelFromJson(json, featureCount);
      return (features, offset) => predictLogistic(model, features, offset);
    }
    case 'ml-cart': {
      const model = mlCartModelFromJson(json, featureCount);
      return (features, offset) => predictMlCart(model, features, offset);
    }
    case 'ml-random-forest': {
      const model = mlRandomForestModelFromJson(json, featureCount);
      return (features, offset) => predictMlRandomForest(model, features, offset);
    }
    default:
      throw new RangeError(`Unknown model kind "${String((json as { kind?: unknown }).kind)}".`);
  }
}
