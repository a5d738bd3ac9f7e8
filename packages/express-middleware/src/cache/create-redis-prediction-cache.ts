import { DriftwatchError, type Prediction } from '@driftwatch/core';
import type { CachedPrediction, PredictionCache } from './prediction-cache.js';

/**
 * The subset of an ioredis client that the Redis cache calls, described here instead of
 * imported so that ioredis stays an optional peer dependency you pass in.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { RedisClient } from '@driftwatch/express-middleware';
 * const client: RedisClient = new Redis({ commandTimeout: 50, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * ```
 */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, expiryMode: 'PX', milliseconds: number): Promise<unknown>;
}

/**
 * Config for {@link createRedisPredictionCache}.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import type { RedisPredictionCacheConfig } from '@driftwatch/express-middleware';
 * const config: RedisPredictionCacheConfig = {
 *   client: new Redis({ host: '127.0.0.1', port: 6379, commandTimeout: 50, enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
 *   ttlSeconds: 600,
 * };
 * ```
 */
export interface RedisPredictionCacheConfig {
  /**
   * An ioredis client. Create it so that an outage fails fast instead of queueing:
   * `commandTimeout` (say 50), `enableOfflineQueue: false`, `maxRetriesPerRequest` 0 or 1.
   * The cache never closes it.
   */
  client: RedisClient;
  /** How long a response is served from the cache. @default 300 */
  ttlSeconds?: number;
  /** Prefix of every key, so that the cache can share a Redis database. @default 'driftwatch:prediction:' */
  keyPrefix?: string;
  /** A read slower than this counts as a miss (and is reported): a guard for clients without `commandTimeout`. @default 50 */
  timeoutMillis?: number;
}

const defaults = Object.freeze({ ttlSeconds: 300, keyPrefix: 'driftwatch:prediction:', timeoutMillis: 50 });

/**
 * A {@link PredictionCache} in Redis, shared by every replica. Entries expire after
 * `ttlSeconds` (`SET … PX`). A read or write that fails or takes longer than `timeoutMillis`
 * rejects; the middleware then serves the request without the cache and reports it, so a Redis
 * outage costs cache hits, never requests.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis';
 * import { createRedisPredictionCache } from '@driftwatch/express-middleware';
 * const client = new Redis({ commandTimeout: 50, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
 * const cache = createRedisPredictionCache({ client, ttlSeconds: 600 });
 * // createDriftwatchMiddleware({ …, cache });
 * ```
 */
export function createRedisPredictionCache(config: RedisPredictionCacheConfig): PredictionCache {
  const settings = Object.freeze({
    client: config.client,
    ttlMillis: Math.round((config.ttlSeconds ?? defaults.ttlSeconds) * 1000),
    keyPrefix: config.keyPrefix ?? defaults.keyPrefix,
    timeoutMillis: config.timeoutMillis ?? defaults.timeoutMillis,
  });
  if (typeof settings.client?.get !== 'function' || typeof settings.client.set !== 'function') {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: 'createRedisPredictionCache needs an ioredis client (get and set).' });
  }
  if (!(settings.ttlMillis > 0 && Number.isFinite(settings.ttlMillis))) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `ttlSeconds must be a positive number, got ${config.ttlSeconds}.` });
  }
  if (!(settings.timeoutMillis > 0 && Number.isFinite(settings.timeoutMillis))) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `timeoutMillis must be a positive number, got ${config.timeoutMillis}.` });
  }

  function withTimeout<Value>(operation: string, promise: Promise<Value>): Promise<Value> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DriftwatchError({ code: 'STORE_FAILED', message: `Redis ${operation} took longer than ${settings.timeoutMillis} ms.` })),
        settings.timeoutMillis,
      );
      timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  return {
    async get(key) {
      const text = await withTimeout('GET', settings.client.get(settings.keyPrefix + key));
      if (text === null) return undefined;
      const parsed = JSON.parse(text) as { body?: unknown; prediction?: unknown };
      // Another writer may share the prefix: anything that is not our shape is a miss.
      if (typeof parsed?.body !== 'string' || typeof parsed.prediction !== 'object' || parsed.prediction === null) return undefined;
      return { body: parsed.body, prediction: parsed.prediction as Prediction };
    },
    async set(key, value: CachedPrediction) {
      await withTimeout('SET', settings.client.set(settings.keyPrefix + key, JSON.stringify(value), 'PX', settings.ttlMillis));
    },
    async shutdown() {
      // The client belongs to the caller.
    },
  };
}
