import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/**
 * The cache key of a request: a SHA-256 of the model name, the model version and the
 * features in canonical JSON (keys sorted at every level). The same features in another key
 * order give the same key; a new model version gives a new key, which is how a deployment
 * invalidates the cache.
 *
 * @example
 * ```ts
 * import { predictionCacheKey } from '@driftwatch/express-middleware';
 * predictionCacheKey({ modelName: 'churn', modelVersion: '3', features: { tenure: 12, Contract: 'Two year' } }); // 64 hex digits
 * ```
 */
export function predictionCacheKey(input: { modelName: string; modelVersion: string; features: Record<string, unknown> }): string {
  return createHash('sha256')
    .update(canonicalJson([input.modelName, input.modelVersion, input.features]))
    .digest('hex');
}
