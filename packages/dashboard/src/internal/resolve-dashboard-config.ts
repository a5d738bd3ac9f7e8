import { DriftwatchError, systemClock, type Clock, type EventStore, type JobQueue, type RegistryStore } from '@driftwatch/core';
import { z } from 'zod';
import type { DashboardConfig } from '../dashboard-config.js';

/** The environment variable holding comma-separated dashboard API keys. */
export const apiKeysEnvironmentVariable = 'DRIFTWATCH_DASHBOARD_API_KEYS';

/** {@link DashboardConfig} with every default applied, frozen. */
export interface ResolvedDashboardConfig {
  store: EventStore;
  registry: RegistryStore | undefined;
  /** `''` or a path starting with `/` and not ending with one. */
  basePath: string;
  /** Empty when the guard is off. */
  apiKeys: readonly string[];
  sessionMaxAgeSeconds: number;
  refreshIntervalSeconds: number;
  rangeSeconds: number;
  distributionWindowSeconds: number;
  maxChartPoints: number;
  maxDistributionBuckets: number;
  rocWindowSeconds: number;
  maxRocPredictions: number;
  logLimit: number;
  positiveLabel: string | number | boolean | undefined;
  /** Starts a retraining of the model; resolves with a job id when one is known, `false` when one is already queued. */
  startRetraining: ((modelName: string) => Promise<string | undefined | false>) | undefined;
  retrainingExperiment: (modelName: string) => string;
  models: readonly string[] | undefined;
  title: string;
  clock: Clock;
  onError: (error: DriftwatchError) => void;
}

/** The longest range a page may ask for. */
export const maxRangeSeconds = 30 * 86_400;

const isFunction = (value: unknown): boolean => typeof value === 'function';
const hasMethods =
  (...names: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' && value !== null && names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const positiveInteger = (maximum: number) => z.number().int().min(1).max(maximum);

const configSchema = z
  .object({
    store: z.custom<EventStore>(hasMethods('readCheckResults', 'readWindowProfiles', 'readPredictions', 'readAlerts'), {
      message: 'store must be an EventStore',
    }),
    registry: z.custom<RegistryStore>(hasMethods('listAliases', 'readAliasHistory', 'moveAlias', 'listRuns'), {
      message: 'registry must be a RegistryStore',
    }).optional(),
    basePath: z
      .string()
      .regex(/^(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*\/?$/, 'basePath must be a path such as /driftwatch')
      .optional(),
    apiKeys: z.union([z.literal(false), z.array(z.string().min(1).max(4096)).readonly()]).optional(),
    sessionMaxAgeSeconds: positiveInteger(400 * 86_400).optional(),
    refreshIntervalSeconds: z.number().min(1).max(60).optional(),
    rangeSeconds: positiveInteger(maxRangeSeconds).min(60).optional(),
    distributionWindowSeconds: positiveInteger(maxRangeSeconds).min(60).optional(),
    maxChartPoints: positiveInteger(10_000).min(2).optional(),
    maxDistributionBuckets: positiveInteger(1000).optional(),
    rocWindowSeconds: positiveInteger(maxRangeSeconds).min(60).optional(),
    maxRocPredictions: positiveInteger(10_000_000).min(2).optional(),
    logLimit: positiveInteger(1000).optional(),
    positiveLabel: z.union([z.string(), z.number(), z.boolean()]).optional(),
    retrain: z
      .object({
        queue: z.custom<JobQueue>(hasMethods('send'), { message: 'retrain.queue must be a JobQueue' }),
        jobName: z.union([z.string().min(1), z.custom<(modelName: string) => string>(isFunction)]).optional(),
        payload: z.unknown().optional(),
      })
      .optional(),
    onRetrain: z.custom<(modelName: string) => void | Promise<void>>(isFunction, { message: 'onRetrain must be a function' }).optional(),
    retrainingExperiment: z.custom<(modelName: string) => string>(isFunction).optional(),
    models: z.array(z.string().min(1)).readonly().optional(),
    title: z.string().min(1).max(200).optional(),
    environment: z.record(z.string(), z.string().optional()).optional(),
    clock: z.custom<Clock>(hasMethods('now')).optional(),
    onError: z.custom<(error: DriftwatchError) => void>(isFunction).optional(),
  })
  .refine((config) => config.retrain === undefined || config.onRetrain === undefined, {
    message: 'Pass retrain or onRetrain, not both.',
    path: ['onRetrain'],
  });

function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] dashboard: ${error.message}`);
}

/**
 * Validates a {@link DashboardConfig} and applies every default, in this one place. Throws
 * `VALIDATION_FAILED` with the zod issues as `details.issues`.
 *
 * @example
 * ```ts
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * import { resolveDashboardConfig } from './resolve-dashboard-config.js';
 * resolveDashboardConfig({ store: createInMemoryEventStore() }).refreshIntervalSeconds; // 5
 * ```
 */
export function resolveDashboardConfig(config: DashboardConfig): Readonly<ResolvedDashboardConfig> {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid dashboard config: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`).join('; ')}`,
      details: { issues: parsed.error.issues },
    });
  }
  const environment = config.environment ?? process.env;
  const environmentKeys = (environment[apiKeysEnvironmentVariable] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const apiKeys = config.apiKeys === false ? [] : config.apiKeys !== undefined ? [...config.apiKeys] : environmentKeys;
  const basePath = (config.basePath ?? '').replace(/\/+$/, '');
  return Object.freeze({
    store: config.store,
    registry: config.registry,
    basePath,
    apiKeys: Object.freeze(apiKeys),
    sessionMaxAgeSeconds: config.sessionMaxAgeSeconds ?? 43_200,
    refreshIntervalSeconds: config.refreshIntervalSeconds ?? 5,
    rangeSeconds: config.rangeSeconds ?? 86_400,
    distributionWindowSeconds: config.distributionWindowSeconds ?? 3600,
    maxChartPoints: config.maxChartPoints ?? 240,
    maxDistributionBuckets: config.maxDistributionBuckets ?? 48,
    rocWindowSeconds: config.rocWindowSeconds ?? 3600,
    maxRocPredictions: config.maxRocPredictions ?? 20_000,
    logLimit: config.logLimit ?? 100,
    positiveLabel: config.positiveLabel,
    startRetraining: resolveStartRetraining(config),
    retrainingExperiment: config.retrainingExperiment ?? ((modelName: string) => `retraining:${modelName}`),
    models: config.models === undefined ? undefined : Object.freeze([...config.models]),
    title: config.title ?? 'Driftwatch',
    clock: config.clock ?? systemClock,
    onError: config.onError ?? warn,
  });
}

function resolveStartRetraining(config: DashboardConfig): ResolvedDashboardConfig['startRetraining'] {
  const { onRetrain, retrain } = config;
  if (onRetrain !== undefined) {
    return async (modelName) => {
      await onRetrain(modelName);
      return undefined;
    };
  }
  if (retrain === undefined) return undefined;
  const jobNameOf = (modelName: string): string =>
    typeof retrain.jobName === 'function' ? retrain.jobName(modelName) : (retrain.jobName ?? `driftwatch.retraining.${modelName}`);
  const payload = retrain.payload ?? { trigger: 'manual', reason: 'started from the dashboard' };
  return async (modelName) => {
    const jobId = await retrain.queue.send(jobNameOf(modelName), payload, { singletonKey: modelName });
    return jobId === undefined ? false : jobId;
  };
}
