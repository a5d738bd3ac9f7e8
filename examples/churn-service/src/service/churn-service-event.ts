import type { AlertRecord, CheckRunResult } from '@driftwatch/core';
import type { RetrainingRunResult, RetrainingTrigger } from '@driftwatch/registry';

/**
 * What the churn service reports as it runs, for progress output (the demo prints these) and
 * tests. Times are the service clock's (simulated time in a replay).
 *
 * @example
 * ```ts
 * const onEvent = (event: ChurnServiceEvent) => {
 *   if (event.type === 'alert') console.log(event.alert.severity, event.alert.title);
 * };
 * ```
 */
export type ChurnServiceEvent =
  /** The first champion was trained and registered (a fresh registry). */
  | { type: 'model-trained'; atMillis: number; version: number; metrics: { accuracy: number; auc: number }; trainingRowCount: number; trainingMillis: number }
  /** The registry already had a champion; it was loaded instead of training one. */
  | { type: 'champion-loaded'; atMillis: number; version: number }
  /** A scheduled check run finished. */
  | { type: 'check'; atMillis: number; result: CheckRunResult }
  /** The Monitor sent an alert (fired, repeated, escalated or resolved). */
  | { type: 'alert'; atMillis: number; alert: AlertRecord }
  /** An alert asked for retraining; the job is passed to the queue at `dueMillis`. */
  | { type: 'retraining-scheduled'; atMillis: number; dueMillis: number; reason: string }
  /** A retraining job started (every hourly check of an A/B test is one too). */
  | { type: 'retraining-started'; atMillis: number; trigger: RetrainingTrigger; reason: string }
  /** A retraining job ended; `realMillis` is its wall time. */
  | { type: 'retraining-finished'; atMillis: number; result: RetrainingRunResult; realMillis: number }
  /** The `champion` alias moved (a promotion or a rollback). */
  | { type: 'champion-changed'; atMillis: number; fromVersion: number | undefined; toVersion: number; reason: string | undefined };
