import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { predictionCacheKey } from './prediction-cache-key.js';

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(() => random() - 0.5);
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffleKeys(item, random)]));
}

describe('canonicalJson', () => {
  it('sorts keys at every level and otherwise matches JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: [undefined, () => 1], c: Number.NaN, d: new Date(0) })).toBe('{"b":[null,null],"c":null,"d":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson({ big: 1n })).toThrow(/BigInt/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow(/cycle/);
  });

  it('gives the same text whatever the key order, and parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed;
        const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
        expect(canonicalJson(shuffleKeys(value, random))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('predictionCacheKey', () => {
  it('depends on the features, the model and its version, not on key order', () => {
    const base = { modelName: 'churn', modelVersion: '3', features: { tenure: 12, Contract: 'One year' } };
    const key = predictionCacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(predictionCacheKey({ ...base, features: { Contract: 'One year', tenure: 12 } })).toBe(key);
    expect(predictionCacheKey({ ...base, modelVersion: '4' })).not.toBe(key);
    expect(predictionCacheKey({ ...base, modelName: 'upsell' })).not.toBe(key);
    expect(predictionCacheKey({ ...base, features: { tenure: 13, Contract: 'One year' } })).not.toBe(key);
  });
});
