import type { Prediction } from '@driftwatch/core';

/**
 * A response the prediction cache replays: the JSON body the handler sent, already
 * serialized, and the prediction read from it.
 *
 * @example
 * ```ts
 * import type { CachedPrediction } from '@driftwatch/express-middleware';
 * const entry: CachedPrediction = { body: '{"label":"Yes","score":0.71}', prediction: { label: 'Yes', score: 0.71 } };
 * ```
 */
export interface CachedPrediction {
  /** The response body, as sent (JSON text). */
  body: string;
  prediction: Prediction;
}

/**
 * Where the middleware keeps responses for repeated features. Keys already include the model
 * name and version (see `predictionCacheKey`), so a new version never reads an old answer.
 * Implemented by `createMemoryPredictionCache` and `createRedisPredictionCache`.
 *
 * A cache may reject or throw: the middleware then serves the request without it and reports
 * the failure to `onError`.
 *
 * @example
 * ```ts
 * import type { CachedPrediction, PredictionCache } from '@driftwatch/express-middleware';
 * const entries = new Map<string, CachedPrediction>();
 * const cache: PredictionCache = {
 *   get: (key) => entries.get(key),
 *   set: (key, value) => void entries.set(key, value),
 *   async shutdown() {},
 * };
 * ```
 */
export interface PredictionCache {
  /** The cached response for `key`, or `undefined` on a miss. */
  get(key: string): CachedPrediction | undefined | Promise<CachedPrediction | undefined>;
  /** Stores a response; the cache decides how long it lives. */
  set(key: string, value: CachedPrediction): void | Promise<void>;
  /** Releases what the cache opened itself (never a client you passed in). Idempotent. */
  shutdown(): Promise<void>;
}
