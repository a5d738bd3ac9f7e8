// Loads the shared Telco churn split for quality tests. The data lives in ../shared beside the
// checkout (never copied into the repository); tests skip with a clear message without it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { accuracy, rocAuc } from '@driftwatch/drift';
import type { TabularRow } from '../tabular-row.js';
import { trainClassifier } from '../train-classifier.js';
import type { TrainClassifierOptions } from '../train-classifier-options.js';

const directory = fileURLToPath(new URL('../../../../../shared/data/telco-churn/', import.meta.url));

/** Where the Telco files are expected. */
export const telcoDirectory = directory;

/** Whether `../shared/data/telco-churn` is present. */
export const telcoAvailable =
  existsSync(`${directory}telco.csv`) && existsSync(`${directory}split-seed42.json`);

/** sklearn 1.2 figures on the same split (Python anchors; TotalCharges blanks as 0.0 there). */
export const sklearnTelco = {
  randomForest: { auc: 0.8193, accuracy: 0.7871 },
  randomForestDepth10: { auc: 0.8378, accuracy: 0.8006 },
  decisionTreeDepth6: { auc: 0.8351 },
  histGradientBoosting: { auc: 0.8338 },
  logisticRegression: { auc: 0.8418 },
} as const;

/** The stratified 80/20 split: 5,634 training rows and 1,409 test rows, every cell a string. */
export function loadTelco(): { train: TabularRow[]; test: TabularRow[] } {
  const lines = readFileSync(`${directory}telco.csv`, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((column, index) => [column, cells[index]]));
  });
  const split = JSON.parse(readFileSync(`${directory}split-seed42.json`, 'utf8')) as { train: number[]; test: number[] };
  return { train: split.train.map((index) => rows[index]!), test: split.test.map((index) => rows[index]!) };
}

/** One row of the quality bar: a configuration and sklearn's figures for the same one. */
export interface TelcoQualityCase {
  name: string;
  options: Partial<TrainClassifierOptions>;
  sklearnAuc: number;
  sklearnAccuracy?: number;
}

/** The bar: AUC at least sklearn's minus this. */
export const telcoAucTolerance = 0.01;

/** Trains on the Telco training rows and measures AUC and accuracy on the test rows. */
export async function measureTelcoQuality(
  split: { train: TabularRow[]; test: TabularRow[] },
  options: Partial<TrainClassifierOptions>,
): Promise<{ auc: number; accuracy: number }> {
  const classifier = await trainClassifier(split.train, { target: 'Churn', positive: 'Yes', exclude: ['customerID'], ...options });
  const probabilities = classifier.predictProba(split.test);
  const actual = split.test.map((row) => row.Churn as string);
  const predicted = [...probabilities].map((probability) => (probability >= 0.5 ? 'Yes' : 'No'));
  return { auc: rocAuc(actual, probabilities, { positive: 'Yes' }), accuracy: accuracy(actual, predicted) };
}
