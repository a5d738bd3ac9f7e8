import { DriftwatchError, systemClock, type Clock } from '@driftwatch/core';
import type { CachedPrediction, PredictionCache } from './prediction-cache.js';

/**
 * Config for {@link createMemoryPredictionCache}.
 *
 * @example
 * ```ts
 * import type { MemoryPredictionCacheConfig } from '@driftwatch/express-middleware';
 * const config: MemoryPredictionCacheConfig = { maxEntries: 50_000, ttlSeconds: 600 };
 * ```
 */
export interface MemoryPredictionCacheConfig {
  /** Most responses kept; the least recently used one is evicted first. @default 10000 */
  maxEntries?: number;
  /** How long a response is served from the cache. @default 300 */
  ttlSeconds?: number;
  /** Time, for expiry. @default systemClock */
  clock?: Clock;
}

const defaults = Object.freeze({ maxEntries: 10_000, ttlSeconds: 300 });

/**
 * An in-process LRU {@link PredictionCache} with a time to live: the default cache, for one
 * replica. Each replica keeps its own; use `createRedisPredictionCache` to share one.
 *
 * @example
 * ```ts
 * import { createMemoryPredictionCache } from '@driftwatch/express-middleware';
 * const cache = createMemoryPredictionCache({ maxEntries: 1000, ttlSeconds: 60 });
 * cache.set('key', { body: '{"score":0.4}', prediction: { score: 0.4 } });
 * cache.get('key'); // the entry, for 60 seconds
 * ```
 */
export function createMemoryPredictionCache(config: MemoryPredictionCacheConfig = {}): PredictionCache {
  const settings = Object.freeze({
    maxEntries: config.maxEntries ?? defaults.maxEntries,
    ttlMillis: (config.ttlSeconds ?? defaults.ttlSeconds) * 1000,
    clock: config.clock ?? systemClock,
  });
  if (!Number.isInteger(settings.maxEntries) || settings.maxEntries < 1) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `maxEntries must be a positive integer, got ${settings.maxEntries}.` });
  }
  if (!(settings.ttlMillis > 0 && Number.isFinite(settings.ttlMillis))) {
    throw new DriftwatchError({ code: 'VALIDATION_FAILED', message: `ttlSeconds must be a positive number, got ${config.ttlSeconds}.` });
  }
  // A Map iterates in insertion order: re-inserting on every hit keeps the oldest entry first.
  const entries = new Map<string, { value: CachedPrediction; expiresAtMillis: number }>();

  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (entry.expiresAtMillis <= settings.clock.now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, { value, expiresAtMillis: settings.clock.now() + settings.ttlMillis });
      if (entries.size > settings.maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
    async shutdown() {
      entries.clear();
    },
  };
}
