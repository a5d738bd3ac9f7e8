/**
 * The steps of a retraining run, in order. Each is recorded in the run with its status,
 * duration and output, and an interrupted run resumes after its last completed step.
 *
 * @example
 * ```ts
 * import { retrainingStepNames } from '@driftwatch/registry';
 * retrainingStepNames.indexOf('train'); // 3
 * ```
 */
export const retrainingStepNames = [
  'check-trigger',
  'fetch-data',
  'prepare-features',
  'train',
  'validate',
  'register-challenger',
  'start-ab-test',
  'promote-or-retire',
] as const;

/**
 * One of {@link retrainingStepNames}.
 *
 * @example
 * ```ts
 * import type { RetrainingStepName } from '@driftwatch/registry';
 * const step: RetrainingStepName = 'validate';
 * ```
 */
export type RetrainingStepName = (typeof retrainingStepNames)[number];

/**
 * What a run records about one step (in `run.artifacts.steps`, as JSON).
 *
 * @example
 * ```ts
 * import type { RetrainingStepRecord } from '@driftwatch/registry';
 * const slowest = (steps: RetrainingStepRecord[]) => steps.reduce((a, b) => ((a.durationMillis ?? 0) >= (b.durationMillis ?? 0) ? a : b));
 * ```
 */
export interface RetrainingStepRecord {
  name: RetrainingStepName;
  /** `waiting`: the A/B test is undecided and the step runs again on the next trigger. `skipped`: the run's outcome was decided earlier. */
  status: 'pending' | 'running' | 'succeeded' | 'skipped' | 'waiting' | 'failed';
  /** ISO time the step last started, by the pipeline's clock. */
  startedAt?: string;
  endedAt?: string;
  /** Wall time of the step's last attempt, in milliseconds (measured with `performance.now()`, not the injected clock). */
  durationMillis?: number;
  /** How many times the step has started (a waiting step starts once per trigger; a resumed step once more). */
  attempts: number;
  output?: Record<string, unknown>;
  error?: string;
}
