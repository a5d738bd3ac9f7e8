import type { ResolvedDashboardConfig } from '../resolve-dashboard-config.js';
import type { ActionResult } from './action-result.js';

/**
 * Starts a retraining of the model: `onRetrain(modelName)`, or one job on the retraining queue
 * with the model name as singleton key. Answers 202, 409 when a job for the model is already
 * queued or running, or 404 when retraining is not configured.
 *
 * @example
 * ```ts
 * import { startRetraining } from './start-retraining.js';
 * // const result = await startRetraining(config, 'churn');
 * ```
 */
export async function startRetraining(config: Readonly<ResolvedDashboardConfig>, modelName: string): Promise<ActionResult> {
  if (config.startRetraining === undefined) return { status: 404, body: { error: 'Retraining is not configured for this dashboard.' } };
  const jobId = await config.startRetraining(modelName);
  if (jobId === false) return { status: 409, body: { error: `A retraining of ${modelName} is already queued or running.` } };
  return { status: 202, body: { started: true, modelName, jobId: jobId ?? null, experiment: config.retrainingExperiment(modelName) } };
}
