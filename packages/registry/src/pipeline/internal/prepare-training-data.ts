import { createHash } from 'node:crypto';
import type { LabelledPrediction } from '@driftwatch/core';
import type { TabularRow } from '@driftwatch/models';
import { hashUnitKey } from '../../hash-unit-key.js';
import { canonicalJson } from '../../internal/canonical-json.js';

/** Training rows and holdout rows made from labelled production predictions. */
export interface PreparedTrainingData {
  trainingRows: TabularRow[];
  holdoutRows: TabularRow[];
  /** SHA-256 of the rows (features and label, in prediction id order): the same rows give the same fingerprint. */
  fingerprint: string;
  /** Predictions left out because their request failed. */
  failedCount: number;
  featureColumns: string[];
}

/** How {@link prepareTrainingData} builds rows. */
export interface PrepareTrainingDataOptions {
  targetColumn: string;
  holdoutFraction: number;
  /** Only these feature columns; undefined keeps every logged feature. */
  features: readonly string[] | undefined;
}

/**
 * Turns labelled predictions into training and holdout rows: the logged features plus the
 * outcome's label under `targetColumn`. Failed requests are left out. The holdout is chosen by a
 * salted hash of the prediction id, so it is the same however often (and in whatever order) the
 * rows are read, which is what lets an interrupted run resume and verify its data by fingerprint.
 *
 * @example
 * ```ts
 * import { prepareTrainingData } from './prepare-training-data.js';
 * const data = prepareTrainingData(await eventStore.readLabelledPredictions(query), { targetColumn: '__outcome', holdoutFraction: 0.2, features: undefined });
 * data.trainingRows.length + data.holdoutRows.length; // labelled, non-failed predictions
 * ```
 */
export function prepareTrainingData(labelled: readonly LabelledPrediction[], options: PrepareTrainingDataOptions): PreparedTrainingData {
  const sorted = [...labelled].sort((left, right) => (left.prediction.id < right.prediction.id ? -1 : left.prediction.id > right.prediction.id ? 1 : 0));
  const trainingRows: TabularRow[] = [];
  const holdoutRows: TabularRow[] = [];
  const columns = new Set<string>();
  const keep = options.features === undefined ? undefined : new Set(options.features);
  let failedCount = 0;
  for (const { prediction, outcome } of sorted) {
    if (prediction.status === 'error') {
      failedCount++;
      continue;
    }
    const row: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(prediction.features)) {
      if (column === options.targetColumn || (keep !== undefined && !keep.has(column))) continue;
      row[column] = value;
      columns.add(column);
    }
    row[options.targetColumn] = outcome.label;
    (hashUnitKey('driftwatch-holdout', prediction.id) < options.holdoutFraction ? holdoutRows : trainingRows).push(row);
  }
  return { trainingRows, holdoutRows, fingerprint: fingerprintRows(sorted), failedCount, featureColumns: [...columns].sort() };
}

/**
 * SHA-256 over each non-failed prediction's id, label and features (keys sorted), row by row:
 * the same rows give the same digest however they were read. Streaming the rows into the hash
 * costs a fraction of hashing one canonical JSON document of them all.
 */
function fingerprintRows(sorted: readonly LabelledPrediction[]): string {
  const hash = createHash('sha256');
  for (const { prediction, outcome } of sorted) {
    if (prediction.status === 'error') continue;
    let text = `${JSON.stringify(prediction.id)}\u0001${JSON.stringify(outcome.label)}`;
    for (const key of Object.keys(prediction.features).sort()) {
      const value = prediction.features[key];
      if (value === undefined) continue;
      text += `\u0001${JSON.stringify(key)}:${typeof value === 'object' && value !== null ? canonicalJson(value) : JSON.stringify(value)}`;
    }
    hash.update(`${text}\u0002`);
  }
  return hash.digest('hex');
}
