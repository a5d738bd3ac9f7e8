import { DriftwatchError, alertSeverities, checkKinds, type AlertDeliveryResult, type AlertRecord, type AlertSeverity, type AlertSink, type CheckKind, type JobQueue } from '@driftwatch/core';
import type { RetrainingJobPayload } from './register-retraining-jobs.js';
import { retrainingJobName } from './retraining-job-name.js';

/**
 * Config for {@link createRetrainingAlertSink}.
 *
 * @example
 * ```ts
 * import type { RetrainingAlertSinkConfig } from '@driftwatch/registry';
 * const config: RetrainingAlertSinkConfig = { queue, minimumSeverity: 'CRITICAL', kinds: ['performance'] };
 * ```
 */
export interface RetrainingAlertSinkConfig {
  /** The queue the retraining jobs are registered on (`registerRetrainingJobs`). */
  queue: JobQueue;
  /** Alert kinds that ask for retraining. @default ['feature-drift', 'prediction-drift', 'performance'] */
  kinds?: readonly CheckKind[];
  /** The least severe alert that asks for retraining. @default 'WARNING' */
  minimumSeverity?: AlertSeverity;
  /** Shown in delivery results. @default 'retraining' */
  name?: string;
}

/**
 * An alert sink that turns the Monitor's drift and performance alerts into retraining jobs: add it
 * to `createMonitor({ sinks })` and a firing alert sends `{ trigger: 'alert' }` to the model's
 * retraining job (singleton per model, so a burst of alerts queues one job). Resolved notices and
 * other kinds are acknowledged and ignored. Never rejects: a queue failure is a retryable result.
 *
 * @example
 * ```ts
 * import { createMonitor, createInProcessJobQueue } from '@driftwatch/core';
 * import { createRetrainingAlertSink } from '@driftwatch/registry';
 * const queue = createInProcessJobQueue();
 * const monitor = createMonitor({ store: eventStore, modelName: 'churn', sinks: [createRetrainingAlertSink({ queue })] });
 * ```
 */
export function createRetrainingAlertSink(config: RetrainingAlertSinkConfig): AlertSink {
  if (typeof config?.queue?.send !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createRetrainingAlertSink needs config.queue, a JobQueue.' });
  }
  const kinds = new Set<string>(config.kinds ?? ['feature-drift', 'prediction-drift', 'performance']);
  for (const kind of kinds) {
    if (!(checkKinds as readonly string[]).includes(kind)) throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `Unknown alert kind ${kind}.` });
  }
  const minimumRank = alertSeverities.indexOf(config.minimumSeverity ?? 'WARNING');
  if (minimumRank < 0) throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `Unknown severity ${config.minimumSeverity}.` });
  const settings = Object.freeze({ queue: config.queue, kinds, minimumRank, name: config.name ?? 'retraining' });

  return Object.freeze<AlertSink>({
    name: settings.name,
    async send(alert: AlertRecord): Promise<AlertDeliveryResult> {
      const rest = alert.dedupeKey.slice(alert.dedupeKey.indexOf('/') + 1);
      const kind = rest.includes('/') ? rest.slice(0, rest.indexOf('/')) : rest;
      if (alert.status !== 'firing' || !settings.kinds.has(kind) || alertSeverities.indexOf(alert.severity) < settings.minimumRank) {
        return { ok: true, attempts: 1 };
      }
      try {
        const payload: RetrainingJobPayload = { trigger: 'alert', reason: `${alert.severity} alert: ${alert.title}` };
        await settings.queue.send(retrainingJobName(alert.modelName), payload, { singletonKey: alert.modelName });
        return { ok: true, attempts: 1 };
      } catch (error) {
        return { ok: false, attempts: 1, error: error instanceof Error ? error.message : String(error), retryable: true };
      }
    },
    async shutdown() {},
  });
}
