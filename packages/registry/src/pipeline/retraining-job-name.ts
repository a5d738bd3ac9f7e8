/**
 * The job name on which a model's retraining runs, for `queue.send` and `queue.work`. The cron
 * schedules of `registerRetrainingJobs` use `<name>.check` and `<name>.schedule`.
 *
 * @example
 * ```ts
 * import { retrainingJobName } from '@driftwatch/registry';
 * await queue.send(retrainingJobName('churn'), { trigger: 'manual' }, { singletonKey: 'churn' });
 * ```
 */
export function retrainingJobName(modelName: string): string {
  return `driftwatch.retraining.${modelName}`;
}
