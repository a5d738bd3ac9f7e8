import type { JobQueue } from '@driftwatch/core';
import type { RetrainingPipeline, RetrainingRunResult, RetrainingTrigger } from './create-retraining-pipeline.js';
import { retrainingJobName } from './retraining-job-name.js';

/**
 * The payload of a retraining job.
 *
 * @example
 * ```ts
 * import type { RetrainingJobPayload } from '@driftwatch/registry';
 * const payload: RetrainingJobPayload = { trigger: 'manual', reason: 'new labels backfilled' };
 * ```
 */
export interface RetrainingJobPayload {
  /** @default 'check' */
  trigger?: RetrainingTrigger;
  reason?: string;
}

/**
 * Options for {@link registerRetrainingJobs}.
 *
 * @example
 * ```ts
 * import type { RegisterRetrainingJobsOptions } from '@driftwatch/registry';
 * const options: RegisterRetrainingJobsOptions = { queue, pipelines: [pipeline], retrainCron: '0 3 * * 0' };
 * ```
 */
export interface RegisterRetrainingJobsOptions {
  /** `createInProcessJobQueue()` from `@driftwatch/core`, or `createPgBossJobQueue()` from `@driftwatch/adapters`. */
  queue: JobQueue;
  pipelines: readonly RetrainingPipeline[];
  /** When each pipeline runs with trigger `check`: retrain on new alerts, continue a waiting A/B test. @default '0 * * * *' (hourly) */
  checkCron?: string;
  /** When each pipeline retrains whatever the alerts say (trigger `schedule`). @default undefined (never) */
  retrainCron?: string;
  /** Hears the result of every job. @default nothing */
  onResult?: (modelName: string, result: RetrainingRunResult) => void;
}

/**
 * Wires retraining pipelines to a job queue: a handler per model on `retrainingJobName(modelName)`
 * (and on its `.check` and `.schedule` variants), an hourly `check` schedule, and optionally a
 * retraining schedule. Send `{ trigger: 'manual' }` to that name (with `singletonKey: modelName`) to
 * retrain now; `createRetrainingAlertSink` sends `{ trigger: 'alert' }` when the Monitor alerts.
 * A job never fails on a pipeline's failure (it is recorded in the run and sent to `onError`), so
 * the queue does not retry a training that would fail again.
 *
 * @example
 * ```ts
 * import { createInProcessJobQueue } from '@driftwatch/core';
 * import { registerRetrainingJobs, retrainingJobName } from '@driftwatch/registry';
 * const queue = createInProcessJobQueue();
 * await registerRetrainingJobs({ queue, pipelines: [pipeline], retrainCron: '0 3 * * 0' });
 * await queue.send(retrainingJobName('churn'), { trigger: 'manual' }, { singletonKey: 'churn' });
 * ```
 */
export async function registerRetrainingJobs(options: RegisterRetrainingJobsOptions): Promise<void> {
  for (const pipeline of options.pipelines) {
    const name = retrainingJobName(pipeline.modelName);
    const handler = async (job: { payload: RetrainingJobPayload }) => {
      const result = await pipeline.run({ trigger: job.payload?.trigger ?? 'check', ...(job.payload?.reason === undefined ? {} : { reason: job.payload.reason }) });
      options.onResult?.(pipeline.modelName, result);
    };
    await options.queue.work<RetrainingJobPayload>(name, handler);
    await options.queue.work<RetrainingJobPayload>(`${name}.check`, handler);
    await options.queue.work<RetrainingJobPayload>(`${name}.schedule`, handler);
    await options.queue.schedule<RetrainingJobPayload>(`${name}.check`, options.checkCron ?? '0 * * * *', { trigger: 'check', reason: 'scheduled check' });
    if (options.retrainCron !== undefined) {
      await options.queue.schedule<RetrainingJobPayload>(`${name}.schedule`, options.retrainCron, { trigger: 'schedule', reason: `scheduled retraining (${options.retrainCron})` });
    }
  }
}
