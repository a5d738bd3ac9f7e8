// Express middleware
export { createDriftwatchMiddleware } from './express/create-driftwatch-middleware.js';
export type { DriftwatchMiddleware, DriftwatchMiddlewareConfig } from './express/create-driftwatch-middleware.js';
export type { ExpressErrorHandler, ExpressHandler, ExpressNext, ExpressRequest, ExpressResponse } from './express/express-types.js';

// Shared config (the Fastify plugin is at '@driftwatch/express-middleware/fastify')
export type {
  DriftwatchConfig,
  DriftwatchCounters,
  DriftwatchRequest,
  DriftwatchRequestContext,
  ShadowDecision,
} from './driftwatch-config.js';
export { defaultGetPrediction } from './prediction/default-get-prediction.js';

// API keys
export { createApiKeyVerifier } from './authentication/create-api-key-verifier.js';
export type { ApiKeyOptions, ApiKeyVerifier } from './authentication/create-api-key-verifier.js';

// Prediction cache
export type { CachedPrediction, PredictionCache } from './cache/prediction-cache.js';
export { createMemoryPredictionCache } from './cache/create-memory-prediction-cache.js';
export type { MemoryPredictionCacheConfig } from './cache/create-memory-prediction-cache.js';
export { createRedisPredictionCache } from './cache/create-redis-prediction-cache.js';
export type { RedisClient, RedisPredictionCacheConfig } from './cache/create-redis-prediction-cache.js';
export { predictionCacheKey } from './cache/prediction-cache-key.js';
export { canonicalJson } from './cache/canonical-json.js';

// Prometheus metrics
export { createDriftwatchMetrics } from './metrics/create-driftwatch-metrics.js';
export type { DriftwatchMetrics, DriftwatchMetricsConfig, InvalidBodyReason, RequestStatus } from './metrics/create-driftwatch-metrics.js';
