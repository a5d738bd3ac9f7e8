// Fastify plugin
export { driftwatchFastify } from './driftwatch-fastify.js';
export type { DriftwatchFastifyHandle, DriftwatchFastifyOptions } from './driftwatch-fastify.js';

// Shared with the Express entry, so that a Fastify app needs one import
export type {
  DriftwatchConfig,
  DriftwatchCounters,
  DriftwatchRequest,
  DriftwatchRequestContext,
  ShadowDecision,
} from '../driftwatch-config.js';
export { createMemoryPredictionCache } from '../cache/create-memory-prediction-cache.js';
export type { MemoryPredictionCacheConfig } from '../cache/create-memory-prediction-cache.js';
export { createRedisPredictionCache } from '../cache/create-redis-prediction-cache.js';
export type { RedisClient, RedisPredictionCacheConfig } from '../cache/create-redis-prediction-cache.js';
export type { CachedPrediction, PredictionCache } from '../cache/prediction-cache.js';
export { createDriftwatchMetrics } from '../metrics/create-driftwatch-metrics.js';
export type { DriftwatchMetrics, DriftwatchMetricsConfig } from '../metrics/create-driftwatch-metrics.js';
