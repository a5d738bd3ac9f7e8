import {
  createPredictionLogger,
  DriftwatchError,
  type EventStore,
  type ModelRouter,
  type Prediction,
  type PredictionLogger,
  type RouteDecision,
} from '@driftwatch/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { z } from 'zod';
import { createApiKeyVerifier, type ApiKeyVerifier } from '../authentication/create-api-key-verifier.js';
import { createMemoryPredictionCache } from '../cache/create-memory-prediction-cache.js';
import type { PredictionCache } from '../cache/prediction-cache.js';
import type { DriftwatchConfig, DriftwatchRequest, ShadowDecision } from '../driftwatch-config.js';
import { createDriftwatchMetrics, type DriftwatchMetrics } from '../metrics/create-driftwatch-metrics.js';
import { defaultGetPrediction } from '../prediction/default-get-prediction.js';

/** Every default of the middleware and the Fastify plugin, in the one place they are applied. */
export const driftwatchDefaults = Object.freeze({
  requestIdHeader: 'x-request-id',
  predictionIdHeader: 'x-prediction-id',
  routerTimeoutMillis: 200,
  shadowSegment: 'shadow',
  maxShadowInFlight: 64,
  maxBodyBytes: 1_048_576,
  maxBodyDepth: 32,
  maxOutcomesPerRequest: 1000,
  outcomesTimeoutMillis: 5000,
  outcomesPath: '/outcomes',
  healthPath: '/healthz',
  metricsPath: '/metrics',
  /** The version a failed routing decision falls back to when no `modelVersion` is configured. */
  unroutedVersion: 'unrouted',
});

/** The config after defaults; frozen. Owned resources are shut down by `shutdown()`. */
export interface ResolvedDriftwatchConfig<Request extends DriftwatchRequest> {
  readonly modelName: string;
  /** The decision used without a router, and when the router fails (alias `fallback` then). */
  readonly staticRoute: RouteDecision;
  readonly fallbackRoute: RouteDecision;
  /** The `version` label of requests refused before routing: the version without a router, `''` with one. */
  readonly unroutedVersionLabel: string;
  readonly store: EventStore;
  readonly logger: PredictionLogger;
  readonly ownsLogger: boolean;
  readonly schema: StandardSchemaV1 | undefined;
  readonly getFeatures: ((request: Request) => Record<string, unknown>) | undefined;
  readonly getPrediction: (responseBody: unknown) => Prediction;
  readonly getUnitKey: ((request: Request) => string | undefined) | undefined;
  readonly requestIdHeader: string;
  readonly predictionIdHeader: string;
  readonly router: ModelRouter | undefined;
  readonly routerTimeoutMillis: number;
  readonly scoreShadow: ((features: Record<string, unknown>, shadow: ShadowDecision) => Prediction | Promise<Prediction>) | undefined;
  readonly shadowSegment: string;
  readonly maxShadowInFlight: number;
  readonly apiKeyVerifier: ApiKeyVerifier | undefined;
  readonly cache: PredictionCache | undefined;
  readonly ownsCache: boolean;
  readonly metrics: DriftwatchMetrics | undefined;
  readonly maxBodyBytes: number;
  readonly maxBodyDepth: number;
  readonly maxOutcomesPerRequest: number;
  readonly outcomesTimeoutMillis: number;
  readonly outcomesPath: string | false;
  readonly healthPath: string | false;
  readonly metricsPath: string | false;
  readonly onError: (error: DriftwatchError) => void;
}

const positiveInteger = z.number().int().positive();
const positiveMillis = z.number().positive().finite();
const path = z.union([z.string().startsWith('/'), z.literal(false)]);
const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a valid HTTP header name');

const configSchema = z.object({
  modelName: z.string().min(1),
  modelVersion: z.string().min(1).optional(),
  requestIdHeader: headerName.optional(),
  predictionIdHeader: headerName.optional(),
  routerTimeoutMillis: positiveMillis.optional(),
  shadowSegment: z.string().min(1).optional(),
  maxShadowInFlight: positiveInteger.optional(),
  maxBodyBytes: positiveInteger.optional(),
  maxBodyDepth: positiveInteger.max(1000).optional(),
  maxOutcomesPerRequest: positiveInteger.optional(),
  outcomesTimeoutMillis: positiveMillis.optional(),
  outcomesPath: path.optional(),
  healthPath: path.optional(),
  metricsPath: path.optional(),
});

const hookNames = ['getFeatures', 'getPrediction', 'getUnitKey', 'scoreShadow', 'onError'] as const;

function warn(error: DriftwatchError): void {
  console.warn(`[driftwatch] middleware: ${error.message}`);
}

/** Validates the config (throwing `VALIDATION_FAILED` at construction, never on a request) and applies every default. */
export function resolveDriftwatchConfig<Request extends DriftwatchRequest>(config: DriftwatchConfig<Request>): ResolvedDriftwatchConfig<Request> {
  if (typeof config !== 'object' || config === null) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'The Driftwatch middleware needs a config object.' });
  }
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    throw new DriftwatchError({
      code: 'VALIDATION_FAILED',
      message: `Invalid Driftwatch middleware config: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}.`,
      details: { issues: parsed.error.issues },
    });
  }
  const store = config.store as Partial<EventStore> | undefined;
  if (typeof store?.writeOutcomes !== 'function' || (config.logger === undefined && typeof store.writePredictions !== 'function')) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.store must be an EventStore.' });
  }
  if (config.router === undefined && config.modelVersion === undefined) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'Set config.modelVersion, or config.router to choose versions per request.' });
  }
  if (config.router !== undefined && typeof config.router.route !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.router must be a ModelRouter (route, shutdown).' });
  }
  if (config.schema !== undefined && typeof config.schema?.['~standard']?.validate !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.schema must be a Standard Schema (zod, valibot, arktype…).' });
  }
  for (const name of hookNames) {
    if (config[name] !== undefined && typeof config[name] !== 'function') {
      throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `config.${name} must be a function.` });
    }
  }

  const defaults = driftwatchDefaults;
  const onError = config.onError ?? warn;
  // The verifier first: it throws when the keys are missing, before anything with timers exists.
  const apiKeyVerifier =
    config.apiKeys === undefined || config.apiKeys === false
      ? undefined
      : createApiKeyVerifier(config.apiKeys === true ? {} : config.apiKeys);
  if (config.cache !== undefined && typeof config.cache !== 'boolean' && typeof config.cache?.get !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.cache must be a boolean or a PredictionCache (get, set, shutdown).' });
  }
  if (config.metrics !== undefined && typeof config.metrics !== 'boolean' && typeof config.metrics?.render !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'config.metrics must be a boolean or DriftwatchMetrics.' });
  }
  const cache = config.cache === true ? createMemoryPredictionCache() : config.cache === false ? undefined : config.cache;
  const metrics = config.metrics === true ? createDriftwatchMetrics({ onError }) : config.metrics === false ? undefined : config.metrics;
  const logger = config.logger ?? createPredictionLogger({ store: config.store, onError });
  metrics?.trackLogger(logger);
  const modelVersion = config.modelVersion ?? defaults.unroutedVersion;

  return Object.freeze({
    modelName: config.modelName,
    staticRoute: Object.freeze({ alias: 'default', modelName: config.modelName, modelVersion }),
    fallbackRoute: Object.freeze({ alias: 'fallback', modelName: config.modelName, modelVersion }),
    unroutedVersionLabel: config.router === undefined ? modelVersion : '',
    store: config.store,
    logger,
    ownsLogger: config.logger === undefined,
    schema: config.schema,
    getFeatures: config.getFeatures,
    getPrediction: config.getPrediction ?? defaultGetPrediction,
    getUnitKey: config.getUnitKey,
    requestIdHeader: (config.requestIdHeader ?? defaults.requestIdHeader).toLowerCase(),
    // Lower case, as both frameworks store header names: a mixed-case name is lowered again on every response.
    predictionIdHeader: (config.predictionIdHeader ?? defaults.predictionIdHeader).toLowerCase(),
    router: config.router,
    routerTimeoutMillis: config.routerTimeoutMillis ?? defaults.routerTimeoutMillis,
    scoreShadow: config.scoreShadow,
    shadowSegment: config.shadowSegment ?? defaults.shadowSegment,
    maxShadowInFlight: config.maxShadowInFlight ?? defaults.maxShadowInFlight,
    apiKeyVerifier,
    cache,
    ownsCache: config.cache === true,
    metrics,
    maxBodyBytes: config.maxBodyBytes ?? defaults.maxBodyBytes,
    maxBodyDepth: config.maxBodyDepth ?? defaults.maxBodyDepth,
    maxOutcomesPerRequest: config.maxOutcomesPerRequest ?? defaults.maxOutcomesPerRequest,
    outcomesTimeoutMillis: config.outcomesTimeoutMillis ?? defaults.outcomesTimeoutMillis,
    outcomesPath: config.outcomesPath ?? defaults.outcomesPath,
    healthPath: config.healthPath ?? defaults.healthPath,
    metricsPath: config.metricsPath ?? defaults.metricsPath,
    onError,
  });
}
