import type { Classifier } from './classifier.js';
import { createClassifier } from './internal/create-classifier.js';
import { runTrainingWorker } from './internal/run-training-worker.js';
import type { TabularRow } from './tabular-row.js';
import type { TrainClassifierOptions } from './train-classifier-options.js';

/**
 * {@link trainClassifier} in a worker thread: the rows are copied to a fresh worker, which trains
 * and sends back the classifier's JSON. The calling event loop keeps serving requests meanwhile.
 * The result predicts exactly what in-process training with the same options would.
 *
 * @example
 * ```ts
 * import { trainClassifierInWorker } from '@driftwatch/models';
 * const classifier = await trainClassifierInWorker(rows, { target: 'Churn', positive: 'Yes' });
 * ```
 */
export async function trainClassifierInWorker(
  rows: readonly TabularRow[],
  options: TrainClassifierOptions,
): Promise<Classifier> {
  return createClassifier(await runTrainingWorker(rows, { ...options, worker: false }), { copy: false });
}
