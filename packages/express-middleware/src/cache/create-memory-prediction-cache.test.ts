import { createFakeClock } from '@driftwatch/core/testing';
import { describe, expect, it } from 'vitest';
import { createMemoryPredictionCache } from './create-memory-prediction-cache.js';

const entry = (score: number) => ({ body: JSON.stringify({ score }), prediction: { score } });

describe('createMemoryPredictionCache', () => {
  it('evicts the least recently used entry beyond maxEntries', () => {
    const cache = createMemoryPredictionCache({ maxEntries: 2 });
    cache.set('a', entry(1));
    cache.set('b', entry(2));
    expect(cache.get('a')).toEqual(entry(1)); // a is now the most recent
    cache.set('c', entry(3));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual(entry(1));
    expect(cache.get('c')).toEqual(entry(3));
  });

  it('expires entries after ttlSeconds', () => {
    const clock = createFakeClock({ startMillis: 1_000_000 });
    const cache = createMemoryPredictionCache({ ttlSeconds: 10, clock });
    cache.set('a', entry(1));
    clock.advance(9_999);
    expect(cache.get('a')).toEqual(entry(1));
    clock.advance(1);
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a nonsensical config', () => {
    expect(() => createMemoryPredictionCache({ maxEntries: 0 })).toThrow(/maxEntries/);
    expect(() => createMemoryPredictionCache({ ttlSeconds: -1 })).toThrow(/ttlSeconds/);
  });
});
