import { DriftwatchError } from '@driftwatch/drift';
import { z } from 'zod';
import type { AlertSink } from '../contracts/alert-sink.js';
import { systemClock, type Clock } from '../contracts/clock.js';
import type { EventStore } from '../contracts/event-store.js';
import type { BaselineRecord } from '../records/baseline-record.js';
import { checkKinds, type CheckKind } from '../records/check-result-record.js';
import { featureSpecSchema, type FeatureSpec } from '../records/feature-spec.js';
import { createAlertPolicy, type AlertPolicy, type AlertPolicyConfig } from './create-alert-policy.js';
import { checkFactoryConfig } from '../internal/check-factory-config.js';

/**
 * Config for `createMonitor`. Only `store` is required, plus `modelName` when no `baseline`
 * is given.
 *
 * @example
 * ```ts
 * import type { MonitorConfig } from '@driftwatch/core';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const config: MonitorConfig = { store: createInMemoryEventStore(), modelName: 'churn', windowSeconds: 1800 };
 * ```
 */
export interface MonitorConfig {
  /** Where window profiles, outcomes and baselines are read, and check results and alerts written. The Monitor never shuts it down. */
  store: EventStore;
  /** The baseline to compare with. @default the newest baseline stored for `modelName`, re-read when the window holds profiles of another spec */
  baseline?: BaselineRecord;
  /** The model to monitor. @default `baseline.modelName` */
  modelName?: string;
  /** Only this model version's traffic. @default every version (`''` in check results and alerts) */
  modelVersion?: string;
  /** Only this segment's traffic. @default every segment (`''` in check results) */
  segment?: string;
  /**
   * The features to check, with the ranges and categories that data-quality checks enforce.
   * @default every column of the baseline profile except `prediction.score` and `prediction.label`, with the baseline's min/max and categories
   */
  features?: FeatureSpec;
  /** Which checks run. @default every kind: feature-drift, prediction-drift, data-quality, performance, latency, volume */
  checks?: readonly CheckKind[];
  /** The alert policy, or a config to create one with `createAlertPolicy`. @default createAlertPolicy() */
  alerts?: AlertPolicy | AlertPolicyConfig;
  /** Where alerts are delivered; each delivery result is stored with its alert. The Monitor never shuts them down. @default [] */
  sinks?: readonly AlertSink[];
  /** Time and timers. @default systemClock */
  clock?: Clock;
  /** How often scheduled checks run after `start()`. @default 60 */
  checkIntervalSeconds?: number;
  /** The rolling window a check covers, ending at the check time. @default 3600 */
  windowSeconds?: number;
  /** The rolling window of predictions whose outcomes the performance check reads. @default `windowSeconds` */
  performanceWindowSeconds?: number;
  /** The positive class for precision, recall, F1 and AUC; string labels need it. @default `1` for numeric labels, `true` for booleans */
  positiveLabel?: string | number | boolean;
  /** A sink that has not answered by then counts as a failed, retryable delivery. @default 10000 */
  sinkTimeoutMillis?: number;
  /** Hears about store failures, failed checks and failed deliveries. Called inside a guard: what it throws is ignored. @default a one-line `console.warn` */
  onError?: (error: DriftwatchError) => void;
}

/** {@link MonitorConfig} with every default applied; frozen. */
export interface ResolvedMonitorConfig {
  store: EventStore;
  baseline: BaselineRecord | undefined;
  modelName: string;
  modelVersion: string | undefined;
  segment: string | undefined;
  features: FeatureSpec | undefined;
  checks: ReadonlySet<CheckKind>;
  policy: AlertPolicy;
  sinks: readonly AlertSink[];
  clock: Clock;
  checkIntervalSeconds: number;
  windowSeconds: number;
  performanceWindowSeconds: number;
  positiveLabel: string | number | boolean | undefined;
  sinkTimeoutMillis: number;
  onError: (error: DriftwatchError) => void;
}

const storeMethods = [
  'readWindowProfiles',
  'readLabelledPredictions',
  'readBaseline',
  'readAlerts',
  'readCheckResults',
  'writeCheckResults',
  'writeAlerts',
  'recordAlertDeliveries',
] as const;

const positiveSeconds = z.number().positive().finite();

const configSchema = z.object({
  baseline: z
    .custom<BaselineRecord>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        typeof (value as BaselineRecord).modelName === 'string' &&
        typeof (value as BaselineRecord).profile?.spec?.fingerprint === 'string',
      'baseline must be a BaselineRecord (from createBaseline or store.readBaseline)',
    )
    .optional(),
  modelName: z.string().min(1).optional(),
  modelVersion: z.string().min(1).optional(),
  segment: z.string().optional(),
  features: featureSpecSchema.optional(),
  checks: z.array(z.enum(checkKinds)).optional(),
  checkIntervalSeconds: positiveSeconds.optional(),
  windowSeconds: positiveSeconds.optional(),
  performanceWindowSeconds: positiveSeconds.optional(),
  positiveLabel: z.union([z.string(), z.number(), z.boolean()]).optional(),
  sinkTimeoutMillis: z.number().positive().finite().optional(),
  sinks: z.array(z.custom<AlertSink>((sink) => typeof sink === 'object' && sink !== null && typeof (sink as AlertSink).send === 'function', 'a sink needs a send function')).optional(),
  onError: z.custom<(error: DriftwatchError) => void>((value) => typeof value === 'function', 'onError must be a function').optional(),
});

/** The default `onError`: one line on stderr, so a failing check is never silent. */
function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] monitor: ${error.message}`);
}

/**
 * Validates a {@link MonitorConfig} (throwing `VALIDATION_FAILED` at construction, never later)
 * and applies every default, in this one place.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * import { resolveMonitorConfig } from './resolve-monitor-config.js';
 * resolveMonitorConfig({ store: createInMemoryEventStore(), modelName: 'churn' }).checkIntervalSeconds; // 60
 * ```
 */
export function resolveMonitorConfig(config: MonitorConfig): ResolvedMonitorConfig {
  checkFactoryConfig(config, { factory: 'createMonitor', subject: 'monitor', storeMethods, schema: configSchema });
  const modelName = config.modelName ?? config.baseline?.modelName;
  if (modelName === undefined) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createMonitor needs a modelName or a baseline.' });
  }
  if (config.baseline !== undefined && config.baseline.modelName !== modelName) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `The baseline is for model ${config.baseline.modelName}, not ${modelName}.`,
      details: { modelName, baselineModelName: config.baseline.modelName },
    });
  }
  const alerts = config.alerts;
  const policy = isAlertPolicy(alerts) ? alerts : createAlertPolicy(alerts ?? {});
  const windowSeconds = config.windowSeconds ?? 3600;
  return Object.freeze({
    store: config.store,
    baseline: config.baseline,
    modelName,
    modelVersion: config.modelVersion,
    segment: config.segment,
    features: config.features,
    checks: new Set(config.checks ?? checkKinds),
    policy,
    sinks: Object.freeze([...(config.sinks ?? [])]),
    clock: config.clock ?? systemClock,
    checkIntervalSeconds: config.checkIntervalSeconds ?? 60,
    windowSeconds,
    performanceWindowSeconds: config.performanceWindowSeconds ?? windowSeconds,
    positiveLabel: config.positiveLabel,
    sinkTimeoutMillis: config.sinkTimeoutMillis ?? 10_000,
    onError: config.onError ?? warn,
  });
}

function isAlertPolicy(value: AlertPolicy | AlertPolicyConfig | undefined): value is AlertPolicy {
  return typeof value === 'object' && value !== null && typeof (value as AlertPolicy).observe === 'function';
}
