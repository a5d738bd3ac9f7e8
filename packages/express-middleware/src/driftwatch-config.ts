import type { DriftwatchError, EventStore, ModelRouter, Prediction, PredictionLogger, RouteDecision } from '@driftwatch/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { ApiKeyOptions } from './authentication/create-api-key-verifier.js';
import type { PredictionCache } from './cache/prediction-cache.js';
import type { DriftwatchMetrics } from './metrics/create-driftwatch-metrics.js';

/**
 * The part of an HTTP request that Driftwatch's hooks can rely on, in Express and in Fastify
 * alike. `body` is the validated body by the time a hook sees it.
 *
 * @example
 * ```ts
 * import type { DriftwatchRequest } from '@driftwatch/express-middleware';
 * const customerOf = (request: DriftwatchRequest) => String(request.headers['x-customer-id'] ?? '');
 * ```
 */
export interface DriftwatchRequest {
  body?: unknown;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * What the middleware hands the route handler (`res.locals.driftwatch` in Express,
 * `request.driftwatch` in Fastify).
 *
 * @example
 * ```ts
 * import type { DriftwatchRequestContext } from '@driftwatch/express-middleware';
 * function versionOf(context: DriftwatchRequestContext) {
 *   return context.route.alias === 'challenger' ? context.route.modelVersion : 'champion';
 * }
 * ```
 */
export interface DriftwatchRequestContext {
  /** The id logged with the prediction and returned in the prediction id header. */
  readonly predictionId: string;
  /** The model version to serve: the router's decision, or the configured `modelVersion`. */
  readonly route: RouteDecision;
}

/**
 * A shadow version the router asked to score in the background.
 *
 * @example
 * ```ts
 * import type { ShadowDecision } from '@driftwatch/express-middleware';
 * const shadow: ShadowDecision = { alias: 'shadow', modelVersion: '5-candidate' };
 * ```
 */
export type ShadowDecision = NonNullable<RouteDecision['shadow']>;

/**
 * Config shared by `createDriftwatchMiddleware` (Express) and `driftwatchFastify` (Fastify).
 * Only `modelName`, `store`, and `modelVersion` or `router` are required. Hooks receive the
 * framework's own request object.
 *
 * @example
 * ```ts
 * import type { DriftwatchConfig } from '@driftwatch/express-middleware';
 * import { createInMemoryEventStore } from '@driftwatch/core/testing';
 * const config: DriftwatchConfig = {
 *   modelName: 'churn',
 *   modelVersion: '3',
 *   store: createInMemoryEventStore(),
 *   getUnitKey: (request) => String(request.headers['x-customer-id'] ?? ''),
 * };
 * ```
 */
export interface DriftwatchConfig<Request extends DriftwatchRequest = DriftwatchRequest> {
  /** The model the wrapped route serves; logged with every prediction and asked of the router. */
  modelName: string;
  /**
   * The version served when no `router` is configured, and when the router fails or times out
   * (the decision's alias is then `fallback`). Required without a router.
   * @default undefined (with a router, a failed route falls back to version `'unrouted'`)
   */
  modelVersion?: string;
  /** Where outcomes are written, and predictions too unless you pass your own `logger`. The middleware never shuts it down. */
  store: EventStore;
  /**
   * The prediction logger. When absent the middleware creates one on `store` (with `onError`),
   * owns it, and shuts it down in `shutdown()`; a logger you pass is only flushed.
   * @default createPredictionLogger({ store, onError })
   */
  logger?: PredictionLogger;
  /**
   * Validates the request body: any Standard Schema (zod, valibot, arktype…). A body that fails
   * gets a 422 with the issues, the handler is not called, and it is counted as an invalid body.
   * Its output replaces the body the handler sees.
   * @default undefined (any JSON object is accepted)
   */
  schema?: StandardSchemaV1;
  /**
   * The features to log, from the request (whose `body` is the validated body). A hook that
   * throws leaves the request unmonitored and is reported to `onError`.
   * @default (request) => request.body, which must be a JSON object
   */
  getFeatures?: (request: Request) => Record<string, unknown>;
  /**
   * The prediction in the JSON response body.
   * @default defaultGetPrediction: `label` (or `prediction`) and `score` (or `probability`), also inside a `prediction` object
   */
  getPrediction?: (responseBody: unknown) => Prediction;
  /**
   * The key that keeps routing sticky, such as a customer id. `undefined` lets the router choose freely.
   * @default undefined (no unit key)
   */
  getUnitKey?: (request: Request) => string | undefined;
  /** The request header logged as the prediction's `requestId`. @default 'x-request-id' */
  requestIdHeader?: string;
  /** The response header that carries the prediction id, for joining outcomes later; sent in lower case, as HTTP/2 requires and both frameworks store header names. @default 'x-prediction-id' */
  predictionIdHeader?: string;
  /**
   * Chooses champion or challenger for each request, sticky by `getUnitKey`. Only the
   * `ModelRouter` contract of `@driftwatch/core` is used. The middleware never shuts it down.
   * @default undefined (every request is served by `modelVersion`, alias `default`)
   */
  router?: ModelRouter;
  /** A routing decision slower than this falls back to `modelVersion` and is reported. @default 200 */
  routerTimeoutMillis?: number;
  /**
   * Scores the shadow version of a decision with `shadow`, after the response has been sent.
   * Its result is logged with the shadow version and `shadowSegment`, never returned.
   * @default undefined (shadow decisions are not scored)
   */
  scoreShadow?: (features: Record<string, unknown>, shadow: ShadowDecision) => Prediction | Promise<Prediction>;
  /** The segment of shadow predictions. @default 'shadow' */
  shadowSegment?: string;
  /** Most shadow scorings running at once; further ones are skipped and counted. @default 64 */
  maxShadowInFlight?: number;
  /**
   * Requires an API key on the predict, outcomes and metrics routes (never on the health
   * route). `true` reads the keys from `DRIFTWATCH_API_KEYS`.
   * @default false
   */
  apiKeys?: boolean | ApiKeyOptions;
  /**
   * Serves repeated requests from a cache keyed by the features and the model version: `true`
   * for an in-memory LRU with its defaults, or a cache such as `createRedisPredictionCache(...)`.
   * The middleware never shuts a cache you pass down.
   * @default false
   */
  cache?: boolean | PredictionCache;
  /**
   * Prometheus metrics: `true` for `createDriftwatchMetrics()` on a registry of its own, or
   * metrics you created (to share them, or to feed them from a Monitor).
   * @default false
   */
  metrics?: boolean | DriftwatchMetrics;
  /** Largest request body the middleware reads itself (Express) or lets Fastify parse on its routes; larger ones get 413. @default 1048576 */
  maxBodyBytes?: number;
  /** Deepest nesting of objects and arrays in a request body; deeper ones get 422. @default 32 */
  maxBodyDepth?: number;
  /** Most outcomes in one request to the outcomes route. @default 1000 */
  maxOutcomesPerRequest?: number;
  /** A `store.writeOutcomes` call slower than this gets a 503. @default 5000 */
  outcomesTimeoutMillis?: number;
  /** Path of the outcomes route (POST); `false` leaves it out. @default '/outcomes' */
  outcomesPath?: string | false;
  /** Path of the health route (GET, never guarded); `false` leaves it out. @default '/healthz' */
  healthPath?: string | false;
  /** Path of the metrics route (GET), served when `metrics` is on; `false` leaves it out. @default '/metrics' */
  metricsPath?: string | false;
  /**
   * Hears about every monitoring failure (store, hooks, cache, router, shadow scoring). Called
   * inside a guard: what it throws is ignored. Repeated failures of one source are reported at
   * most once every 10 seconds.
   * @default a one-line `console.warn`
   */
  onError?: (error: DriftwatchError) => void;
}

/**
 * Counts the middleware keeps since it started.
 *
 * @example
 * ```ts
 * import type { DriftwatchCounters } from '@driftwatch/express-middleware';
 * const invalidShare = (counters: DriftwatchCounters) => counters.invalidBodies / Math.max(1, counters.requests);
 * ```
 */
export interface DriftwatchCounters {
  /** Requests to the wrapped route, rejected ones included. */
  requests: number;
  /** Predictions logged with status `ok` (cache hits included). */
  predictions: number;
  /** Predictions logged with status `error` (the handler failed or answered ≥ 400). */
  errors: number;
  /** Bodies refused as malformed (422, 400, 413, 415): the data-quality counter. Never logged as predictions. */
  invalidBodies: number;
  /** Requests refused for a missing or wrong API key. */
  unauthorized: number;
  cacheHits: number;
  cacheMisses: number;
  /** Shadow predictions scored and logged. */
  shadowScored: number;
  /** Shadow scorings skipped because `maxShadowInFlight` were running. */
  shadowSkipped: number;
  /** Monitoring failures (all of them, including those not reported because of throttling). */
  monitoringErrors: number;
}
