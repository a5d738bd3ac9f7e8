import { toRetrainingRunView, type RetrainingRunView } from '../to-retraining-run-view.js';
import type { ReaderContext } from './reader-context.js';

/** What the retraining page shows (`GET api/retraining`). */
export interface RetrainingData {
  model: string;
  generatedAt: string;
  experiment: string;
  /** True when the Retrain button can start a run (`retrain` or `onRetrain` is configured). */
  canRetrain: boolean;
  /** False without a registry: runs cannot be shown. */
  available: boolean;
  /** The newest run, with its steps. */
  latest: RetrainingRunView | null;
  /** The ten newest runs, without their steps. */
  runs: Array<Omit<RetrainingRunView, 'steps' | 'promotion'>>;
}

/**
 * Reads the retraining page: the ten newest runs of the model's retraining experiment, the newest
 * with its steps (`run.artifacts.steps`), which the page polls while the run is going.
 *
 * @example
 * ```ts
 * import { readRetraining } from './read-retraining.js';
 * // const data = await readRetraining({ config, modelName: 'churn', nowMillis: Date.now(), rangeSeconds: 86_400, query });
 * ```
 */
export async function readRetraining(context: ReaderContext): Promise<RetrainingData> {
  const { registry, startRetraining, retrainingExperiment } = context.config;
  const experiment = retrainingExperiment(context.modelName);
  const base = {
    model: context.modelName,
    generatedAt: new Date(context.nowMillis).toISOString(),
    experiment,
    canRetrain: startRetraining !== undefined,
  };
  if (registry === undefined) return { ...base, available: false, latest: null, runs: [] };
  const runs = (await registry.listRuns(experiment, { limit: 10 })).map(toRetrainingRunView);
  return {
    ...base,
    available: true,
    latest: runs[0] ?? null,
    runs: runs.map(({ steps: _steps, promotion: _promotion, ...run }) => run),
  };
}
