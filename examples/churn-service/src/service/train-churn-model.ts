import { createBaseline, systemClock, type BaselineRecord, type Clock } from '@driftwatch/core';
import { accuracy, rocAuc } from '@driftwatch/drift';
import { trainClassifier, type Classifier, type ClassifierFlavor, type TabularRow } from '@driftwatch/models';
import { generateTelcoCustomers } from '../data/generate-telco-customers.js';
import { toChurnFeatures } from './to-churn-features.js';

/** Options for {@link trainChurnModel}. */
export interface TrainChurnModelOptions {
  /**
   * Synthetic customers drawn for training; a fifth more are drawn as the holdout.
   * @default 5000
   */
  rowCount?: number;
  /** @default 'logistic' */
  flavor?: ClassifierFlavor;
  /**
   * Seed of the synthetic customers.
   * @default 1
   */
  seed?: number;
  /**
   * Stamps the baseline's `createdAt`.
   * @default systemClock
   */
  clock?: Clock;
}

/** The first champion: the classifier, its holdout figures and what the monitor compares traffic with. */
export interface TrainedChurnModel {
  classifier: Classifier;
  /** Holdout accuracy and ROC AUC; also the baseline's metrics, the yardstick of performance checks. */
  metrics: { accuracy: number; auc: number };
  trainingRowCount: number;
  holdoutRowCount: number;
  /** Wall time of the training itself. */
  trainingMillis: number;
  /** The training rows' features profiled with the model's predictions on them, for `version`. */
  createBaseline(version: string): BaselineRecord;
}

/**
 * Trains the churn model on synthetic Telco customers (drawn like the real data, see
 * `generateTelcoCustomers`) and measures it on a holdout drawn with another seed.
 *
 * @example
 * ```ts
 * const model = await trainChurnModel({ rowCount: 5000 });
 * console.log(model.metrics.auc.toFixed(3));
 * const baseline = model.createBaseline('1');
 * ```
 */
export async function trainChurnModel(options: TrainChurnModelOptions = {}): Promise<TrainedChurnModel> {
  const rowCount = options.rowCount ?? 5000;
  const seed = options.seed ?? 1;
  const clock = options.clock ?? systemClock;
  const toRow = (customer: ReturnType<typeof generateTelcoCustomers>[number]): TabularRow => ({ ...toChurnFeatures(customer), Churn: customer.Churn });
  const training = generateTelcoCustomers({ count: rowCount, seed }).map(toRow);
  const holdout = generateTelcoCustomers({ count: Math.max(200, Math.round(rowCount / 5)), seed: seed + 1_000_003 }).map(toRow);
  const started = performance.now();
  const classifier = await trainClassifier(training, { target: 'Churn', positive: 'Yes', flavor: options.flavor ?? 'logistic', worker: true });
  const trainingMillis = performance.now() - started;
  const actual = holdout.map((row) => (row.Churn === 'Yes' ? 1 : 0));
  const holdoutScores = classifier.predictProba(holdout);
  const metrics = {
    accuracy: accuracy(actual, Array.from(holdoutScores, (score) => (score >= 0.5 ? 1 : 0))),
    auc: rocAuc(actual, holdoutScores),
  };
  const features = training.map(({ Churn: _churn, ...rest }) => rest);
  const trainingScores = classifier.predictProba(training);
  return {
    classifier,
    metrics,
    trainingRowCount: training.length,
    holdoutRowCount: holdout.length,
    trainingMillis,
    createBaseline: (version) =>
      createBaseline({
        modelName: 'churn',
        version,
        data: features,
        predictions: Array.from(trainingScores, (score) => ({ score, label: score >= 0.5 ? 'Yes' : 'No' })),
        metrics,
        clock,
      }),
  };
}
